import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { OrchardError } from '../../../shared/errors';
import type { ExportProgress } from '../../../shared/workbench';
import { silentLogger } from '../../../main/logging/logger';
import { createExportService } from '../../../main/workbench/exportService';
import { warehouseCopier, type ResultCopier } from '../../../main/workbench/resultCopier';
import type { QueryService } from '../../../main/warehouse';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orchard-export-service-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const source = { sql: 'SELECT 1', columns: [{ name: 'a', type: 'INTEGER' }], totalRows: 3 };

/** Main chose `<dir>/<fileName>` (as a save dialog would). */
function service(copier: ResultCopier, progress: ExportProgress[] = []) {
  return createExportService({
    dataDir: path.join(dir, 'data'),
    copier,
    sourceOf: () => source,
    chooseTarget: async (fileName) => ({ path: path.join(dir, fileName), abandon: async () => undefined }),
    onProgress: (p) => progress.push(p),
    logger: silentLogger,
  });
}

it('lets DuckDB write only inside <dataDir>/exports/.partial, then moves the file to the chosen path', async () => {
  const written: string[] = [];
  const copier: ResultCopier = {
    method: 'warehouse-copy',
    async copy(_resultId, _source, target, { onProgress }) {
      written.push(target.filePath);
      onProgress({ phase: 'writing', rowsWritten: 3 });
      await writeFile(target.filePath, 'PAR1…');
      return { rows: 3 };
    },
  };
  const progress: ExportProgress[] = [];
  const target = path.join(dir, 'picked.parquet');
  const done = await service(copier, progress).start({ exportId: crypto.randomUUID(), resultId: 'r1', format: 'parquet', fileName: 'picked' });
  expect(done).toMatchObject({ path: target, fileName: 'picked.parquet', rows: 3, bytes: Buffer.byteLength('PAR1…'), method: 'warehouse-copy' });
  expect(path.dirname(written[0] ?? '')).toBe(path.join(dir, 'data', 'exports', '.partial'));
  expect(await readFile(target, 'utf8')).toBe('PAR1…');
  expect(await readdir(path.join(dir, 'data', 'exports', '.partial'))).toEqual([]);
  expect(progress.map((p) => p.phase)).toEqual(['writing', 'moving']);
});

it('leaves nothing behind when the copy fails, and says why', async () => {
  const copier: ResultCopier = {
    method: 'warehouse-copy',
    async copy(_resultId, _source, target) {
      await writeFile(target.filePath, 'half');
      throw new Error('IO Error: No space left on device');
    },
  };
  const error = await service(copier).start({ exportId: crypto.randomUUID(), resultId: 'r1', format: 'csv', fileName: 'never' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OrchardError);
  expect((error as OrchardError).code).toBe('DISK_FULL');
  expect(await readdir(dir)).toEqual(['data']);
  expect(await readdir(path.join(dir, 'data', 'exports', '.partial'))).toEqual([]);
});

it('exports through the warehouse’s own COPY of the stored result', async () => {
  const calls: unknown[] = [];
  const exporting = {
    async exportResult(resultId: string, target: unknown, options?: { onProgress?: (f: number) => void }) {
      calls.push([resultId, target]);
      options?.onProgress?.(0.5);
      return { rows: 3 };
    },
  } as unknown as QueryService;
  const seen: number[] = [];
  const result = await warehouseCopier(exporting).copy('r7', { columns: [], totalRows: 10 }, { filePath: '/x.parquet', format: 'parquet' }, {
    signal: new AbortController().signal,
    onProgress: (p) => seen.push(p.rowsWritten),
  });
  expect(result).toEqual({ rows: 3 });
  expect(calls).toEqual([['r7', { filePath: '/x.parquet', format: 'parquet' }]]);
  expect(seen).toEqual([5]);
});
