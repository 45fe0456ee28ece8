// The allowlist over DuckDB's functions (main/warehouse/sqlAllowlist.ts): every table function,
// table macro, PRAGMA and side-effect scalar DuckDB has is either on a list that only reads or on
// a refused list the gate is shown to refuse — so a DuckDB upgrade that adds a writer fails here,
// not in the warehouse. Then the attacks of issue 21, in every place a SELECT can hide them, on a
// warehouse with un-checkpointed writes, leave the file, its WAL and the cache manifests unchanged.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrchardError } from '../../shared/errors';
import { failure } from '../support/failure';
import { DATABASE_FILE } from '../../main/warehouse';
import type { ConnectionLane } from '../../main/warehouse/lane';
import { READ_ONLY_PRAGMAS, readOnlyPlan } from '../../main/warehouse/readOnlyGate';
import { materialise, resultsOnlyTransaction } from '../../main/warehouse/readOnlyRun';
import {
  READING_TABLE_FUNCTIONS, REFUSED_PRAGMAS, REFUSED_SCALAR_FUNCTIONS, REFUSED_TABLE_FUNCTIONS, VOLATILE_BUT_READING,
} from '../../main/warehouse/sqlAllowlist';
import { allowlistRefusal } from '../../main/warehouse/sqlAllowlistWalk';
import { MANIFEST, PROFILING_SEQUENCE, functionAttacks, reportedAttacks } from './functionAttacks';
import { openBareEngine, removeDataDir, seedDataDir, snapshot, startOrchard, type BareEngine } from './support';

/** What the gate says about `sql`: the refusal's message, or 'allowed'. */
async function verdict(connection: DuckDBConnection, sql: string): Promise<string> {
  return readOnlyPlan(connection, sql).then(() => 'allowed', (error: unknown) => {
    if (error instanceof OrchardError && error.code === 'QUERY_FAILED') return error.message;
    throw error;
  });
}

/** The gate and the run, as the query service does them; resolves to the refusal or DuckDB's error, or 'ran'. */
function gatedRun(lane: ConnectionLane, sql: string, name: string): Promise<string> {
  return resultsOnlyTransaction(lane, async (connection) => materialise(connection, await readOnlyPlan(connection, sql), name))
    .then(() => 'ran', (error: unknown) => (error instanceof Error ? error.message : String(error)));
}

async function rows(lane: ConnectionLane, sql: string): Promise<string[][]> {
  return lane.run(async (c) => (await c.runAndReadAll(sql)).getRowsJson().map((row) => row.map(String)));
}

const sorted = (names: Iterable<string>) => [...names].sort();

