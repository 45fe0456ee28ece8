// Bring your own data, main side: receives a file's bytes in order (the renderer never names a
// path), writes them to `<dataDir>/imports/`, and has the warehouse load them into `user.<table>`.
// The file keeps its final name `<table>.<csv|parquet>` only once the load succeeded.
import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { OrchardError } from '../../shared/errors';
import { IMPORT_CHUNK_BYTES, MAX_IMPORT_BYTES, USER_TABLE_PATTERN, type ImportFormat, type ImportedTable } from '../../shared/imports';
import type { Logger } from '../logging/logger';
import type { Warehouse } from '../warehouse';

export const IMPORTS_FOLDER = 'imports';
/** Uploads open at once; each holds a file handle and disk space until finished or aborted. */
const MAX_OPEN_UPLOADS = 4;
const PARQUET_MAGIC = 'PAR1';

interface Upload {
  table: string;
  format: ImportFormat;
  size: number;
  received: number;
  file: string;
  handle: FileHandle | null;
  /** A chunk or the load is in progress: calls for one upload never overlap. */
  busy: boolean;
}

export interface ImportService {
  begin(input: { table: string; format: ImportFormat; size: number }): Promise<{ uploadId: string }>;
  chunk(input: { uploadId: string; offset: number; data: string }): Promise<{ received: number }>;
  finish(input: { uploadId: string; replace: boolean }): Promise<ImportedTable>;
  abort(uploadId: string): Promise<boolean>;
  list(): Promise<ImportedTable[]>;
  drop(table: string): Promise<boolean>;
  /** Aborts open uploads (their partial files are deleted). */
  close(): Promise<void>;
}

export interface ImportServiceDeps {
  warehouse: Pick<Warehouse, 'imports' | 'dataDir'>;
  logger: Logger;
  maxBytes?: number;
}

function checkTable(table: string): string {
  if (!USER_TABLE_PATTERN.test(table)) throw new OrchardError('BAD_INPUT', 'Use a lowercase letter, then lowercase letters, digits or _ (at most 63) as the table name.');
  return table;
}

export function createImportService({ warehouse, logger, maxBytes = MAX_IMPORT_BYTES }: ImportServiceDeps): ImportService {
  const folder = path.join(warehouse.dataDir, IMPORTS_FOLDER);
  const uploads = new Map<string, Upload>();
  const finalFile = (table: string, format: ImportFormat) => path.join(folder, `${checkTable(table)}.${format}`);

  const take = (uploadId: string): Upload => {
    const upload = uploads.get(uploadId);
    if (upload === undefined) throw new OrchardError('NOT_FOUND', 'This import is no longer open; choose the file again.');
    if (upload.busy) throw new OrchardError('CONFLICT', 'This import is already busy with another step.');
    upload.busy = true;
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
      if (uploads.size >= MAX_OPEN_UPLOADS) throw new OrchardError('CONFLICT', 'Several imports are already open; wait for them to finish.');
      await mkdir(folder, { recursive: true });
      const uploadId = randomUUID();
      const file = path.join(folder, `.upload-${uploadId}.${format}`);
      const handle = await open(file, 'wx+');
      uploads.set(uploadId, { table, format, size, received: 0, file, handle, busy: false });
      return { uploadId };
    },

    async chunk({ uploadId, offset, data }) {
      const upload = take(uploadId);
      try {
        const bytes = Buffer.from(data, 'base64');
        if (offset !== upload.received) throw new OrchardError('BAD_INPUT', `Expected the bytes from ${upload.received}, got ${offset}.`);
        if (bytes.length > IMPORT_CHUNK_BYTES || upload.received + bytes.length > upload.size) {
          throw new OrchardError('BAD_INPUT', 'The file is larger than announced.');
        }
        if (upload.handle === null) throw new OrchardError('CONFLICT', 'All of this file was already received.');
        await upload.handle.write(bytes, 0, bytes.length, offset);
        upload.received += bytes.length;
        return { received: upload.received };
      } catch (error) {
        await discard(uploadId, upload);
        throw error;
      } finally {
        upload.busy = false;
      }
    },

    async finish({ uploadId, replace }) {
      const upload = take(uploadId);
      let keepOpen = false;
      try {
        if (upload.received !== upload.size) throw new OrchardError('BAD_INPUT', `Only ${upload.received} of ${upload.size} bytes arrived; choose the file again.`);
        if (upload.handle !== null) {
          const head = Buffer.alloc(4);
          await upload.handle.read(head, 0, 4, 0);
          await upload.handle.close();
          upload.handle = null;
          if (upload.format === 'parquet' && head.toString('latin1') !== PARQUET_MAGIC) {
            throw new OrchardError('BAD_INPUT', 'This is not a Parquet file (it does not start with PAR1).');
          }
        }
        try {
          const loaded = await warehouse.imports.importTable({ table: upload.table, filePath: upload.file, format: upload.format, replace });
          const target = finalFile(upload.table, upload.format);
          await rename(upload.file, target);
          const other = finalFile(upload.table, upload.format === 'csv' ? 'parquet' : 'csv');
          await rm(other, { force: true });
          uploads.delete(uploadId);
          logger.info('imports.loaded', { table: loaded.name, rows: loaded.rows, format: upload.format });
          return loaded;
        } catch (error) {
          // The user may confirm replacing the existing table: the same upload is loaded again.
          keepOpen = error instanceof OrchardError && error.code === 'CONFLICT';
          throw error;
        }
      } catch (error) {
        if (!keepOpen) await discard(uploadId, upload);
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

    list: () => warehouse.imports.listTables(),

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
