// The workbench's second wall: how a statement that passed the gate (readOnlyGate.ts) is run, so
// that a gap in the gate still cannot write. The user's text only ever goes where DuckDB's grammar
// admits nothing but a query, in one prepared statement, inside a transaction that has already
// written to the results database, so DuckDB itself refuses any write to the warehouse.
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryFailed } from './errors';
import type { ConnectionLane } from './lane';
import { quoteIdent } from './sql';

/**
 * Results live in their own in-memory database, out of the warehouse's (and the default
 * `memory`) namespace, so `SHOW TABLES` and the warehouse's information_schema rows never list them.
 */
export const RESULTS_DATABASE = 'orchard_results';
/** One row, updated first in every workbench transaction: the write that makes it a results-only transaction. */
const GUARD_TABLE = `${quoteIdent(RESULTS_DATABASE)}.main.write_guard`;

/** What the gate allows, in the form this file runs. `sql` is the user's statement (EXPLAIN's: the one explained). */
export type ReadPlan =
  /** A SELECT (WITH, FROM, VALUES, TABLE, PIVOT …): materialised with CREATE TABLE … AS. */
  | { kind: 'query'; sql: string }
  /** DESCRIBE, SHOW, SUMMARIZE: queries DuckDB will not take in CREATE TABLE … AS, so read through FROM (…). */
  | { kind: 'show'; sql: string }
  /** EXPLAIN [ANALYZE] of a query: run as EXPLAIN [ANALYZE] FROM (…), its rows appended. */
  | { kind: 'explain'; analyze: boolean; sql: string };

export const resultTable = (name: string) => `${quoteIdent(RESULTS_DATABASE)}.main.${quoteIdent(name)}`;

/** Run once at open, before the configuration is locked. */
export async function attachResultsDatabase(connection: DuckDBConnection): Promise<void> {
  await connection.run(`ATTACH ':memory:' AS ${quoteIdent(RESULTS_DATABASE)}`);
  await connection.run(`CREATE TABLE ${GUARD_TABLE} (runs BIGINT NOT NULL)`);
  await connection.run(`INSERT INTO ${GUARD_TABLE} VALUES (0)`);
}

/**
 * Runs `task` in a transaction whose first act is a write to the results database. DuckDB lets
 * one transaction write to one attached database only, so from then on any write the task makes
 * to the warehouse (INSERT, DELETE, DDL, even nextval) fails inside DuckDB.
 */
export function resultsOnlyTransaction<T>(lane: ConnectionLane, task: (connection: DuckDBConnection) => Promise<T>, signal?: AbortSignal): Promise<T> {
  return lane.transaction(async (connection) => {
    await connection.run(`UPDATE ${GUARD_TABLE} SET runs = runs + 1`);
    return task(connection);
  }, signal);
}

/** The user's statement as a subquery's body: no trailing semicolon, the parenthesis on its own line past any `--` comment. */
function body(sql: string): string {
  return `(\n${sql.replace(/[\s;]+$/, '')}\n)`;
}

/** Prepared, not run as text: DuckDB refuses to prepare more than one statement, so `…; DELETE …` cannot ride along. */
async function runOne(connection: DuckDBConnection, sql: string, userSql: string, lineOffset: number) {
  const prepared = await connection.prepare(sql).catch((error: unknown) => {
    throw queryFailed(error, userSql, lineOffset);
  });
  try {
    return await prepared.run().catch((error: unknown) => {
      throw queryFailed(error, userSql, lineOffset);
    });
  } finally {
    prepared.destroySync();
  }
}

/**
 * Materialises `plan` into the results table `name`; call inside resultsOnlyTransaction. Each
 * shape puts the user's text where only a query parses: after CREATE TABLE … AS, inside FROM (…)
 * after CREATE TABLE … AS, or inside FROM (…) after EXPLAIN [ANALYZE] (never `EXPLAIN (…)`, whose
 * parentheses DuckDB also reads as options such as ANALYZE).
 */
export async function materialise(connection: DuckDBConnection, plan: ReadPlan, name: string): Promise<void> {
  const target = resultTable(name);
  if (plan.kind === 'query') {
    await runOne(connection, `CREATE TABLE ${target} AS\n${plan.sql}\n`, plan.sql, 1);
    return;
  }
  if (plan.kind === 'show') {
    await runOne(connection, `CREATE TABLE ${target} AS FROM ${body(plan.sql)}`, plan.sql, 1);
    return;
  }
  const result = await runOne(connection, `EXPLAIN ${plan.analyze ? 'ANALYZE ' : ''}FROM ${body(plan.sql)}`, plan.sql, 1);
  const names = result.deduplicatedColumnNames();
  const types = result.columnTypes();
  await connection.run(`CREATE TABLE ${target} (${names.map((n, i) => `${quoteIdent(n)} ${String(types[i])}`).join(', ')})`);
  const appender = await connection.createAppender(name, 'main', RESULTS_DATABASE);
  try {
    for (let i = 0; i < result.chunkCount; i += 1) appender.appendDataChunk(result.getChunk(i));
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}