describe('DuckDB’s functions, each on a list', () => {
  let dataDir: string;
  let engine: BareEngine;
  const namesOf = async (where: string) => new Set((await rows(engine.query, `SELECT DISTINCT function_name FROM duckdb_functions() WHERE ${where}`)).map((r) => String(r[0])));
  beforeAll(async () => {
    dataDir = await seedDataDir();
    engine = await openBareEngine(dataDir);
  });
  afterAll(async () => {
    await engine.close();
    await removeDataDir(dataDir);
  });

  it('every table function and table macro only reads or is refused by name, and the lists name only what DuckDB has', async () => {
    const duckdb = await namesOf("function_type IN ('table', 'table_macro')");
    const refused = Object.keys(REFUSED_TABLE_FUNCTIONS);
    expect(sorted([...duckdb].filter((name) => !READING_TABLE_FUNCTIONS.has(name) && !refused.includes(name))), 'new table functions: put each on a list').toEqual([]);
    expect(sorted([...READING_TABLE_FUNCTIONS, ...refused].filter((name) => !duckdb.has(name))), 'listed but not in DuckDB').toEqual([]);
    expect(refused.filter((name) => READING_TABLE_FUNCTIONS.has(name))).toEqual([]);
    await engine.query.run(async (connection) => {
      for (const name of refused) expect(await verdict(connection, `SELECT * FROM ${name}()`), name).toMatch(new RegExp(`^${name}\\(\\) `));
      for (const name of READING_TABLE_FUNCTIONS) expect(await verdict(connection, `SELECT * FROM ${name}()`), name).toBe('allowed');
    });
  });

  it('every PRAGMA is a read-only rewrite or refused', async () => {
    const duckdb = await namesOf("function_type = 'pragma'");
    const rewrites = Object.keys(READ_ONLY_PRAGMAS);
    expect(sorted([...duckdb].filter((name) => !rewrites.includes(name) && !REFUSED_PRAGMAS.has(name))), 'new PRAGMAs: put each on a list').toEqual([]);
    expect(sorted([...REFUSED_PRAGMAS].filter((name) => !duckdb.has(name) || rewrites.includes(name)))).toEqual([]);
    await engine.query.run(async (connection) => {
      for (const name of REFUSED_PRAGMAS) {
        // DuckDB binds a PRAGMA's arguments (and expands the ones that stand for queries) while extracting statements: a wrong
        // count or bad JSON fails there, import_database's files are read there (inside the allowed folders only), and
        // copy_database becomes several statements, refused as such — before anything runs.
        const verdicts = await Promise.all(['', "('x')", "('x', 'y')"].map((args) => verdict(connection, `PRAGMA ${name}${args}`)));
        const byGate = new RegExp(`^PRAGMA ${name} may change settings or data`);
        for (const said of verdicts) expect(said, name).toMatch(new RegExp(`${byGate.source}|^Failed to extract statements: |^Run one statement at a time`));
      }
      // Given a statement that extracts cleanly, the gate itself refuses it.
      const serialised = String((await connection.runAndReadAll("SELECT json_serialize_sql('SELECT * FROM checkpoint()')")).getRowsJson()[0]?.[0]);
      expect(await verdict(connection, `PRAGMA json_execute_serialized_sql('${serialised.replaceAll("'", "''")}')`)).toMatch(/^PRAGMA json_execute_serialized_sql may change settings or data/);
    });
  });

  it('every scalar or aggregate DuckDB marks as having side effects only produces values, or is refused', async () => {
    const duckdb = await namesOf("function_type IN ('scalar', 'aggregate') AND has_side_effects");
    const refused = Object.keys(REFUSED_SCALAR_FUNCTIONS);
    expect(sorted([...duckdb].filter((name) => !VOLATILE_BUT_READING.has(name) && !refused.includes(name))), 'new side effects: put each on a list').toEqual([]);
    expect(sorted([...VOLATILE_BUT_READING, ...refused].filter((name) => !duckdb.has(name)))).toEqual([]);
    await engine.query.run(async (connection) => {
      for (const name of refused) expect(await verdict(connection, `SELECT ${name}(1)`), name).toMatch(new RegExp(`^${name}\\(\\) `));
      expect(await verdict(connection, "SELECT random(), uuid(), currval('x'), sleep_ms(0)")).toBe('allowed');
    });
  });

  it('DuckDB’s own macros and views call only functions the gate allows (else they would be a way around it)', async () => {
    const macros = await rows(engine.query, "SELECT function_type, function_name, macro_definition FROM duckdb_functions() WHERE function_type IN ('macro', 'table_macro')");
    const views = await rows(engine.query, 'SELECT view_name, sql FROM duckdb_views() WHERE internal');
    expect(macros.length).toBeGreaterThan(50);
    expect(views.length).toBeGreaterThan(20);
    const bodies = [
      ...macros.map(([type, name, body]) => ({ name: String(name), sql: type === 'macro' ? `SELECT ${String(body)}` : String(body) })),
      ...views.map(([name, sql]) => ({ name: String(name), sql: String(sql).replace(/^CREATE (?:TEMP )?VIEW .+? AS /s, '').replace(/;\s*$/, '') })),
    ];
    const problems: string[] = [];
    await engine.query.run(async (connection) => {
      for (const { name, sql } of bodies) {
        const tree: unknown = JSON.parse(String((await connection.runAndReadAll('SELECT json_serialize_sql($sql::VARCHAR)', { sql })).getRowsJson()[0]?.[0]));
        const refusal = (tree as { error?: boolean }).error ? { message: `not serialisable: ${sql}` } : allowlistRefusal(tree);
        if (refusal !== undefined) problems.push(`${name}: ${refusal.message}`);
      }
    });
    expect(problems).toEqual([]);
    expect(bodies.find((b) => b.name === 'pg_sleep')?.sql).toMatch(/sleep_ms/);
  });
});

