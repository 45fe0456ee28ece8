// Lists every file under a folder (path relative to it, and size), so an attack replay can assert
// that nothing was written outside the data folder it gave Orchard.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export async function filesUnder(root: string): Promise<Map<string, number>> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = new Map<string, number>();
  for (const e of entries) {
    if (!e.isFile()) continue;
    const full = path.join(e.parentPath, e.name);
    files.set(path.relative(root, full), (await stat(full)).size);
  }
  return files;
}

/** Files under `root` that are not inside `dataDir` (which must itself be under `root`). */
export async function filesOutside(root: string, dataDir: string): Promise<string[]> {
  const inside = path.relative(root, dataDir) + path.sep;
  return [...(await filesUnder(root)).keys()].filter((f) => !f.startsWith(inside));
}
