// Import worker: parses files off the main thread. All logic is in src/lib/io (protocol + importers).
import { createImportHandler, type ImportResponse } from '../lib/io/protocol';

const post = (msg: ImportResponse) => (self as unknown as Worker).postMessage(msg);
const handle = createImportHandler(post);
self.addEventListener('message', (e: MessageEvent) => void handle(e.data));
