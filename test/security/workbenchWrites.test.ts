// The SQL workbench can never write: every known attack (statements, and functions such as
// checkpoint() or enable_profiling()) is refused in plain words through the real dispatcher
// (query:run) and the built CLI, and nothing on disk changes. The walls behind the gate are then
// tested on their own, with the gate bypassed.
import path from 'node:path';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from '../support/failure';
import { ensureCliBuilt, runCli } from '../support/builtCli';
import { silentLogger } from '../../main/logging/logger';
import { openWarehouse } from '../../main/warehouse';
import { materialise, resultsOnlyTransaction, type ReadPlan } from '../../main/warehouse/readOnlyRun';
import { writeAttacks } from './attacks';
import { MANIFEST, functionAttacks, reportedAttacks } from './functionAttacks';
import { openBareEngine, removeDataDir, seedDataDir, snapshot, startOrchard, type DiskSnapshot } from './support';

const COUNT_APPS = 'SELECT count(*) AS apps FROM warehouse.orchard.apps';
const ENDLESS = 'SELECT count(*) FROM range(1000000) a, range(1000000) b WHERE a.range + b.range = -1';

/** A data folder with a cache manifest in segments/, which profiling output once overwrote. */
async function seedWithManifest(): Promise<string> {
  const dataDir = await seedDataDir();
  await mkdir(path.dirname(path.join(dataDir, MANIFEST)), { recursive: true });
  await writeFile(path.join(dataDir, MANIFEST), '{"instance":"instance-1","segments":[]}\n');
  return dataDir;
}

describe('workbench writes through the dispatcher (query:run)', () => {
  let dataDir: string;
  let before: DiskSnapshot;
  beforeAll(async () => {
    dataDir = await seedWithManifest();
    // One ordinary session first, so the baseline holds whatever the app itself writes on start.
    const orchard = await startOrchard(dataDir);
    await orchard.call('query:run', { runId: crypto.randomUUID(), sql: COUNT_APPS });
    await orchard.close();
    before = await snapshot(dataDir);
  });
  afterAll(async () => {
    await removeDataDir(dataDir);
  });

  it('refuses every attack with what the statement does, and changes nothing on disk', async () => {
    const orchard = await startOrchard(dataDir);
    try {
      for (const attack of [...writeAttacks(dataDir), ...functionAttacks(dataDir)]) {
        const error = await failure(orchard.call('query:run', { runId: crypto.randomUUID(), sql: attack.sql }));
        expect(error.code, attack.sql).toBe('QUERY_FAILED');
        expect(error.message, attack.sql).toMatch(attack.refusal);
      }
      // The workbench still works afterwards (no transaction left open or aborted, no profiling wedged on a bad path).
      const after = await orchard.call('query:run', { runId: crypto.randomUUID(), sql: COUNT_APPS });
      expect(after.firstRows).toEqual([['2']]);
      expect((await orchard.call('query:catalogue', {})).schemas.map((schema) => schema.name)).toContain('orchard');
    } finally {
      await orchard.close();
    }
    const now = await snapshot(dataDir);
    expect(now.files).toEqual(before.files);
    expect(now.warehouse).toEqual(before.warehouse);
    expect(now.warehouse['orchard.apps']).toHaveLength(2);
    expect(Object.keys(now.files)).toContain('settings.json');
    expect(Object.keys(now.files)).toContain(MANIFEST);
  });

  it('still runs what only reads: SELECT, DESCRIBE, SHOW, SUMMARIZE, read-only PRAGMAs, EXPLAIN and EXPLAIN ANALYZE of a SELECT', async () => {
    const orchard = await startOrchard(dataDir);
    try {
      const rowsOf = async (sql: string) => (await orchard.call('query:run', { runId: crypto.randomUUID(), sql })).firstRows;
      expect(await rowsOf('WITH a AS (SELECT app_id FROM orchard.apps) SELECT count(*) FROM a;')).toEqual([['2']]);
      expect(await rowsOf('FROM orchard.apps SELECT name ORDER BY name')).toEqual([['Orchard Test App'], ['Second App']]);
      expect(await rowsOf('VALUES (1, 2)')).toEqual([[1, 2]]);
      expect((await rowsOf('DESCRIBE orchard.apps')).map((r) => r[0])).toContain('app_id');
      expect((await rowsOf('SHOW ALL TABLES')).map((r) => r[2])).toContain('apps');
      expect((await rowsOf('SUMMARIZE orchard.apps')).length).toBeGreaterThan(0);
      expect((await rowsOf("PRAGMA table_info('orchard.apps')")).map((r) => r[1])).toContain('app_id');
      expect((await rowsOf('PRAGMA show_tables_expanded')).map((r) => r[2])).toContain('apps');
      expect(await rowsOf('PRAGMA version')).toHaveLength(1);
      const explain = await rowsOf('EXPLAIN SELECT count(*) FROM orchard.apps');
      expect(explain[0]?.[0]).toBe('physical_plan');
      const analyze = await rowsOf('-- how fast?\nEXPLAIN ANALYZE SELECT count(*) FROM orchard.apps;');
      expect(analyze[0]?.[0]).toBe('analyzed_plan');
    } finally {
      await orchard.close();
    }
  });
});

