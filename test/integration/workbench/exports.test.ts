import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfirmRequest, DesktopDialogs, SaveDialogRequest } from '../../../main/platform/desktopDialogs';
import { createHarness, failure, newId, type WorkbenchHarness } from './harness';

let h: WorkbenchHarness;
/** A folder outside the data folder, new for each test. */
let outside: string;
beforeEach(async () => {
  outside = await mkdtemp(path.join(os.tmpdir(), 'orchard-export-target-'));
  h = await createHarness({ previewBudgetMs: 60_000 });
});
afterEach(async () => {
  await h.cleanup();
  await rm(outside, { recursive: true, force: true });
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

/** The desktop app's native dialogs, answering as a user would. */
function fakeDialogs(answers: { savePath: string | null; replace?: boolean }) {
  const asked: { save: SaveDialogRequest[]; confirm: ConfirmRequest[] } = { save: [], confirm: [] };
  const dialogs: DesktopDialogs = {
    saveFile: async (request) => (asked.save.push(request), answers.savePath),
    confirm: async (request) => (asked.confirm.push(request), answers.replace ?? false),
  };
  return { dialogs, asked };
}

async function desktopHarness(answers: { savePath: string | null; replace?: boolean }) {
  await h.cleanup();
  const fake = fakeDialogs(answers);
  h = await createHarness({ previewBudgetMs: 60_000, dialogs: fake.dialogs });
  return fake.asked;
}

describe('query:export in the desktop app (native save dialog)', () => {
  it('writes the whole result to Parquet where the user chose, outside the data folder, with types, NULLs and empty strings intact', async () => {
    const target = path.join(outside, 'whole.parquet');
    const asked = await desktopHarness({ savePath: target });
    const result = await fullResult(TYPED);
    expect(await h.call('query:exportTarget', { name: 'whole', format: 'parquet' })).toEqual({ fileName: 'whole.parquet', delivery: 'save-dialog' });
    const done = await h.call('query:export', { exportId: newId(), resultId: result.resultId, format: 'parquet', fileName: 'whole' });
    expect(asked.save).toEqual([{ defaultName: 'whole.parquet', extension: '.parquet', formatLabel: 'Parquet' }]);
    expect(done).toMatchObject({ path: target, fileName: 'whole.parquet', rows: 25000 });
    expect(done.download).toBeUndefined();
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

  it('writes nothing when the user cancels the dialog', async () => {
    const asked = await desktopHarness({ savePath: null });
    const result = await fullResult('SELECT 1 AS a');
    const error = await failure(h.call('query:export', { exportId: newId(), resultId: result.resultId, format: 'csv', fileName: 'a' }));
    expect(error).toMatchObject({ code: 'CANCELLED', message: 'No file was chosen; nothing was written.' });
    expect(asked.save).toHaveLength(1);
    expect(await readdir(outside)).toEqual([]);
  });

  it('adds a missing extension, and asks again before replacing the file that name points at', async () => {
    const existing = path.join(outside, 'typed.csv');
    await writeFile(existing, 'old');
    const asked = await desktopHarness({ savePath: path.join(outside, 'typed'), replace: false });
    const result = await fullResult('SELECT 1 AS a');
    expect((await failure(h.call('query:export', { exportId: newId(), resultId: result.resultId, format: 'csv', fileName: 'typed' }))).code).toBe('CANCELLED');
    expect(asked.confirm.map((c) => c.message)).toEqual(['typed.csv already exists. Replace it?']);
    expect(await readFile(existing, 'utf8')).toBe('old');
    expect(await readdir(outside)).toEqual(['typed.csv']);
  });
});

describe('query:export in browser mode (exports folder + one-time download)', () => {
  it('writes CSV in the order the grid shows (sorted) into <dataDir>/exports, never replacing a file, and hands out a download URL', async () => {
    const result = await fullResult(TYPED);
    expect(await h.call('query:exportTarget', { name: 'by label', format: 'csv' })).toEqual({ fileName: 'by label.csv', delivery: 'download' });
    const done = await h.call('query:export', { exportId: newId(), resultId: result.resultId, format: 'csv', fileName: 'by label', orderBy: { column: 'id', desc: true } });
    const target = path.join(h.dataDir, 'exports', 'by label.csv');
    expect(done).toMatchObject({ path: target, fileName: 'by label.csv', download: { url: expect.stringMatching(/^\/download\/[A-Za-z0-9_-]{43}$/) } });
    expect(await readBack(`SELECT id, usd, label FROM read_csv('${target}', header = true, all_varchar = true) LIMIT 3`)).toEqual([
      ['24999', '31248.75', 'v24999'], ['24998', '31247.50', 'v24998'], ['24997', '31246.25', 'v24997'],
    ]);
    const ticket = done.download?.url.split('/').at(-1) ?? '';
    expect(h.downloads.redeem(ticket)).toEqual({ path: target, fileName: 'by label.csv' });
    expect(h.downloads.redeem(ticket)).toBeUndefined();
    const second = await h.call('query:export', { exportId: newId(), resultId: result.resultId, format: 'csv', fileName: 'BY LABEL.CSV' });
    expect(second).toMatchObject({ path: path.join(h.dataDir, 'exports', 'BY LABEL.csv') });
    const third = await h.call('query:export', { exportId: newId(), resultId: result.resultId, format: 'csv', fileName: 'by label.csv' });
    // Case-insensitive disks (macOS, Windows) see `BY LABEL.csv` as taken too.
    expect(['by label (2).csv', 'by label (3).csv']).toContain(third.fileName);
    expect((await readdir(path.join(h.dataDir, 'exports'))).filter((f) => f !== '.partial').length).toBe(3);
  });

  it('refuses paths and non-names, takes another format’s extension as part of the name, and needs a live result', async () => {
    const result = await fullResult('SELECT 1 AS a');
    const base = { resultId: result.resultId, format: 'parquet' as const };
    for (const fileName of ['../a', '/etc/x', 'C:\\x', '.hidden', 'sub/a', '', 'CON', 'nul.parquet']) {
      expect((await failure(h.call('query:export', { ...base, exportId: newId(), fileName }))).code, fileName).toBe('BAD_INPUT');
    }
    expect((await failure(h.call('query:export', { ...base, exportId: newId(), path: path.join(outside, 'a.parquet') } as never))).code).toBe('BAD_INPUT');
    expect((await h.call('query:export', { ...base, exportId: newId(), fileName: 'a.csv' })).fileName).toBe('a.csv.parquet');
    expect(await readdir(outside)).toEqual([]);
    await h.call('query:release', { resultId: result.resultId });
    expect((await failure(h.call('query:export', { ...base, exportId: newId(), fileName: 'gone' }))).code).toBe('NOT_FOUND');
    expect(await readdir(path.join(h.dataDir, 'exports'))).toEqual(['.partial', 'a.csv.parquet']);
  });

  it('cancels an export: nothing is left in the exports folder', async () => {
    // Big and sorted on export, so DuckDB's COPY is still writing when the cancel arrives.
    const result = await fullResult('SELECT range AS id, md5(range::VARCHAR) AS h FROM range(6000000)');
    const exportId = newId();
    const running = h.call('query:export', { exportId, resultId: result.resultId, format: 'parquet', fileName: 'cancelled', orderBy: { column: 'h', desc: true } });
    await expect.poll(() => h.progress.some((p) => p.exportId === exportId && p.phase === 'writing')).toBe(true);
    expect(await h.call('query:cancelExport', { exportId })).toEqual({ cancelled: true });
    expect((await failure(running)).code).toBe('CANCELLED');
    expect(await readdir(path.join(h.dataDir, 'exports'))).toEqual(['.partial']);
    expect(await readdir(path.join(h.dataDir, 'exports', '.partial'))).toEqual([]);
    expect(await h.call('query:cancelExport', { exportId })).toEqual({ cancelled: false });
    // Six million sorted rows take a while to materialise on a busy or slow machine.
  }, 120_000);
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
