import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, failure, newId, type WorkbenchHarness } from './harness';

let h: WorkbenchHarness;
let outside: string;
beforeAll(async () => {
  outside = await mkdtemp(path.join(os.tmpdir(), 'orchard-export-target-'));
});
afterAll(async () => {
  await rm(outside, { recursive: true, force: true });
});
beforeEach(async () => {
  h = await createHarness({ previewBudgetMs: 60_000 });
});
afterEach(async () => {
  await h.cleanup();
});

async function readBack(sql: string): Promise<unknown[]> {
  const instance = await DuckDBInstance.create(':memory:');
  try {
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll(sql);
    connection.closeSync();
    return reader.getRowsJson();
  } finally {
    instance.closeSync();
  }
}

async function fullResult(sql: string) {
  const reply = await h.call('query:run', { runId: newId(), sql });
  return reply.result ?? h.call('query:wait', { runId: reply.runId });
}

const TYPED = `SELECT range AS id, (range * 1.25)::DECIMAL(18,2) AS usd, DATE '2026-01-01' + (range % 30)::INTEGER AS day,
  CASE WHEN range % 5 = 0 THEN NULL WHEN range % 5 = 1 THEN '' ELSE 'v' || range END AS label, [range, range + 1] AS pair
FROM range(25000)`;