describe('workbench writes through the built CLI (orchard query)', () => {
  let dataDir: string;
  let before: DiskSnapshot;
  beforeAll(async () => {
    ensureCliBuilt();
    dataDir = await seedWithManifest();
    const first = await runCli(['query', '--data-dir', dataDir, '--format', 'json', COUNT_APPS]);
    expect(first.code, first.stderr).toBe(0);
    before = await snapshot(dataDir);
  }, 120_000);
  afterAll(async () => {
    await removeDataDir(dataDir);
  });

  it('refuses the EXPLAIN ANALYZE attacks, plain writes and the reported function attacks with exit code 2 and the plain-words message; nothing changes', async () => {
    const attacks = [...writeAttacks(dataDir).filter((a) => /^(EXPLAIN ANALYZE|COPY|DELETE)/.test(a.sql)), ...reportedAttacks(dataDir)];
    expect(attacks.length).toBeGreaterThanOrEqual(19);
    for (const attack of attacks) {
      const run = await runCli(['query', '--data-dir', dataDir, attack.sql]);
      expect(run.code, attack.sql).toBe(2);
      expect(run.stdout, attack.sql).toBe('');
      const message = run.stderr.trim().replace(/^orchard: /, '');
      expect(message, attack.sql).toMatch(attack.refusal);
      // Worded for a terminal as much as for the app.
      expect(message, attack.sql).not.toMatch(/workbench/i);
    }
    const now = await snapshot(dataDir);
    expect(now.files).toEqual(before.files);
    expect(now.warehouse).toEqual(before.warehouse);
    const check = await runCli(['query', '--data-dir', dataDir, '--format', 'json', COUNT_APPS]);
    expect(JSON.parse(check.stdout.trim())).toEqual([{ apps: 2 }]);
  }, 300_000);
});

