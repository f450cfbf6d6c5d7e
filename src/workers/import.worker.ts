// Import worker: parses files off the main thread. All logic is in src/lib/io (protocol + importers); the
// bundled county boundaries for the alignment check are fetched here once, when a layer first needs them.
import { createImportHandler, type ImportResponse } from '../lib/io/protocol';
import { referenceFromBasemap, type AlignmentReference } from '../lib/io/alignment';

const post = (msg: ImportResponse) => (self as unknown as Worker).postMessage(msg);
const loaded = new Map<string, Promise<AlignmentReference | null>>();
const loadReference = (url: string): Promise<AlignmentReference | null> => {
  let p = loaded.get(url);
  if (!p) {
    p = fetch(url)
      .then((r) => (r.ok ? r.json() : null))
      .then((topo) => (topo ? referenceFromBasemap(topo) : null))
      .catch(() => null);
    loaded.set(url, p);
  }
  return p;
};
const handle = createImportHandler(post, undefined, loadReference);
self.addEventListener('message', (e: MessageEvent) => void handle(e.data));
