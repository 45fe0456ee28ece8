// Issue 21, smaller items on imports: an upload left open expires (its partial file deleted, its
// slot freed), and upload or FX-rate files an earlier run left in imports/ (readable from SQL) are
// swept. Real warehouse, real files, an injected clock instead of waiting.
import { mkdir, mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { createImportService, IMPORTS_FOLDER, type ImportService } from '../../main/imports';
import { silentLogger } from '../../main/logging/logger';
import { openWarehouse, type Warehouse } from '../../main/warehouse';
import { OrchardError } from '../../shared/errors';

let dataDir: string;
let warehouse: Warehouse | undefined;
afterEach(async () => {
  await warehouse?.close();
  warehouse = undefined;
  await rm(dataDir, { recursive: true, force: true });
});

function clock() {
  const state = { ms: Date.now() };
  return { now: () => new Date(state.ms), advance: (ms: number) => (state.ms += ms) };
}

const CSV = Buffer.from('a,b\n1,2\n');
const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a failure'); }, (error: unknown) => error as OrchardError);

/** Sends a whole file through the service as the bridge would, and finishes it. */
async function importBytes(imports: ImportService, table: string, format: 'csv' | 'parquet', bytes: Buffer) {
  const { uploadId } = await imports.begin({ table, format, size: bytes.length });
  for (let offset = 0; offset < bytes.length; offset += 2 * 1024 * 1024) {
    await imports.chunk({ uploadId, offset, data: bytes.subarray(offset, offset + 2 * 1024 * 1024).toString('base64') });
  }
  return imports.finish({ uploadId, replace: false });
}

async function parquetOf(dir: string, sql: string): Promise<Buffer> {
  const file = path.join(dir, `made-${crypto.randomUUID()}.parquet`);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`COPY (${sql}) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 100000)`);
  connection.closeSync();
  instance.closeSync();
  const bytes = await readFile(file);
  await rm(file);
  return bytes;
}

describe('import row cap', () => {
  it('refuses a tiny Parquet file that expands past the cap before DuckDB loads it, and a CSV with too many lines', { timeout: 120_000 }, async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'orchard-sec-imports-'));
    warehouse = await openWarehouse({ dataDir, logger: silentLogger });
    const imports = createImportService({ warehouse, logger: silentLogger });
    // The audit's shape: a constant column compresses to almost nothing, here 12 million rows.
    const bomb = await parquetOf(dataDir, 'SELECT 1 AS a FROM range(12000000)');
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const started = Date.now();
    const refused = await failure(importBytes(imports, 'bomb', 'parquet', bomb));
    expect(refused).toMatchObject({ code: 'BAD_INPUT', details: { rows: 12_000_000, maxRows: 10_000_000 } });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await imports.list()).toEqual([]);
    expect(await readdir(path.join(dataDir, IMPORTS_FOLDER))).toEqual([]);

    const small = createImportService({ warehouse, logger: silentLogger, maxRows: 250_000 });
    const groups = await parquetOf(dataDir, 'SELECT range AS n FROM range(250000)');
    expect(await importBytes(small, 'fits', 'parquet', groups)).toMatchObject({ rows: 250_000 });
    const over = await parquetOf(dataDir, 'SELECT range AS n FROM range(250001)');
    expect((await failure(importBytes(small, 'over', 'parquet', over))).details).toMatchObject({ rows: 250_001 });
    const lines = Buffer.from(`n\n${Array.from({ length: 250_000 }, (_, i) => i).join('\n')}\n`);
    expect((await failure(importBytes(small, 'lines', 'csv', lines))).details).toMatchObject({ rows: 250_001 });
    // A damaged footer is refused too, never guessed at.
    const broken = Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(64, 0xff), Buffer.from([64, 0, 0, 0]), Buffer.from('PAR1')]);
    expect((await failure(importBytes(small, 'broken', 'parquet', broken))).message).toMatch(/footer cannot be read/);
    expect((await imports.list()).map((t) => t.name)).toEqual(['fits']);
    await Promise.all([imports.close(), small.close()]);
  });
});

describe('import uploads', () => {
  it('expire when left idle: the partial file goes and the slot is free again', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'orchard-sec-imports-'));
    warehouse = await openWarehouse({ dataDir, logger: silentLogger });
    const time = clock();
    const imports = createImportService({ warehouse, logger: silentLogger, now: time.now, idleMs: 60_000 });
    const folder = path.join(dataDir, IMPORTS_FOLDER);
    // Four uploads begun and abandoned fill every slot.
    const abandoned = await Promise.all(['a', 'b', 'c', 'd'].map((table) => imports.begin({ table, format: 'csv', size: CSV.length })));
    expect((await failure(imports.begin({ table: 'e', format: 'csv', size: CSV.length }))).code).toBe('CONFLICT');
    expect((await readdir(folder)).filter((f) => f.startsWith('.upload-'))).toHaveLength(4);

    time.advance(59_999);
    await imports.chunk({ uploadId: abandoned[0]!.uploadId, offset: 0, data: CSV.toString('base64') });
    time.advance(1);
    // Three went idle a minute ago; the one that just got bytes is still open.
    const fresh = await imports.begin({ table: 'e', format: 'csv', size: CSV.length });
    expect((await readdir(folder)).filter((f) => f.startsWith('.upload-'))).toHaveLength(2);
    expect((await failure(imports.chunk({ uploadId: abandoned[1]!.uploadId, offset: 0, data: CSV.toString('base64') }))).code).toBe('NOT_FOUND');
    expect(await imports.finish({ uploadId: abandoned[0]!.uploadId, replace: false })).toMatchObject({ name: 'a', rows: 1 });

    time.advance(60_000);
    expect((await failure(imports.finish({ uploadId: fresh.uploadId, replace: false }))).code).toBe('NOT_FOUND');
    expect(() => imports.tableOf(fresh.uploadId)).toThrow(OrchardError);
    expect(await readdir(folder)).toEqual(['a.csv']);
    await imports.close();
  });

  it('sweeps upload and FX-rate files an earlier run left in imports/, not the user’s tables or a load in progress', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'orchard-sec-imports-'));
    const folder = path.join(dataDir, IMPORTS_FOLDER);
    await mkdir(folder, { recursive: true });
    const old = new Date('2026-01-01T00:00:00Z');
    for (const name of ['.upload-1b4e28ba-2fa1-11d2-883f-0016d3cca427.csv', '.upload-x.parquet', 'fx-rates-2026-01-01T00-00-00-000Z.csv', 'targets.csv']) {
      await writeFile(path.join(folder, name), 'a\n1\n');
      await utimes(path.join(folder, name), old, old);
    }
    await writeFile(path.join(folder, 'fx-rates-being-loaded-now.csv'), 'a\n1\n');
    warehouse = await openWarehouse({ dataDir, logger: silentLogger });
    const imports = createImportService({ warehouse, logger: silentLogger });
    await imports.list();
    expect((await readdir(folder)).sort()).toEqual(['fx-rates-being-loaded-now.csv', 'targets.csv']);
    await imports.close();
  });
});
