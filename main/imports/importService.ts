// Bring your own data, main side: receives a file's bytes in order (the renderer never names a
// path), writes them to `<dataDir>/imports/`, and has the warehouse load them into `user.<table>`.
// The file keeps its final name `<table>.<csv|parquet>` only once the load succeeded. An upload
// left idle expires, and a refused finish (CONFLICT included) closes it: no half-sent file lingers.
// Rows are capped next to bytes: a small Parquet file can expand to millions of rows, so its footer
// is read first; a CSV's line breaks are counted as it arrives.
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { OrchardError } from '../../shared/errors';
import { IMPORT_CHUNK_BYTES, MAX_IMPORT_BYTES, USER_TABLE_PATTERN, type ImportFormat, type ImportedTable } from '../../shared/imports';
import type { Logger } from '../logging/logger';
import type { Warehouse } from '../warehouse';
import { parquetRowCount } from './parquetRows';

export const IMPORTS_FOLDER = 'imports';
/** Uploads open at once; each holds a file handle and disk space until finished or aborted. */
const MAX_OPEN_UPLOADS = 4;
const PARQUET_MAGIC = 'PAR1';
/** Rows one import may load: far more than a spreadsheet or ad-spend export, far less than DuckDB would expand a crafted file to. */
export const MAX_IMPORT_ROWS = 10_000_000;
/** An upload with no call for this long is discarded, its partial file deleted. */
export const UPLOAD_IDLE_MS = 10 * 60_000;
/** Files main leaves in imports/ only while it loads them (uploads, FX rate tables). */
const TRANSIENT_FILE = /^(\.upload-.*|fx-rates-.*\.csv)$/;

interface Upload {
  table: string;
  format: ImportFormat;
  size: number;
  received: number;
  file: string;
  handle: FileHandle | null;
  /** A chunk or the load is in progress: calls for one upload never overlap. */
  busy: boolean;
  /** Epoch ms of the last call for it; it expires UPLOAD_IDLE_MS after. */
  touchedAt: number;
  /** Line breaks received (CSV): an upper bound of its rows, quoted line breaks included. */
  lineBreaks: number;
}

export interface ImportService {
  begin(input: { table: string; format: ImportFormat; size: number }): Promise<{ uploadId: string }>;
  chunk(input: { uploadId: string; offset: number; data: string }): Promise<{ received: number }>;
  finish(input: { uploadId: string; replace: boolean }): Promise<ImportedTable>;
  abort(uploadId: string): Promise<boolean>;
  /** The table an open upload was begun for (NOT_FOUND once it is closed or expired). */
  tableOf(uploadId: string): string;
  list(): Promise<ImportedTable[]>;
  drop(table: string): Promise<boolean>;
  /** Aborts open uploads (their partial files are deleted). */
  close(): Promise<void>;
}

export interface ImportServiceDeps {
  warehouse: Pick<Warehouse, 'imports' | 'dataDir'>;
  logger: Logger;
  maxBytes?: number;
  maxRows?: number;
  now?: () => Date;
  idleMs?: number;
}

function checkTable(table: string): string {
  if (!USER_TABLE_PATTERN.test(table)) throw new OrchardError('BAD_INPUT', 'Use a lowercase letter, then lowercase letters, digits or _ (at most 63) as the table name.');
  return table;
}

/**
 * Deletes upload and FX-rate files left in imports/ by an earlier run (a crash, a quit mid-upload):
 * they are never a user table, and SQL can read that folder. Files younger than `olderThanMs` may
 * belong to a load in progress and stay.
 */
export async function sweepTransientImports(folder: string, now: Date, olderThanMs: number, keep: ReadonlySet<string> = new Set()): Promise<number> {
  const names = await readdir(folder).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const file = path.join(folder, name);
    if (!TRANSIENT_FILE.test(name) || keep.has(file)) continue;
    const info = await stat(file).catch(() => null);
    if (info === null || !info.isFile() || now.getTime() - info.mtimeMs < olderThanMs) continue;
    await rm(file, { force: true });
    removed += 1;
  }
  return removed;
}

function countLineBreaks(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) count += 1;
  return count;
}

