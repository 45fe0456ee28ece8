// PIVOT without an IN list runs as one statement: the gate reads the ON values with a checked
// query and writes them in, so the CREATE TYPE DuckDB would otherwise run never does. Results are
// compared with DuckDB's own PIVOT on a bare in-memory engine.
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHECKPOINT_REFUSAL } from '../../security/functionAttacks';
import { createHarness, failure, newId, type WorkbenchHarness } from './harness';

const SOURCE = `(SELECT * FROM (VALUES ('US',2026,5),('GB',2026,3),('US',2025,1),('it''s',2025,2),(NULL,2025,9)) t(territory,year,n))`;

let h: WorkbenchHarness;
let bare: Awaited<ReturnType<DuckDBInstance['connect']>>;
beforeAll(async () => {
  bare = await (await DuckDBInstance.create(':memory:')).connect();
});
afterAll(() => {
  bare.closeSync();
});
beforeEach(async () => {
  h = await createHarness({ previewBudgetMs: 60_000 });
});
afterEach(async () => {
  await h.cleanup();
});

/** DuckDB's own answer: column names and rows as text, sorted by the first column. */
async function native(sql: string) {
  const reader = await bare.runAndReadAll(`FROM (\n${sql.replace(/[\s;]+$/, '')}\n) ORDER BY 1`);
  return { names: reader.columnNames(), rows: reader.getRowsJson().map((row) => row.map((v) => (v === null ? null : String(v)))) };
}

async function orchard(sql: string) {
  const reply = await h.call('query:run', { runId: newId(), sql });
  const page = await h.call('query:page', { resultId: reply.result?.resultId ?? '', offset: 0, limit: 100, orderBy: { column: reply.result?.columns[0]?.name ?? '', desc: false } });
  return { names: reply.result?.columns.map((c) => c.name), rows: page.rows.map((row) => row.map((v) => (v === null ? null : String(v)))) };
}

describe('PIVOT in the workbench', () => {
  it('runs a PIVOT without IN as one statement, with the columns and values DuckDB gives', async () => {
    const acceptance = `PIVOT (SELECT * FROM (VALUES ('US',2026,5),('GB',2026,3)) t(territory,year,n)) ON territory USING sum(n)`;
    const reply = await h.call('query:run', { runId: newId(), sql: acceptance });
    expect(reply.result?.columns.map((c) => c.name)).toEqual(['year', 'GB', 'US']);
    expect(await orchard(acceptance)).toEqual(await native(acceptance));
    for (const sql of [
      `PIVOT ${SOURCE} ON territory USING sum(n)`,
      `PIVOT ${SOURCE} ON year USING sum(n) GROUP BY territory`,
      `PIVOT ${SOURCE} -- per territory\nON lower(territory) -- lower-cased\nUSING max(n);`,
    ]) {
      expect(await orchard(sql), sql).toEqual(await native(sql));
    }
  });

  it('never creates the enum type DuckDB would', async () => {
    await h.call('query:run', { runId: newId(), sql: `PIVOT ${SOURCE} ON territory USING sum(n)` });
    const types = await h.call('query:run', { runId: newId(), sql: `SELECT count(*) FROM duckdb_types() WHERE type_name ILIKE '%pivot%'` });
    expect(types.firstRows).toEqual([['0']]);
  });

  it('still runs a PIVOT with an explicit IN list', async () => {
    const sql = `PIVOT ${SOURCE} ON territory IN ('US', 'FR') USING sum(n)`;
    const reply = await h.call('query:run', { runId: newId(), sql });
    expect(reply.result?.columns.map((c) => c.name)).toEqual(['year', 'US', 'FR']);
    expect(await orchard(sql)).toEqual(await native(sql));
  });

  it('refuses a PIVOT that calls a refused function in its source, ON or USING', async () => {
    for (const sql of [
      'PIVOT (FROM checkpoint()) ON success USING count(*)',
      'PIVOT checkpoint() ON success USING count(*)',
      'PIVOT (SELECT 1 AS x, 2 AS n) ON x USING sum(n) + (SELECT count(*) FROM checkpoint())',
    ]) {
      const error = await failure(h.call('query:run', { runId: newId(), sql }));
      expect(error.message, sql).toMatch(CHECKPOINT_REFUSAL);
    }
    const seed = await failure(h.call('query:run', { runId: newId(), sql: 'PIVOT (SELECT 1 AS x, 2 AS n) ON x + setseed(0.5) USING sum(n)' }));
    expect(seed.message).toMatch(/^setseed\(\) changes the random seed/);
  });

  it('refuses a second statement behind a PIVOT, and says what to do with several ON columns', async () => {
    const behind = await failure(h.call('query:run', { runId: newId(), sql: `PIVOT ${SOURCE} ON territory USING sum(n); DROP TABLE orchard.apps` }));
    expect(behind.message).toMatch(/^Run one statement at a time/);
    const several = await failure(h.call('query:run', { runId: newId(), sql: `PIVOT ${SOURCE} ON territory, year USING sum(n)` }));
    expect(several.message).toMatch(/ON … IN \(…\)/);
  });
});