describe('the function attacks through the gate, on a warehouse with writes not yet checkpointed', () => {
  let dataDir: string;
  const fileHash = async (relative: string) => createHash('sha256').update(await readFile(path.join(dataDir, relative))).digest('hex');
  const openWithPendingWrites = () => openBareEngine(dataDir, async (setup) => {
    // checkpoint_threshold is 128MB: these stay in the WAL, so a checkpoint would rewrite the file.
    await setup.run('CREATE OR REPLACE TABLE warehouse.main.pending AS SELECT range AS n FROM range(1000)');
    await setup.run('CREATE SEQUENCE IF NOT EXISTS warehouse.main.seq');
  });
  beforeAll(async () => {
    dataDir = await seedDataDir();
    await mkdir(path.dirname(path.join(dataDir, MANIFEST)), { recursive: true });
    await writeFile(path.join(dataDir, MANIFEST), '{"instance":"instance-1","segments":[]}\n');
  });
  afterAll(async () => {
    await removeDataDir(dataDir);
  });

  it('refuses each naming the function; the warehouse file, its WAL and the manifest keep their bytes; the connection keeps working', async () => {
    const engine = await openWithPendingWrites();
    const watched = [DATABASE_FILE, `${DATABASE_FILE}.wal`, MANIFEST];
    try {
      const settings = () => rows(engine.query, "SELECT name, value FROM duckdb_settings() WHERE regexp_matches(name, 'profil|logging') ORDER BY name");
      const settingsBefore = await settings();
      const before = await Promise.all(watched.map(fileHash));
      for (const [i, attack] of functionAttacks(dataDir).entries()) {
        expect(await gatedRun(engine.query, attack.sql, `attack_${i}`), attack.sql).toMatch(attack.refusal);
      }
      // The three-call profiling sequence that crashed the process, twice over: refused, and this process is still here.
      for (const sql of [...PROFILING_SEQUENCE, ...PROFILING_SEQUENCE]) expect(await gatedRun(engine.query, sql, 'profiling')).toMatch(/^(en|dis)able_profiling\(\)/);
      expect(await Promise.all(watched.map(fileHash))).toEqual(before);
      expect(settingsBefore.length).toBeGreaterThan(3);
      expect(await settings()).toEqual(settingsBefore);
      expect(await gatedRun(engine.query, 'SELECT count(*) FROM warehouse.main.pending', 'after')).toBe('ran');
    } finally {
      await engine.close();
    }
    const files = await Promise.all(['exports/L', 'exports/profile.json'].map((relative) => readFile(path.join(dataDir, relative)).then(() => relative, () => undefined)));
    expect(files.filter(Boolean)).toEqual([]);
  });

  it('with the gate bypassed, checkpoint() does rewrite the warehouse file: the check above can fail', async () => {
    const engine = await openWithPendingWrites();
    try {
      const before = await fileHash(DATABASE_FILE);
      await resultsOnlyTransaction(engine.query, (c) => materialise(c, { kind: 'query', sql: 'SELECT * FROM checkpoint()' }, 'unguarded'));
      expect(await fileHash(DATABASE_FILE)).not.toBe(before);
    } finally {
      await engine.close();
    }
  });
});

describe('the reported attacks as saved queries and dashboard pins, through the dispatcher', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await seedDataDir();
    await mkdir(path.dirname(path.join(dataDir, MANIFEST)), { recursive: true });
    await writeFile(path.join(dataDir, MANIFEST), '{"instance":"instance-1","segments":[]}\n');
  });
  afterAll(async () => {
    await removeDataDir(dataDir);
  });

  it('query:save keeps them, but running the saved query or its pin (pins:run) is refused; nothing changes and both keep working', async () => {
    const before = await snapshot(dataDir);
    const orchard = await startOrchard(dataDir);
    const controls = { apps: 'all' as const, from: '2026-01-01', to: '2026-01-31', granularity: 'DAILY' as const, filters: {}, compare: 'none' as const, topN: 8 };
    try {
      for (const [i, attack] of reportedAttacks(dataDir).entries()) {
        const name = `attack ${i}`;
        await orchard.call('query:save', { name, sql: attack.sql });
        const saved = (await orchard.call('query:savedList', {})).queries.find((query) => query.name === name);
        expect(saved?.sql.trim(), attack.sql).toBe(attack.sql);
        const run = await failure(orchard.call('query:run', { runId: crypto.randomUUID(), sql: saved?.sql ?? '' }));
        expect(run.message, attack.sql).toMatch(attack.refusal);
        const pin = await orchard.call('pins:add', { queryName: name, title: name, chart: { kind: 'bar', x: 'x', y: ['y'], aggregate: 'sum' } });
        const tile = await failure(orchard.call('pins:run', { requestId: crypto.randomUUID(), pinId: pin.id, controls }));
        expect(tile.code, attack.sql).toBe('QUERY_FAILED');
        expect(tile.message, attack.sql).toMatch(attack.refusal);
      }
      // Not wedged: the workbench, its catalogue and a pin still run.
      await orchard.call('query:save', { name: 'apps', sql: 'SELECT count(*) AS x, count(*) AS y FROM orchard.apps' });
      const pin = await orchard.call('pins:add', { queryName: 'apps', title: 'apps', chart: { kind: 'bar', x: 'x', y: ['y'], aggregate: 'sum' } });
      expect((await orchard.call('pins:run', { requestId: crypto.randomUUID(), pinId: pin.id, controls })).rows).toEqual([['2', '2']]);
      expect((await orchard.call('query:catalogue', {})).schemas.map((schema) => schema.name)).toContain('orchard');
    } finally {
      await orchard.close();
    }
    const after = await snapshot(dataDir);
    expect(after.warehouse).toEqual(before.warehouse);
    // Only the saved queries and the dashboard layout are new; the manifest and everything else keep their bytes.
    const unchanged = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).filter(([file]) => !/^(queries|dashboard)/.test(file)));
    expect(unchanged(after.files)).toEqual(unchanged(before.files));
    expect(Object.keys(before.files)).toContain(MANIFEST);
  });
});
