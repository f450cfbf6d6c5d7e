// The files of a drop, including every file inside dropped folders (a planner drops the folder a Shapefile
// lives in). DOM-bound: the File and Directory Entries API. Skips hidden files (.DS_Store, __MACOSX).
const MAX_FILES = 2000;

function readAll(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const out: FileSystemEntry[] = [];
  // readEntries returns at most ~100 entries a call: read until it returns none
  return new Promise((resolve, reject) => {
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(out);
        else {
          out.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

const fileOf = (e: FileSystemFileEntry) => new Promise<File>((resolve, reject) => e.file(resolve, reject));
const hidden = (name: string) => name.startsWith('.') || name === '__MACOSX';

/** Files of a DataTransfer, folders walked depth-first (names only: folder paths are not kept). */
export async function droppedFiles(dt: DataTransfer): Promise<File[]> {
  const entries = [...dt.items].map((i) => (i.kind === 'file' ? i.webkitGetAsEntry?.() : null));
  // no entry API (or a synthetic DataTransfer): the flat list is all there is
  if (entries.some((e) => !e)) return [...dt.files];
  const files: File[] = [];
  const todo = entries.filter((e): e is FileSystemEntry => !!e).reverse();
  while (todo.length && files.length < MAX_FILES) {
    const e = todo.pop()!;
    if (hidden(e.name)) continue;
    if (e.isFile) files.push(await fileOf(e as FileSystemFileEntry));
    else if (e.isDirectory) todo.push(...(await readAll(e as FileSystemDirectoryEntry)).reverse());
  }
  return files;
}

/** Files picked with a folder picker (<input webkitdirectory>), hidden ones left out. */
export const pickedFiles = (list: FileList): File[] => [...list].filter((f) => !f.webkitRelativePath.split('/').some(hidden));
