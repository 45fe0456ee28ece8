// Where an export may be written: the default `<dataDir>/exports/<name>.<ext>`, or an absolute
// path the user chose (typed in browser mode, from a native save dialog in the app). Only files
// with the format's extension are written, never a folder, and an existing file only on request.
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { OrchardError } from '../../shared/errors';
import type { ExportFormat } from '../../shared/workbench';

export const EXPORTS_FOLDER = 'exports';

export function extensionOf(format: ExportFormat): string {
  return format === 'csv' ? '.csv' : '.parquet';
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** `<dataDir>/exports/<name>.<ext>`, numbered `<name> (2).<ext>` … when taken. */
export async function defaultExportPath(dataDir: string, name: string, format: ExportFormat): Promise<string> {
  const folder = path.join(dataDir, EXPORTS_FOLDER);
  const ext = extensionOf(format);
  for (let n = 1; ; n += 1) {
    const candidate = path.join(folder, n === 1 ? `${name}${ext}` : `${name} (${n})${ext}`);
    if (!(await exists(candidate))) return candidate;
  }
}

/** Checks the user's path and returns it normalised; creates only Orchard's own exports folder. */
export async function checkExportPath(dataDir: string, filePath: string, format: ExportFormat, overwrite: boolean): Promise<string> {
  if (!path.isAbsolute(filePath)) throw new OrchardError('BAD_INPUT', 'Give the export’s full path, starting at the root of a disk.');
  const target = path.resolve(filePath);
  const ext = extensionOf(format);
  if (path.extname(target).toLowerCase() !== ext) throw new OrchardError('BAD_INPUT', `A ${format.toUpperCase()} export’s file name must end in ${ext}.`);
  const folder = path.dirname(target);
  if (folder === path.join(dataDir, EXPORTS_FOLDER)) await mkdir(folder, { recursive: true });
  const folderInfo = await stat(folder).catch(() => null);
  if (folderInfo === null || !folderInfo.isDirectory()) throw new OrchardError('BAD_INPUT', `The folder ${folder} does not exist.`);
  const existing = await stat(target).catch(() => null);
  if (existing?.isDirectory()) throw new OrchardError('BAD_INPUT', `${target} is a folder.`);
  if (existing !== null && !overwrite) throw new OrchardError('CONFLICT', `${path.basename(target)} already exists; choose another name or replace it.`);
  return target;
}
