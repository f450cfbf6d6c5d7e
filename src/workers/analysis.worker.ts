/// <reference lib="webworker" />
// Thin shell: all logic is in src/lib/analysis/dispatch.ts (tested in Node).
import { createDispatcher } from '../lib/analysis/dispatch.ts';
import type { AnalysisRequest, AnalysisResponse } from '../lib/analysis/protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const dispatcher = createDispatcher((msg: AnalysisResponse) => scope.postMessage(msg));

scope.addEventListener('message', (e: MessageEvent<AnalysisRequest>) => {
  void dispatcher.handle(e.data);
});