describe('query:export', () => {
  it('writes the whole result to Parquet outside the data folder, with types, NULLs and empty strings intact', async () => {
    const result = await fullResult(TYPED);
    const target = path.join(outside, 'whole.parquet');
    const done = await h.call('query:export', { exportId: newId(), resultId: result.resultId, format: 'parquet', path: target });
    expect(done).toMatchObject({ path: target, rows: 25000 });
    expect(done.bytes).toBe((await stat(target)).size);
    const file = `'${target}'`;
    expect(await readBack(`SELECT count(*), sum(id), sum(usd)::VARCHAR, count(label), count(*) FILTER (label = '') FROM ${file}`)).toEqual([
      ['25000', '312487500', '390609375.00', '20000', '5000'],
    ]);
    expect(await readBack(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${file})`)).toEqual([
      ['id', 'BIGINT'], ['usd', 'DECIMAL(18,2)'], ['day', 'DATE'], ['label', 'VARCHAR'], ['pair', 'BIGINT[]'],
    ]);
    expect(await readBack(`SELECT * FROM ${file} LIMIT 2`)).toEqual([
      ['0', '0.00', '2026-01-01', null, [ '0', '1' ]],
      ['1', '1.25', '2026-01-02', '', [ '1', '2' ]],
    ]);
    expect(h.progress.at(-1)).toMatchObject({ phase: 'moving', rowsWritten: 25000, totalRows: 25000 });
    expect(await readdir(path.join(h.dataDir, 'exports', '.partial'))).toEqual([]);
  });

  it('writes CSV in the order the grid shows (sorted), to the default path under <dataDir>/exports', async () => {
    const result = await fullResult(TYPED);
    const { path: target } = await h.call('query:exportTarget', { name: 'by label', format: 'csv' });
    expect(target).toBe(path.join(h.dataDir, 'exports', 'by label.csv'));
    await h.call('query:export', { exportId: newId(), resultId: result.resultId, format: 'csv', path: target, orderBy: { column: 'id', desc: true } });
    expect(await readBack(`SELECT id, usd, label FROM read_csv('${target}', header = true, all_varchar = true) LIMIT 3`)).toEqual([
      ['24999', '31248.75', 'v24999'], ['24998', '31247.50', 'v24998'], ['24997', '31246.25', 'v24997'],
    ]);
    expect((await h.call('query:exportTarget', { name: 'by label', format: 'csv' })).path).toBe(path.join(h.dataDir, 'exports', 'by label (2).csv'));
  });

  it('refuses a wrong extension, a relative path, a missing folder and an existing file unless asked to replace it', async () => {
    const result = await fullResult('SELECT 1 AS a');
    const base = { resultId: result.resultId, format: 'parquet' as const };
    expect((await failure(h.call('query:export', { ...base, exportId: newId(), path: path.join(outside, 'a.csv') }))).code).toBe('BAD_INPUT');
    expect((await failure(h.call('query:export', { ...base, exportId: newId(), path: 'a.parquet' }))).code).toBe('BAD_INPUT');
    expect((await failure(h.call('query:export', { ...base, exportId: newId(), path: path.join(outside, 'no', 'a.parquet') }))).code).toBe('BAD_INPUT');
    const existing = path.join(outside, 'existing.parquet');
    await writeFile(existing, 'old');
    expect((await failure(h.call('query:export', { ...base, exportId: newId(), path: existing }))).code).toBe('CONFLICT');
    await h.call('query:export', { ...base, exportId: newId(), path: existing, overwrite: true });
    expect(await readBack(`SELECT a FROM '${existing}'`)).toEqual([[1]]);
    await h.call('query:release', { resultId: result.resultId });
    expect((await failure(h.call('query:export', { ...base, exportId: newId(), path: path.join(outside, 'gone.parquet') }))).code).toBe('NOT_FOUND');
  });

  it('cancels an export: nothing is left at the target or in the data folder', async () => {
    // Big and sorted on export, so DuckDB's COPY is still writing when the cancel arrives.
    const result = await fullResult('SELECT range AS id, md5(range::VARCHAR) AS h FROM range(6000000)');
    const exportId = newId();
    const target = path.join(outside, 'cancelled.parquet');
    const running = h.call('query:export', { exportId, resultId: result.resultId, format: 'parquet', path: target, orderBy: { column: 'h', desc: true } });
    await expect.poll(() => h.progress.some((p) => p.exportId === exportId && p.phase === 'writing')).toBe(true);
    expect(await h.call('query:cancelExport', { exportId })).toEqual({ cancelled: true });
    expect((await failure(running)).code).toBe('CANCELLED');
    await expect(stat(target)).rejects.toThrow();
    expect(await readdir(path.join(h.dataDir, 'exports', '.partial'))).toEqual([]);
    expect(await h.call('query:cancelExport', { exportId })).toEqual({ cancelled: false });
  });
});

describe('sandbox through the workbench', () => {
  it('reads files in the data folder’s imports folder only, and never writes, installs or changes settings', async () => {
    const inside = path.join(h.dataDir, 'imports', 'mine.csv');
    await writeFile(inside, 'a,b\n1,x\n');
    expect((await h.call('query:run', { runId: newId(), sql: `SELECT * FROM read_csv('${inside}')` })).firstRows).toEqual([['1', 'x']]);
    const elsewhere = await mkdtemp(path.join(outside, 'sandbox-'));
    const secret = path.join(elsewhere, 'secret.csv');
    await writeFile(secret, 'a\n1\n');
    for (const sql of [`SELECT * FROM read_csv('${secret}')`, `SELECT * FROM read_text('/etc/hostname')`, `SELECT * FROM 'https://example.com/x.parquet'`]) {
      const error = await failure(h.call('query:run', { runId: newId(), sql }));
      expect(error.code, sql).toBe('QUERY_FAILED');
      expect(error.message, sql).toMatch(/Permission Error|disabled by configuration/);
    }
    await mkdir(path.join(h.dataDir, 'exports'), { recursive: true });
    for (const sql of ['INSTALL httpfs', 'LOAD httpfs', 'SET enable_external_access = true', `COPY (SELECT 1) TO '${path.join(h.dataDir, 'exports', 'x.csv')}'`,
      `ATTACH '${path.join(elsewhere, 'other.duckdb')}' AS other`, 'CREATE TABLE t AS SELECT 1']) {
      expect((await failure(h.call('query:run', { runId: newId(), sql }))).code, sql).toBe('QUERY_FAILED');
    }
    expect(await readdir(elsewhere)).toEqual(['secret.csv']);
  });
});
