// Bring your own data through the real dispatcher and a real DuckDB warehouse: CSV and Parquet
// files sent as bytes in chunks, loaded into user.<table>, joined with the warehouse, replaced only
// when asked, and a malformed file or a bad name refused without losing the previous table.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { OrchardError } from '../../../shared/errors';
import type { CommandInput, CommandName, CommandOutput } from '../../../shared/ipc/contract';
import { IMPORT_CHUNK_BYTES } from '../../../shared/imports';
import { createDispatcher } from '../../../main/ipc/dispatch';
import type { Handlers } from '../../../main/ipc/handlerTypes';
import { confirmHandlers } from '../../../main/ipc/handlers/confirmHandlers';
import { importHandlers } from '../../../main/ipc/handlers/importHandlers';
import { queryHandlers } from '../../../main/ipc/handlers/queryHandlers';
import { createImportService, IMPORTS_FOLDER, type ImportService } from '../../../main/imports';
import { silentLogger } from '../../../main/logging/logger';
import { createConfirmationGate } from '../../../main/security/confirmationGate';
import { createHarness, failure, newId, type WorkbenchHarness } from './harness';

let h: WorkbenchHarness;
let imports: ImportService;
let call: <N extends CommandName>(command: N, input: CommandInput<N>) => Promise<CommandOutput<N>>;

beforeEach(async () => {
  h = await createHarness({ previewBudgetMs: 60_000 });
  imports = createImportService({ warehouse: h.ws.warehouse, logger: silentLogger });
  const gate = createConfirmationGate({ now: () => new Date() });
  const dispatch = createDispatcher({ ...queryHandlers(h.workbench, gate), ...importHandlers(imports, gate), ...confirmHandlers(gate) } as unknown as Handlers, silentLogger);
  call = async (command, input) => {
    const envelope = JSON.parse(JSON.stringify(await dispatch(command, JSON.parse(JSON.stringify(input)), { transport: 'test' })));
    if (!envelope.ok) throw OrchardError.fromPayload(envelope.error);
    return envelope.value;
  };
});
afterEach(async () => {
  await imports.close();
  await h.cleanup();
});

/** Sends the bytes as the renderer does: begin, base64 chunks in order. Returns the open upload. */
async function upload(table: string, format: 'csv' | 'parquet', bytes: Buffer, chunk = IMPORT_CHUNK_BYTES): Promise<string> {
  const { uploadId } = await call('imports:begin', { table, format, size: bytes.length });
  for (let offset = 0; offset < bytes.length; offset += chunk) {
    await call('imports:chunk', { uploadId, offset, data: bytes.subarray(offset, offset + chunk).toString('base64') });
  }
  return uploadId;
}

async function importFile(table: string, format: 'csv' | 'parquet', bytes: Buffer, replace = false, chunk?: number) {
  const uploadId = await upload(table, format, bytes, chunk);
  const confirmation = replace ? (await call('confirm:prepare', { action: 'imports:replace', table })).ticket : undefined;
  return call('imports:finish', { uploadId, replace, ...(confirmation ? { confirmation } : {}) });
}

async function rows(sql: string) {
  const reply = await call('query:run', { runId: newId(), sql });
  return reply.firstRows;
}

const SPEND_CSV = 'date,campaign,spend_usd\n2026-03-01,search,12.50\n2026-03-01,social,7.25\n2026-03-02,search,20.00\n';