describe('the walls behind the gate, with the gate bypassed', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await seedDataDir();
  });
  afterAll(async () => {
    await removeDataDir(dataDir);
  });

  it('a results-only transaction: DuckDB itself refuses any write to the warehouse', async () => {
    const engine = await openBareEngine(dataDir, async (setup) => {
      await setup.run('CREATE TABLE warehouse.main.scratch AS SELECT 1 AS n');
      await setup.run('CREATE SEQUENCE warehouse.main.counter');
    });
    try {
      for (const sql of ['DELETE FROM warehouse.orchard.apps', 'DROP TABLE warehouse.orchard.apps', 'CREATE TABLE warehouse.main.x AS SELECT 1',
        "INSERT INTO warehouse.orchard.apps (app_id, name) VALUES ('9', 'x')", 'ALTER TABLE warehouse.orchard.apps ADD COLUMN x INTEGER',
        "SELECT nextval('warehouse.main.counter')", 'DELETE FROM warehouse.main.scratch']) {
        const error = await resultsOnlyTransaction(engine.query, (c) => c.run(sql)).then(() => undefined, (e: unknown) => e);
        expect(String(error), sql).toMatch(/TransactionContext Error: Attempting to write to database "warehouse" in a transaction that has already modified database "orchard_results"/);
      }
      // The same write outside such a transaction goes through: the guard, not chance, stopped it.
      await engine.query.run((c) => c.run('DELETE FROM warehouse.main.scratch'));
      const left = await engine.query.run(async (c) => (await c.runAndReadAll('SELECT count(*) FROM warehouse.main.scratch')).getRowsJson());
      expect(left).toEqual([['0']]);
    } finally {
      await engine.close();
    }
    const after = await snapshot(dataDir);
    expect(after.warehouse['orchard.apps']).toHaveLength(2);
    expect(Object.keys(after.warehouse)).not.toContain('main.x');
  });

  it('the run shapes: statements the gate would refuse cannot run where the user’s text goes', async () => {
    const database = path.join(dataDir, 'orchard.duckdb');
    const settings = path.join(dataDir, 'settings.json');
    const settingsBefore = await readFile(settings);
    const engine = await openBareEngine(dataDir, (setup) => setup.run('CREATE SEQUENCE warehouse.main.ticket'));
    const hostile: ReadPlan[] = [
      { kind: 'explain', analyze: true, sql: `COPY (SELECT 1) TO '${database}' (FORMAT csv, USE_TMP_FILE false)` },
      { kind: 'explain', analyze: true, sql: 'DELETE FROM warehouse.orchard.apps' },
      { kind: 'explain', analyze: false, sql: `ANALYZE) COPY (SELECT [] AS apiKeys) TO '${settings}' (FORMAT json` },
      { kind: 'query', sql: 'DELETE FROM warehouse.orchard.apps' },
      { kind: 'query', sql: `COPY (SELECT 1) TO '${database}' (FORMAT csv, USE_TMP_FILE false)` },
      { kind: 'query', sql: 'SELECT 1; DROP TABLE warehouse.orchard.apps' },
      { kind: 'show', sql: `SELECT 1); COPY (SELECT 1) TO '${database}' (FORMAT csv, USE_TMP_FILE false); (SELECT 1` },
      { kind: 'show', sql: 'DESCRIBE warehouse.orchard.apps) ; DROP TABLE warehouse.orchard.apps; SELECT (1' },
      { kind: 'explain', analyze: true, sql: "SELECT 1) UNION ALL (SELECT nextval('warehouse.main.ticket')" },
      { kind: 'query', sql: "SELECT nextval('warehouse.main.ticket')" },
    ];
    try {
      for (const [i, plan] of hostile.entries()) {
        const error = await resultsOnlyTransaction(engine.query, (c) => materialise(c, plan, `hostile_${i}`)).then(() => undefined, (e: unknown) => e);
        expect(String(error), JSON.stringify(plan)).toMatch(/Parser Error|Cannot prepare multiple statements|TransactionContext Error/);
      }
      // The shapes do run what they are for.
      await resultsOnlyTransaction(engine.query, (c) => materialise(c, { kind: 'explain', analyze: true, sql: 'SELECT count(*) FROM warehouse.orchard.apps' }, 'fine'));
    } finally {
      await engine.close();
    }
    expect(await readFile(settings)).toEqual(settingsBefore);
    const after = await snapshot(dataDir);
    expect(after.warehouse['orchard.apps']).toHaveLength(2);
  });

  it('the file sandbox: COPY cannot reach settings.json, logs, history or the data folder root', async () => {
    const engine = await openBareEngine(dataDir);
    try {
      for (const target of ['settings.json', 'logs/orchard.log', 'workbench/history.json', 'queries/saved.sql', 'new.csv']) {
        const sql = `COPY (SELECT 1 AS n) TO '${path.join(dataDir, target)}' (FORMAT csv, USE_TMP_FILE false)`;
        const error = await engine.query.run((c) => c.run(sql)).then(() => undefined, (e: unknown) => e);
        expect(String(error), target).toMatch(/Permission Error/);
      }
    } finally {
      await engine.close();
    }
  });
});

describe('the results-only transaction and cancellation', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await seedDataDir();
  });
  afterAll(async () => {
    await removeDataDir(dataDir);
  });

  it('a run cancelled at any step (gate, guard write, materialising) leaves no transaction behind: the next run works', async () => {
    const warehouse = await openWarehouse({ dataDir, logger: silentLogger });
    try {
      for (let turns = 0; turns < 8; turns += 1) {
        const controller = new AbortController();
        const running = warehouse.query.runQuery(ENDLESS, { signal: controller.signal });
        for (let i = 0; i < turns; i += 1) await new Promise((resolve) => setImmediate(resolve));
        controller.abort();
        expect((await failure(running)).code).toBe('CANCELLED');
        const next = await warehouse.query.runQuery(COUNT_APPS);
        expect(next.totalRows, `after cancelling at turn ${turns}`).toBe(1);
        await warehouse.query.releaseResult(next.resultId);
      }
    } finally {
      await warehouse.close();
    }
  });
});
