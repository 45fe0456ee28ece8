// Checks --data-dir before anything is opened: a file, a folder Orchard may not enter, or (for the
// read commands) a folder without a warehouse is refused in one line, so a typo never creates an
// empty warehouse somewhere.
import { mkdir, stat } from 'node:fs/promises';
import { hasWarehouse } from '../sync/warehouseAccess';
import { SEGMENTS_FOLDER } from '../sync/segmentManifest';
import path from 'node:path';
import { UsageError } from './cliArgs';

function dirError(dir: string, error: NodeJS.ErrnoException): UsageError {
  if (error.code === 'EACCES' || error.code === 'EPERM') return new UsageError(`Cannot use the data folder ${dir}: permission denied.`);
  if (error.code === 'ENOTDIR' || error.code === 'EEXIST') return new UsageError(`The data folder ${dir} is a file (or inside one), not a folder: check --data-dir.`);
  return new UsageError(`Cannot use the data folder ${dir}: ${error.code ?? error.message}.`);
}

/** For sync and rebuild: the folder may be created. */
export async function prepareWritableDir(dir: string): Promise<void> {
  const info = await stat(dir).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? null : Promise.reject(dirError(dir, e))));
  if (info && !info.isDirectory()) throw new UsageError(`The data folder ${dir} is a file, not a folder: check --data-dir.`);
  if (!info) await mkdir(dir, { recursive: true }).catch((e: NodeJS.ErrnoException) => Promise.reject(dirError(dir, e)));
}

/** For query, status and verify: the folder must already hold Orchard's data. */
export async function requireExistingData(dir: string, what: 'warehouse' | 'cache'): Promise<void> {
  const info = await stat(dir).catch((e: NodeJS.ErrnoException) => Promise.reject(e.code === 'ENOENT' ? new UsageError(`No data folder at ${dir}: check --data-dir (nothing was created).`) : dirError(dir, e)));
  if (!info.isDirectory()) throw new UsageError(`The data folder ${dir} is a file, not a folder: check --data-dir.`);
  if (what === 'warehouse' && !(await hasWarehouse(dir))) {
    throw new UsageError(`No Orchard warehouse in ${dir} (orchard.duckdb is missing): check --data-dir, or run \`orchard sync\` or \`orchard rebuild\` first.`);
  }
  if (what === 'cache' && !(await stat(path.join(dir, SEGMENTS_FOLDER)).catch(() => null)) && !(await hasWarehouse(dir))) {
    throw new UsageError(`No Orchard data in ${dir}: check --data-dir.`);
  }
}
