// Where an export may be written. The renderer only proposes a file NAME; main picks the place:
// the path the user chose in the desktop app's native save dialog (which asked before replacing a
// file), or in browser mode a new file in `<dataDir>/exports/` (never replacing one) that the
// browser then downloads. Errors never say whether some other path exists.
import { mkdir, open, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { OrchardError } from '../../shared/errors';
import { SAFE_NAME, type ExportFormat } from '../../shared/workbench';
import type { DesktopDialogs } from '../platform/desktopDialogs';

export const EXPORTS_FOLDER = 'exports';

/** Names Windows gives to devices: `exports/CON.csv` would not be a file there. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

export function extensionOf(format: ExportFormat): string {
  return format === 'csv' ? '.csv' : '.parquet';
}

/** A plain file name with the format's extension: `Sales.CSV` → `Sales.csv`, `Sales` → `Sales.csv`. */
export function exportFileName(proposed: string, format: ExportFormat): string {
  const ext = extensionOf(format);
  const trimmed = proposed.trim();
  const stem = (trimmed.toLowerCase().endsWith(ext) ? trimmed.slice(0, -ext.length) : trimmed).replace(/[. ]+$/, '');
  if (!SAFE_NAME.test(stem) || WINDOWS_DEVICE.test(stem)) {
    throw new OrchardError('BAD_INPUT', 'Give the export a plain file name: letters, digits, spaces and _ . ( ) - only, no folders.');
  }
  return `${stem}${ext}`;
}

/** A reserved place for one export: the file exists (empty) until the export moves over it. */
export interface ExportTarget {
  path: string;
  /** Called when the export failed or was cancelled: removes what the reservation created. */
  abandon(): Promise<void>;
}

/** `<dataDir>/exports/<name>`, numbered `<stem> (2).<ext>` … when taken; created exclusively, so two exports never share a file. */
export async function reserveInExportsFolder(dataDir: string, fileName: string): Promise<ExportTarget> {
  const folder = path.join(dataDir, EXPORTS_FOLDER);
  await mkdir(folder, { recursive: true });
  const ext = path.extname(fileName);
  const stem = fileName.slice(0, fileName.length - ext.length);
  for (let n = 1; n < 10_000; n += 1) {
    const candidate = path.join(folder, n === 1 ? fileName : `${stem} (${n})${ext}`);
    const handle = await open(candidate, 'wx').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return null;
      throw error;
    });
    if (handle === null) continue;
    await handle.close();
    return { path: candidate, abandon: () => unlink(candidate).catch(() => undefined) };
  }
  throw new OrchardError('CONFLICT', `The exports folder already holds too many files named ${fileName}; rename or remove some.`);
}

/** Asks the user where to save (desktop app). Cancelling the dialog cancels the export. */
export async function chooseWithSaveDialog(dialogs: DesktopDialogs, fileName: string, format: ExportFormat): Promise<ExportTarget> {
  const ext = extensionOf(format);
  const chosen = await dialogs.saveFile({ defaultName: fileName, extension: ext, formatLabel: format === 'csv' ? 'CSV' : 'Parquet' });
  if (chosen === null) throw new OrchardError('CANCELLED', 'No file was chosen; nothing was written.');
  if (!path.isAbsolute(chosen)) throw new OrchardError('BAD_INPUT', 'The save dialog returned no full path; choose the file again.');
  let target = path.resolve(chosen);
  // The dialog asked about replacing the name the user typed; with our extension added it is
  // another file, which may exist and must be confirmed again.
  if (path.extname(target).toLowerCase() !== ext) {
    target = `${target}${ext}`;
    const existing = await stat(target).catch(() => null);
    if (existing?.isDirectory()) throw new OrchardError('BAD_INPUT', `${path.basename(target)} is a folder; choose another name.`);
    if (existing !== null) {
      const replace = await dialogs.confirm({
        title: 'Replace file?',
        message: `${path.basename(target)} already exists. Replace it?`,
        detail: 'The export will overwrite it.',
        confirmLabel: 'Replace',
      });
      if (!replace) throw new OrchardError('CANCELLED', 'The existing file was kept; nothing was written.');
    }
  }
  const info = await stat(target).catch(() => null);
  if (info?.isDirectory()) throw new OrchardError('BAD_INPUT', `${path.basename(target)} is a folder; choose another name.`);
  return { path: target, abandon: async () => undefined };
}
