import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PREVIEW_ROWS } from '../../../shared/workbench';
import { ENDLESS, createHarness, failure, newId, type WorkbenchHarness } from './harness';

let h: WorkbenchHarness;
beforeEach(async () => {
  h = await createHarness({ previewBudgetMs: 60_000 });
});
afterEach(async () => {
  await h.cleanup();
});

describe('query:run, query:wait, query:page', () => {
  it('answers a small result completely in the run reply', async () => {
    const reply = await h.call('query:run', { runId: newId(), sql: 'SELECT range AS n FROM range(3);' });
    expect(reply.result).toMatchObject({ totalRows: 3, columns: [{ name: 'n', type: 'BIGINT' }] });
    expect(reply.firstRows).toEqual([['0'], ['1'], ['2']]);
  });

  it('replies with the first rows at once, then the whole result through query:wait', async () => {
    const runId = newId();
    const reply = await h.call('query:run', { runId, sql: 'SELECT range AS n, range % 7 AS g FROM range(250000)' });
    expect(reply.result).toBeNull();
    expect(reply.firstRows).toHaveLength(PREVIEW_ROWS);
    expect(reply.firstRows[PREVIEW_ROWS - 1]).toEqual([String(PREVIEW_ROWS - 1), String((PREVIEW_ROWS - 1) % 7)]);
    const result = await h.call('query:wait', { runId });
    expect(result.totalRows).toBe(250000);
    const tail = await h.call('query:page', { resultId: result.resultId, offset: 249998, limit: 10 });
    expect(tail.rows).toEqual([['249998', '0'], ['249999', '1']]);
    const sorted = await h.call('query:page', { resultId: result.resultId, offset: 0, limit: 3, orderBy: { column: 'g', desc: true } });
    expect(sorted.rows).toEqual([['6', '6'], ['13', '6'], ['20', '6']]);
    await h.call('query:release', { resultId: result.resultId });
    expect((await failure(h.call('query:page', { resultId: result.resultId, offset: 0, limit: 1 }))).code).toBe('NOT_FOUND');
  });

  it('types values exactly across IPC and keeps NULL apart from the empty string', async () => {
    const reply = await h.call('query:run', {
      runId: newId(),
      sql: `SELECT 9007199254740993::BIGINT AS big, 12.30::DECIMAL(18,2) AS usd, DATE '2024-02-29' AS day, NULL::VARCHAR AS nothing, '' AS empty, 1.5::DOUBLE AS d`,
    });
    expect(reply.result?.columns.map((c) => c.type)).toEqual(['BIGINT', 'DECIMAL(18,2)', 'DATE', 'VARCHAR', 'VARCHAR', 'DOUBLE']);
    expect(reply.firstRows).toEqual([['9007199254740993', '12.30', '2024-02-29', null, '', 1.5]]);
  });

  it('runs statements that cannot be wrapped in a preview (PRAGMA, EXPLAIN)', async () => {
    const pragma = await h.call('query:run', { runId: newId(), sql: 'PRAGMA database_list' });
    expect(pragma.result?.totalRows).toBeGreaterThan(0);
    const explain = await h.call('query:run', { runId: newId(), sql: 'EXPLAIN SELECT 1' });
    expect(explain.result?.totalRows).toBeGreaterThan(0);
  });

  it('shows DuckDB’s message and the position of a mistake in the user’s own lines', async () => {
    const typo = await failure(h.call('query:run', { runId: newId(), sql: 'SELECT 1\nFROM orchard.apps\nWHER app_id = 1' }));
    expect(typo.code).toBe('QUERY_FAILED');
    expect(typo.message).toMatch(/syntax error at or near "app_id"/);
    expect(typo.details?.position).toEqual({ line: 3, column: 6 });
    const column = await failure(h.call('query:run', { runId: newId(), sql: 'SELECT 1,\n  nope FROM orchard.apps' }));
    expect(column.details?.position).toEqual({ line: 2, column: 3 });
  });

  it('cancels a running query within a second, and only that run', async () => {
    const runId = newId();
    const running = h.call('query:run', { runId, sql: ENDLESS });
    // One turn of the event loop: the dispatcher has handed the statement to DuckDB.
    await new Promise((resolve) => setImmediate(resolve));
    const asked = performance.now();
    expect(await h.call('query:cancel', { runId })).toEqual({ cancelled: true });
    expect((await failure(running)).code).toBe('CANCELLED');
    expect(performance.now() - asked).toBeLessThan(1000);
    expect(await h.call('query:cancel', { runId })).toEqual({ cancelled: false });
    expect(await h.call('query:cancel', { runId: newId() })).toEqual({ cancelled: false });
    expect((await h.call('query:run', { runId: newId(), sql: 'SELECT 42 AS answer' })).firstRows).toEqual([[42]]);
    const history = await h.call('query:history', {});
    expect(history.map((e) => e.outcome)).toEqual(['succeeded', 'cancelled']);
  });

  it('cancels a run whose whole result is still being materialised', async () => {
    const runId = newId();
    const reply = await h.call('query:run', { runId, sql: `SELECT a.range AS a, b.range AS b FROM range(100000) a, range(100000) b` });
    expect(reply.result).toBeNull();
    expect(reply.firstRows).toHaveLength(PREVIEW_ROWS);
    const waiting = h.call('query:wait', { runId });
    expect(await h.call('query:cancel', { runId })).toEqual({ cancelled: true });
    expect((await failure(waiting)).code).toBe('CANCELLED');
  });

  it('refuses malformed payloads before any service runs', async () => {
    const bad: [string, unknown][] = [
      ['query:run', { runId: 'not-a-uuid', sql: 'SELECT 1' }],
      ['query:run', { runId: newId(), sql: 'SELECT 1', extra: true }],
      ['query:run', { runId: newId(), sql: 'x'.repeat(1_000_001) }],
      ['query:page', { resultId: 'r1', offset: 0, limit: 5000 }],
      ['query:page', { resultId: 'r1"; DROP', offset: 0, limit: 1 }],
      ['query:page', { resultId: 'r1', offset: -1, limit: 1 }],
      ['query:save', { name: '../escape', sql: 'SELECT 1' }],
      ['query:save', { name: '.hidden', sql: 'SELECT 1' }],
      ['query:saveTabs', { tabs: [], activeId: 'x' }],
      ['query:export', { exportId: newId(), resultId: 'r1', format: 'xlsx', fileName: 'a' }],
      ['query:chart', { resultId: 'r1', x: 'a', y: [], aggregate: 'sum' }],
    ];
    for (const [command, payload] of bad) {
      const error = await failure(h.call(command as 'query:run', payload as never));
      expect(error.code, command).toBe('BAD_INPUT');
    }
  });
});