export function createImportService(deps: ImportServiceDeps): ImportService {
  const { warehouse, logger, maxBytes = MAX_IMPORT_BYTES, maxRows = MAX_IMPORT_ROWS, now = () => new Date(), idleMs = UPLOAD_IDLE_MS } = deps;
  const folder = path.join(warehouse.dataDir, IMPORTS_FOLDER);
  const uploads = new Map<string, Upload>();
  const finalFile = (table: string, format: ImportFormat) => path.join(folder, `${checkTable(table)}.${format}`);
  const sweptAtStart = { done: false };

  /** Idle uploads expire; the first call also clears what an earlier run left behind. */
  const expire = async () => {
    const at = now().getTime();
    const idle = [...uploads.entries()].filter(([, upload]) => !upload.busy && at - upload.touchedAt >= idleMs);
    await Promise.all(idle.map(([uploadId, upload]) => discard(uploadId, upload)));
    if (idle.length > 0) logger.info('imports.expired', { uploads: idle.length });
    if (!sweptAtStart.done) {
      sweptAtStart.done = true;
      const open = new Set([...uploads.values()].map((upload) => upload.file));
      await sweepTransientImports(folder, now(), idleMs, open).catch((error: unknown) => logger.warn('imports.sweep_failed', { error: String(error) }));
    }
  };

  const find = (uploadId: string): Upload => {
    const upload = uploads.get(uploadId);
    if (upload === undefined || now().getTime() - upload.touchedAt >= idleMs) {
      throw new OrchardError('NOT_FOUND', 'This import is no longer open (it expired or was closed); choose the file again.');
    }
    return upload;
  };

  const take = async (uploadId: string): Promise<Upload> => {
    await expire();
    const upload = find(uploadId);
    if (upload.busy) throw new OrchardError('CONFLICT', 'This import is already busy with another step.');
    upload.busy = true;
    upload.touchedAt = now().getTime();
    return upload;
  };

  const discard = async (uploadId: string, upload: Upload) => {
    uploads.delete(uploadId);
    await upload.handle?.close().catch(() => undefined);
    upload.handle = null;
    await rm(upload.file, { force: true });
  };

  return {
    async begin({ table, format, size }) {
      checkTable(table);
      if (!Number.isInteger(size) || size < 1 || size > maxBytes) {
        throw new OrchardError('BAD_INPUT', `Files up to ${Math.floor(maxBytes / (1024 * 1024))} MB can be imported.`);
      }
      await expire();
      if (uploads.size >= MAX_OPEN_UPLOADS) throw new OrchardError('CONFLICT', 'Several imports are already open; wait for them to finish.');
      await mkdir(folder, { recursive: true });
      const uploadId = randomUUID();
      const file = path.join(folder, `.upload-${uploadId}.${format}`);
      const handle = await open(file, 'wx+');
      uploads.set(uploadId, { table, format, size, received: 0, file, handle, busy: false, touchedAt: now().getTime(), lineBreaks: 0 });
      return { uploadId };
    },

    async chunk({ uploadId, offset, data }) {
      const upload = await take(uploadId);
      try {
        const bytes = Buffer.from(data, 'base64');
        if (offset !== upload.received) throw new OrchardError('BAD_INPUT', `Expected the bytes from ${upload.received}, got ${offset}.`);
        if (bytes.length > IMPORT_CHUNK_BYTES || upload.received + bytes.length > upload.size) {
          throw new OrchardError('BAD_INPUT', 'The file is larger than announced.');
        }
        if (upload.handle === null) throw new OrchardError('CONFLICT', 'All of this file was already received.');
        await upload.handle.write(bytes, 0, bytes.length, offset);
        upload.received += bytes.length;
        if (upload.format === 'csv') upload.lineBreaks += countLineBreaks(bytes);
        return { received: upload.received };
      } catch (error) {
        await discard(uploadId, upload);
        throw error;
      } finally {
        upload.busy = false;
      }
    },

    async finish({ uploadId, replace }) {
      const upload = await take(uploadId);
      try {
        if (upload.received !== upload.size) throw new OrchardError('BAD_INPUT', `Only ${upload.received} of ${upload.size} bytes arrived; choose the file again.`);
        if (upload.handle !== null) {
          const head = Buffer.alloc(4);
          await upload.handle.read(head, 0, 4, 0);
          if (upload.format === 'parquet' && head.toString('latin1') !== PARQUET_MAGIC) {
            throw new OrchardError('BAD_INPUT', 'This is not a Parquet file (it does not start with PAR1).');
          }
          // A CSV's last row may lack its line break; its header row is counted too, which only errs on the safe side.
          const rows = upload.format === 'parquet' ? await parquetRowCount(upload.handle, upload.size) : upload.lineBreaks;
          if (rows > maxRows) {
            throw new OrchardError('BAD_INPUT', `This file holds ${rows.toLocaleString('en-US')} rows; an import takes at most ${maxRows.toLocaleString('en-US')}.`, { rows, maxRows });
          }
          await upload.handle.close();
          upload.handle = null;
        }
        const loaded = await warehouse.imports.importTable({ table: upload.table, filePath: upload.file, format: upload.format, replace });
        const target = finalFile(upload.table, upload.format);
        await rename(upload.file, target);
        const other = finalFile(upload.table, upload.format === 'csv' ? 'parquet' : 'csv');
        await rm(other, { force: true });
        uploads.delete(uploadId);
        logger.info('imports.loaded', { table: loaded.name, rows: loaded.rows, format: upload.format });
        return loaded;
      } catch (error) {
        // Every refusal closes the upload, CONFLICT too: replacing means confirming first and sending again.
        await discard(uploadId, upload);
        throw error;
      } finally {
        upload.busy = false;
      }
    },

    async abort(uploadId) {
      const upload = uploads.get(uploadId);
      if (upload === undefined) return false;
      await discard(uploadId, upload);
      return true;
    },

    tableOf: (uploadId) => find(uploadId).table,

    async list() {
      await expire();
      return warehouse.imports.listTables();
    },

    async drop(table) {
      const dropped = await warehouse.imports.dropTable(checkTable(table));
      await Promise.all([rm(finalFile(table, 'csv'), { force: true }), rm(finalFile(table, 'parquet'), { force: true })]);
      return dropped;
    },

    async close() {
      await Promise.all([...uploads.entries()].map(([uploadId, upload]) => discard(uploadId, upload)));
    },
  };
}