describe('imports: CSV and Parquet into user.<table>', () => {
  it('loads a CSV sent in several chunks, types its columns and joins it with warehouse data', async () => {
    const table = await importFile('ad_spend', 'csv', Buffer.from(SPEND_CSV), false, 16);
    expect(table).toEqual({ name: 'ad_spend', rows: 3, columns: 3 });
    const types = await rows("SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = 'user' AND table_name = 'ad_spend' ORDER BY column_index");
    expect(types).toEqual([['date', 'DATE'], ['campaign', 'VARCHAR'], ['spend_usd', 'DOUBLE']]);
    expect(await rows(`WITH days AS (SELECT DATE '2026-03-01' + i::INTEGER AS day, 10 * (i + 1) AS downloads FROM range(2) t(i))
      SELECT day::VARCHAR, downloads, sum(spend_usd) FROM days JOIN user.ad_spend s ON s.date = days.day GROUP BY ALL ORDER BY 1`)).toEqual([
      ['2026-03-01', '10', 19.75],
      ['2026-03-02', '20', 20],
    ]);
    expect(await call('imports:list', {})).toEqual([{ name: 'ad_spend', rows: 3, columns: 3 }]);
    const files = await readdir(path.join(h.dataDir, IMPORTS_FOLDER));
    expect(files).toEqual(['ad_spend.csv']);
    const catalogue = await call('query:catalogue', {});
    expect(catalogue.schemas.find((s) => s.name === 'user')?.relations.map((r) => [r.name, r.rowCount])).toEqual([['ad_spend', 3]]);
  });

  it('loads a Parquet file', async () => {
    const file = path.join(h.ws.dir, 'targets.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(`COPY (SELECT 'US' AS territory, 1000::BIGINT AS target UNION ALL SELECT 'DE', 250) TO '${file}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    const { readFile } = await import('node:fs/promises');
    expect(await importFile('targets', 'parquet', await readFile(file))).toEqual({ name: 'targets', rows: 2, columns: 2 });
    expect(await rows('SELECT territory, target FROM user.targets ORDER BY target')).toEqual([['DE', '250'], ['US', '1000']]);
  });

  it('refuses bad names, ../ and paths before anything is written', async () => {
    for (const table of ['../escape', 'Bad', '1abc', 'a-b', 'a'.repeat(64), 'user/x', '']) {
      expect((await failure(call('imports:begin', { table, format: 'csv', size: 10 }))).code).toBe('BAD_INPUT');
    }
    expect((await failure(imports.begin({ table: '../escape', format: 'csv', size: 10 }))).code).toBe('BAD_INPUT');
    expect((await failure(call('imports:begin', { table: 'ok', format: 'csv', size: 201 * 1024 * 1024 }))).code).toBe('BAD_INPUT');
    // The warehouse creates the (readable) imports folder; nothing was written into it.
    expect(await readdir(path.join(h.dataDir, IMPORTS_FOLDER))).toEqual([]);
  });

  it('refuses bytes out of order, more than announced, or a finish before all bytes arrived', async () => {
    const bytes = Buffer.from(SPEND_CSV);
    const early = await upload('early', 'csv', bytes.subarray(0, 10));
    const { uploadId } = await call('imports:begin', { table: 'early2', format: 'csv', size: bytes.length });
    expect((await failure(call('imports:chunk', { uploadId, offset: 5, data: bytes.subarray(0, 8).toString('base64') }))).code).toBe('BAD_INPUT');
    // A refused chunk closes the upload: nothing half-written stays behind.
    expect((await failure(call('imports:chunk', { uploadId, offset: 0, data: bytes.toString('base64') }))).code).toBe('NOT_FOUND');
    const short = await call('imports:begin', { table: 'short', format: 'csv', size: bytes.length });
    await call('imports:chunk', { uploadId: short.uploadId, offset: 0, data: bytes.subarray(0, 12).toString('base64') });
    expect((await failure(call('imports:finish', { uploadId: short.uploadId, replace: false }))).message).toMatch(/Only 12 of/);
    expect((await failure(call('imports:chunk', { uploadId: early, offset: 10, data: bytes.subarray(10, 20).toString('base64') }))).message).toMatch(/larger than announced/);
    expect(await readdir(path.join(h.dataDir, IMPORTS_FOLDER))).toEqual([]);
  });

  it('replaces an existing table only when confirmed, and a malformed CSV keeps the previous table', async () => {
    await importFile('targets', 'csv', Buffer.from('territory,target\nUS,100\n'));
    const again = await upload('targets', 'csv', Buffer.from('territory,target\nUS,200\nDE,50\n'));
    const conflict = await failure(call('imports:finish', { uploadId: again, replace: false }));
    expect(conflict.code).toBe('CONFLICT');
    expect(conflict.message).toMatch(/user\.targets already exists/);
    expect(await rows('SELECT target FROM user.targets')).toEqual([['100']]);
    // A CONFLICT closes the upload; replacing takes a confirmation and the file sent again.
    expect((await failure(call('imports:finish', { uploadId: again, replace: true }))).code).toBe('NOT_FOUND');
    const unconfirmed = await upload('targets', 'csv', Buffer.from('territory,target\nUS,200\nDE,50\n'));
    expect((await failure(call('imports:finish', { uploadId: unconfirmed, replace: true }))).code).toBe('FORBIDDEN');
    expect(await importFile('targets', 'csv', Buffer.from('territory,target\nUS,200\nDE,50\n'), true)).toMatchObject({ rows: 2 });
    expect(await rows('SELECT territory, target FROM user.targets ORDER BY 1')).toEqual([['DE', '50'], ['US', '200']]);

    // A row with more fields than the header, far enough down that the sniffer agrees on two columns.
    const malformed = Buffer.from(`territory,target\nUS,200\n${'FR,3\n'.repeat(5000)}IT,1,2,3\n`);
    const bad = await failure(importFile('targets', 'csv', malformed, true));
    expect(bad.code).toBe('BAD_INPUT');
    expect(bad.message).toMatch(/^The CSV file could not be loaded: /);
    expect(await rows('SELECT territory, target FROM user.targets ORDER BY 1')).toEqual([['DE', '50'], ['US', '200']]);
    expect(await readdir(path.join(h.dataDir, IMPORTS_FOLDER))).toEqual(['targets.csv']);

    const notParquet = await failure(importFile('targets', 'parquet', Buffer.from('territory,target\n'), true));
    expect(notParquet.message).toMatch(/not a Parquet file/);
  });

  it('drops an imported table and its file; the workbench cannot write to user.*', async () => {
    await importFile('goals', 'csv', Buffer.from('a\n1\n'));
    expect((await failure(call('query:run', { runId: newId(), sql: 'DROP TABLE user.goals' }))).code).toBe('QUERY_FAILED');
    const ticket = async () => (await call('confirm:prepare', { action: 'imports:drop', table: 'goals' })).ticket;
    expect(await call('imports:drop', { table: 'goals', confirmation: await ticket() })).toEqual({ dropped: true });
    expect(await call('imports:drop', { table: 'goals', confirmation: await ticket() })).toEqual({ dropped: false });
    expect(await call('imports:list', {})).toEqual([]);
    expect(await readdir(path.join(h.dataDir, IMPORTS_FOLDER))).toEqual([]);
  });
});
