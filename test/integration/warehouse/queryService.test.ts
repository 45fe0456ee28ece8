import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DOWNLOADS_HEADER, createWorkspace, downloadsRow, segmentText, type Workspace } from './support';
import { failure } from '../../support/failure';

let ws: Workspace;
beforeEach(async () => {
  ws = await createWorkspace();
});
afterEach(async () => {
  await ws.cleanup();
});


/** A query that runs for minutes unless interrupted. */
const ENDLESS = 'SELECT count(*) FROM range(1000000) a, range(1000000) b WHERE a.range + b.range = -1';

describe('runQuery and pages', () => {
  it('materialises a result with typed columns and pages through it, sorted or not', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => downloadsRow(`2024-03-${String(i + 1).padStart(2, '0')}`, (i * 7) % 25));
    await ws.ingest({ instanceId: 'i1', texts: [segmentText(DOWNLOADS_HEADER, rows)] });
    const q = ws.warehouse.query;
    const result = await q.runQuery('SELECT date, counts, counts * 1.5 AS half_more, NULL AS nothing FROM app_downloads_standard ORDER BY date');
    expect(result.totalRows).toBe(25);
    expect(result.columns).toEqual([
      { name: 'date', type: 'DATE' },
      { name: 'counts', type: 'BIGINT' },
      { name: 'half_more', type: 'DECIMAL(21,1)' },
      { name: 'nothing', type: 'INTEGER' },
    ]);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
    const first = await q.fetchPage(result.resultId, { offset: 0, limit: 2 });
    expect(first.rows).toEqual([['2024-03-01', '0', '0.0', null], ['2024-03-02', '7', '10.5', null]]);
    const last = await q.fetchPage(result.resultId, { offset: 24, limit: 10 });
    expect(last.rows).toEqual([['2024-03-25', '18', '27.0', null]]);
    const top = await q.fetchPage(result.resultId, { offset: 0, limit: 3, orderBy: { column: 'counts', desc: true } });
    expect(top.rows.map((r) => r[1])).toEqual(['24', '23', '22']);
    const all = await q.fetchPage(result.resultId, { offset: 0, limit: 100, orderBy: { column: 'counts', desc: false } });
    expect(all.rows.map((r) => Number(r[1]))).toEqual([...Array(25).keys()]);

    await q.releaseResult(result.resultId);
    expect((await failure(q.fetchPage(result.resultId, { offset: 0, limit: 1 }))).code).toBe('NOT_FOUND');
  });

  it('answers shallow sorted pages with ORDER BY … LIMIT, row for row the same as the full sorted copy', async () => {
    const q = ws.warehouse.query;
    // Many ties and NULLs: the order within a tie must not differ between the two paths.
    const result = await q.runQuery('SELECT range AS n, CASE WHEN range % 11 = 0 THEN NULL ELSE range % 7 END AS g, range % 3 AS h FROM range(60000)');
    for (const orderBy of [{ column: 'g', desc: true }, { column: 'h', desc: false }]) {
      const shallow = [];
      for (let offset = 0; offset < 10_000; offset += 2000) shallow.push(...(await q.fetchPage(result.resultId, { offset, limit: 2000, orderBy })).rows);
      // A deep page needs the sorted copy; after it, shallow pages come from the copy too.
      const deep = await q.fetchPage(result.resultId, { offset: 59_990, limit: 10, orderBy });
      const fromCopy = [];
      for (let offset = 0; offset < 10_000; offset += 2000) fromCopy.push(...(await q.fetchPage(result.resultId, { offset, limit: 2000, orderBy })).rows);
      expect(shallow).toEqual(fromCopy);
      const sorted = `SELECT * FROM (SELECT range AS n, CASE WHEN range % 11 = 0 THEN NULL ELSE range % 7 END AS g, range % 3 AS h FROM range(60000)) ORDER BY ${orderBy.column} ${orderBy.desc ? 'DESC' : 'ASC'} NULLS LAST, n`;
      expect(shallow).toEqual(await ws.rows(`${sorted} LIMIT 10000`));
      expect(deep.rows).toEqual(await ws.rows(`${sorted} OFFSET 59990`));
    }
  });

  it('refuses bad page requests', async () => {
    const q = ws.warehouse.query;
    const result = await q.runQuery('SELECT 1 AS a');
    expect((await failure(q.fetchPage(result.resultId, { offset: -1, limit: 1 }))).code).toBe('BAD_INPUT');
    expect((await failure(q.fetchPage(result.resultId, { offset: 0, limit: 1, orderBy: { column: 'a"; DROP', desc: false } }))).code).toBe('BAD_INPUT');
  });

  it('runs DESCRIBE, SHOW, SUMMARIZE, PRAGMA and EXPLAIN, and keeps duplicate column names apart', async () => {
    const q = ws.warehouse.query;
    const describe = await q.runQuery('DESCRIBE orchard.instances');
    expect(describe.columns[0]).toEqual({ name: 'column_name', type: 'VARCHAR' });
    expect(describe.totalRows).toBeGreaterThan(5);
    const tables = await ws.rows(`SHOW ALL TABLES`);
    expect(tables.map((row) => row[2])).toContain('sync_runs');
    expect((await q.runQuery(`PRAGMA table_info('orchard.apps')`)).totalRows).toBe(6);
    expect((await q.runQuery(`SUMMARIZE SELECT 1 AS a`)).totalRows).toBe(1);
    expect((await q.runQuery('EXPLAIN SELECT 1')).totalRows).toBeGreaterThan(0);
    expect((await q.runQuery('SELECT 1 AS a, 2 AS a;')).columns.map((c) => c.name)).toEqual(['a', 'a_1']);
  });

  it('reports SQL errors as QUERY_FAILED with DuckDB’s message and position', async () => {
    const q = ws.warehouse.query;
    const typo = await failure(q.runQuery('SELECT 1\nFROM orchard.apps\nWHER app_id = 1'));
    expect(typo.code).toBe('QUERY_FAILED');
    expect(typo.message).toMatch(/syntax error at or near "app_id"/);
    expect(typo.details?.position).toEqual({ line: 3, column: 6 });
    const column = await failure(q.runQuery('SELECT nope FROM orchard.apps'));
    expect(column.message).toMatch(/Referenced column "nope" not found/);
    expect(column.details?.position).toEqual({ line: 1, column: 8 });
    const runtime = await failure(q.runQuery(`SELECT\n  CAST('x' AS INTEGER)`));
    expect(runtime.code).toBe('QUERY_FAILED');
    expect(runtime.message).toMatch(/Could not convert string 'x'/);
    expect((await failure(q.runQuery('SELECT 1; SELECT 2'))).message).toMatch(/one statement at a time/);
    expect((await failure(q.runQuery('  -- nothing'))).message).toMatch(/no SQL statement/);
    expect((await failure(q.runQuery(''))).message).toMatch(/no SQL statement/);
  });

  it('only reads: writes, DDL, COPY, ATTACH and settings are refused', async () => {
    const q = ws.warehouse.query;
    for (const sql of ['DELETE FROM orchard.apps', 'CREATE TABLE t (a INT)', 'DROP SCHEMA raw CASCADE', 'BEGIN',
      `COPY (SELECT 1) TO '${ws.dir}/data/x.csv'`, `ATTACH '${ws.dir}/data/other.duckdb' AS other`, 'SET threads = 1']) {
      expect((await failure(q.runQuery(sql))).code, sql).toBe('QUERY_FAILED');
    }
  });

  it('cancels a running query through cancel() and through an AbortSignal, and stays usable', async () => {
    const q = ws.warehouse.query;
    const running = q.runQuery(ENDLESS);
    const repeat = setInterval(() => q.cancel(), 5);
    try {
      expect((await failure(running)).code).toBe('CANCELLED');
    } finally {
      clearInterval(repeat);
    }
    const controller = new AbortController();
    const aborted = q.runQuery(ENDLESS, { signal: controller.signal });
    setImmediate(() => controller.abort());
    expect((await failure(aborted)).code).toBe('CANCELLED');
    expect((await ws.rows('SELECT 42'))).toEqual([[42]]);
  });

  it('keeps paging an old result while a new query runs, and releases the oldest beyond the limit', async () => {
    const q = ws.warehouse.query;
    const old = await q.runQuery('SELECT range AS n FROM range(5)');
    const controller = new AbortController();
    const slow = q.runQuery(ENDLESS, { signal: controller.signal });
    expect((await q.fetchPage(old.resultId, { offset: 3, limit: 5 })).rows).toEqual([['3'], ['4']]);
    controller.abort();
    await slow.catch(() => undefined);
    const ids = [];
    for (let i = 0; i < 17; i += 1) ids.push((await q.runQuery(`SELECT ${i} AS i`)).resultId);
    expect((await failure(q.fetchPage(old.resultId, { offset: 0, limit: 1 }))).code).toBe('NOT_FOUND');
    expect((await q.fetchPage(ids[16] ?? '', { offset: 0, limit: 1 })).rows).toEqual([[16]]);
  });
});
