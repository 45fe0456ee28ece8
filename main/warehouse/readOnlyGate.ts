// The workbench's first wall: which statements may run at all, decided by DuckDB's own parse.
// A statement runs only if DuckDB serialises it as a SELECT (json_serialize_sql: SELECT, WITH,
// FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE …), or it is EXPLAIN [ANALYZE] of one, or one of a few
// read-only PRAGMAs rewritten to their table functions — and every function it calls, anywhere in
// the parse tree, is allowed (sqlAllowlist.ts), and no file it names is one main only stages
// (sqlPaths.ts). A PIVOT without IN gets its IN list filled in by a checked query (pivotPlan).
// Anything else is refused in plain words. The same
// gate serves the workbench, pins, saved queries, Open in SQL and the CLI `query`.
import type { DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import { OrchardError } from '../../shared/errors';
import { duckdbMessage, queryFailed } from './errors';
import type { ReadPlan } from './readOnlyRun';
import { ONLY_READS } from './sqlAllowlist';
import { allowlistRefusal } from './sqlAllowlistWalk';
import { splitPivot } from './pivotInList';
import { stagedPathRefusal } from './sqlPaths';

const RUNS_HERE = 'SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE, read-only PRAGMAs and EXPLAIN of a SELECT';

/** What each refused statement does, by its first keyword. */
const REFUSALS: Readonly<Record<string, (keyword: string) => string>> = (() => {
  const byKeyword: Record<string, (keyword: string) => string> = {};
  const add = (keywords: string[], text: (keyword: string) => string) => {
    for (const keyword of keywords) byKeyword[keyword] = text;
  };
  add(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'TRUNCATE'], (k) => `${k} changes data; ${ONLY_READS}.`);
  add(['CREATE', 'DROP', 'ALTER', 'COMMENT'], (k) => `${k} changes the warehouse’s tables, views or schemas; ${ONLY_READS}.`);
  add(['COPY', 'EXPORT'], (k) => `${k} writes files; ${ONLY_READS}. To save a result, run the SELECT and use Export.`);
  add(['IMPORT'], () => `IMPORT loads files into the database; ${ONLY_READS}.`);
  add(['ATTACH', 'DETACH', 'USE'], (k) => `${k} changes which databases are open; ${ONLY_READS}.`);
  add(['SET', 'RESET'], (k) => `${k} changes DuckDB’s settings; ${ONLY_READS}.`);
  add(['INSTALL', 'LOAD'], (k) => `${k} installs or loads extensions; ${ONLY_READS}.`);
  add(['CHECKPOINT', 'VACUUM', 'ANALYZE'], (k) => `${k} maintains the database file; ${ONLY_READS}.`);
  add(['BEGIN', 'START', 'COMMIT', 'END', 'ROLLBACK', 'ABORT'], (k) => `${k} controls transactions; each query runs on its own and ${ONLY_READS}.`);
  add(['PREPARE', 'EXECUTE', 'DEALLOCATE'], (k) => `${k} manages prepared statements; run the query itself instead.`);
  add(['CALL'], () => 'CALL runs a function as a statement; write SELECT * FROM function(…) instead.');
  add(['WITH'], () => `This WITH … statement does not end in a SELECT that Orchard can check (it changes data, or holds a PIVOT); ${ONLY_READS}.`);
  // Queries DuckDB parses but cannot serialise (a PIVOT, top-level or nested): the functions they call cannot be checked.
  add(['SELECT', 'FROM', 'VALUES', 'TABLE', 'DESCRIBE', 'SHOW', 'SUMMARIZE', 'PIVOT', 'UNPIVOT'], (k) =>
    `This ${k} … statement cannot be checked (DuckDB cannot serialise it, as with PIVOT), so it does not run; ${ONLY_READS}.`);
  return byKeyword;
})();

/** PRAGMA name → the same information as a query (DuckDB's table functions or SHOW); every other PRAGMA is refused. */
export const READ_ONLY_PRAGMAS: Readonly<Record<string, (args: string) => string | undefined>> = {
  table_info: (args) => `FROM pragma_table_info(${args})`,
  show: (args) => `FROM pragma_show(${args})`,
  storage_info: (args) => `FROM pragma_storage_info(${args})`,
  database_size: (args) => `FROM pragma_database_size(${args})`,
  version: (args) => `FROM pragma_version(${args})`,
  platform: (args) => `FROM pragma_platform(${args})`,
  collations: (args) => `FROM pragma_collations(${args})`,
  database_list: (args) => (args === '' ? 'SELECT database_oid AS seq, database_name AS name, path AS file FROM duckdb_databases()' : undefined),
  show_tables: (args) => (args === '' ? 'SHOW TABLES' : undefined),
  show_tables_expanded: (args) => (args === '' ? 'SHOW ALL TABLES' : undefined),
  show_databases: (args) => (args === '' ? 'SHOW DATABASES' : undefined),
};

const serialisedSchema = z.object({
  error: z.boolean(),
  statements: z.array(z.object({ node: z.object({ type: z.string(), from_table: z.object({ type: z.string() }).nullish() }) })).optional(),
});

export function refused(message: string, statement: string): OrchardError {
  return new OrchardError('QUERY_FAILED', message, { refused: statement });
}

function failed(message: string): OrchardError {
  return new OrchardError('QUERY_FAILED', message);
}

/** Index after the whitespace and comments that start at `at`. */
function skipTrivia(sql: string, at: number): number {
  const trivia = /(?:\s+|--[^\n]*|\/\*[\s\S]*?\*\/)*/y;
  trivia.lastIndex = at;
  trivia.exec(sql);
  return trivia.lastIndex;
}

/** The keyword (or name) after any whitespace and comments from `at`, upper-cased, and where it ends. */
function wordAt(sql: string, at: number): { word: string; end: number } | undefined {
  const word = /[A-Za-z_][A-Za-z0-9_]*/y;
  word.lastIndex = skipTrivia(sql, at);
  const match = word.exec(sql);
  return match === null ? undefined : { word: match[0].toUpperCase(), end: word.lastIndex };
}

/** The text from `at` on, with what came before blanked so DuckDB's line and column numbers still match the editor. */
function tailKeepingPositions(sql: string, at: number): string {
  return sql.slice(0, at).replace(/[^\n]/g, ' ') + sql.slice(at);
}

/**
 * 'query' or 'show' when DuckDB's parser sees exactly one SELECT in `sql`; null for anything else
 * (including what json_serialize_sql cannot serialise). Throws the refusal when the SELECT calls a
 * function that is not allowed.
 */
async function selectShape(connection: DuckDBConnection, sql: string): Promise<'query' | 'show' | null> {
  const reader = await connection.runAndReadAll('SELECT json_serialize_sql($sql::VARCHAR)', { sql });
  const tree: unknown = JSON.parse(String(reader.getRowsJson()[0]?.[0] ?? 'null'));
  const parsed = serialisedSchema.safeParse(tree);
  if (!parsed.success || parsed.data.error) return null;
  const [only, ...more] = parsed.data.statements ?? [];
  if (only === undefined || more.length > 0) return null;
  const refusal = allowlistRefusal(tree);
  if (refusal !== undefined) throw refused(refusal.message, refusal.called);
  const pathRefusal = await stagedPathRefusal(connection, tree);
  if (pathRefusal !== undefined) throw refused(pathRefusal.message, pathRefusal.called);
  return only.node.from_table?.type === 'SHOW_REF' ? 'show' : 'query';
}

async function explainPlan(connection: DuckDBConnection, sql: string, afterExplain: number): Promise<ReadPlan> {
  const next = wordAt(sql, afterExplain);
  const analyze = next?.word === 'ANALYZE' || next?.word === 'ANALYSE';
  const inner = tailKeepingPositions(sql, analyze && next ? next.end : afterExplain);
  if ((await selectShape(connection, inner)) !== null) return { kind: 'explain', analyze, sql: inner };
  const what = wordAt(inner, 0)?.word;
  const explained = what === undefined ? '' : ` (here ${what})`;
  throw refused(
    analyze
      ? `EXPLAIN ANALYZE runs the statement it explains${explained}; only a SELECT can be explained here.`
      : `EXPLAIN here explains only a SELECT (or WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE)${explained}; EXPLAIN options in parentheses are not supported.`,
    analyze ? 'EXPLAIN ANALYZE' : 'EXPLAIN',
  );
}

async function pragmaPlan(connection: DuckDBConnection, sql: string, afterPragma: number): Promise<ReadPlan> {
  const name = wordAt(sql, afterPragma);
  const allowed = `the read-only PRAGMAs that run here are ${Object.keys(READ_ONLY_PRAGMAS).join(', ')}`;
  if (name === undefined) throw refused(`This PRAGMA names nothing; ${allowed}.`, 'PRAGMA');
  const pragma = name.word.toLowerCase();
  const rest = sql.slice(name.end).replace(/[\s;]+$/, '').trim();
  if (rest.startsWith('=')) throw refused(`PRAGMA ${pragma} = … changes a setting; ${ONLY_READS}.`, 'PRAGMA');
  const args = rest === '' ? '' : rest.startsWith('(') && rest.endsWith(')') ? rest.slice(1, -1) : undefined;
  // Own keys only: `PRAGMA constructor(…)` must not find Object.prototype's.
  const rewrite = Object.hasOwn(READ_ONLY_PRAGMAS, pragma) ? READ_ONLY_PRAGMAS[pragma] : undefined;
  const query = rewrite === undefined || args === undefined ? undefined : rewrite(args);
  if (query === undefined) throw refused(`PRAGMA ${pragma} may change settings or data; ${allowed}.`, 'PRAGMA');
  const shape = await selectShape(connection, query);
  if (shape === null) throw refused(`PRAGMA ${pragma} with these arguments does not read as a query; ${allowed}.`, 'PRAGMA');
  return { kind: shape, sql: query };
}

/** DuckDB's default pivot_limit: more columns than this fail there too. */
const PIVOT_COLUMN_LIMIT = 100_000;

/**
 * A PIVOT without IN, which DuckDB would run as CREATE TYPE … AS ENUM plus the pivot: the ON
 * values are read with a query that passes this gate itself, then written in as an explicit IN
 * list (as DuckDB's enum would hold them: non-NULL, as text, sorted), and the rewritten PIVOT is
 * checked like any SELECT. The CREATE TYPE never runs.
 */
async function pivotPlan(connection: DuckDBConnection, sql: string, afterPivot: number): Promise<ReadPlan> {
  const split = splitPivot(sql, afterPivot);
  const cannot = (why: string) => refused(`This PIVOT ${why}; list the values to pivot on with ON … IN (…).`, 'PIVOT');
  if (split === undefined) throw cannot('could not be read as PIVOT … ON … USING …');
  const [on, ...moreOn] = split.on;
  if (on === undefined || on === '' || moreOn.length > 0) throw cannot('has several ON expressions without IN lists');
  const values = `SELECT DISTINCT CAST((\n${on}\n) AS VARCHAR) AS pivot_value FROM ${split.source}\nWHERE (\n${on}\n) IS NOT NULL ORDER BY 1 LIMIT ${PIVOT_COLUMN_LIMIT + 1}`;
  if ((await selectShape(connection, values)) !== 'query') throw cannot('reads its source in a way Orchard cannot check');
  const prepared = await connection.prepare(values).catch((error: unknown) => {
    throw queryFailed(error, sql);
  });
  const rows = await prepared.runAndReadAll().catch((error: unknown) => {
    throw queryFailed(error, sql);
  });
  const found = rows.getRowsJson().map((row) => String(row[0]));
  if (found.length === 0) throw failed('This PIVOT has nothing to pivot on: its ON expression is NULL in every row, or there are no rows.');
  if (found.length > PIVOT_COLUMN_LIMIT) throw cannot(`would make more than ${PIVOT_COLUMN_LIMIT.toLocaleString('en-US')} columns`);
  const list = found.map((value) => `'${value.replace(/'/g, "''")}'`).join(', ');
  const rewritten = `${sql.slice(0, split.insertAt).trimEnd()}\nIN (${list})\n${sql.slice(split.insertAt)}`;
  const extracted = await connection.extractStatements(rewritten).catch((error: unknown) => {
    throw queryFailed(error, rewritten);
  });
  if (extracted.count !== 1) throw failed(`Run one statement at a time (found ${extracted.count}).`);
  const shape = await selectShape(connection, rewritten);
  if (shape === null) throw cannot('could not be written with an IN list');
  return { kind: shape, sql: rewritten };
}

/**
 * Decides whether `sql` may run in the workbench and how (see readOnlyRun.ts). Throws QUERY_FAILED:
 * DuckDB's syntax error, "run one statement at a time", or a refusal naming what the statement does.
 */
export async function readOnlyPlan(connection: DuckDBConnection, sql: string): Promise<ReadPlan> {
  const extracted = await connection.extractStatements(sql).catch((error: unknown) => {
    // The bindings report zero statements (blank SQL, only comments) as this bare message.
    if (duckdbMessage(error) === 'Error in native callback') throw failed('There is no SQL statement to run.');
    throw queryFailed(error, sql);
  });
  if (extracted.count === 0) throw failed('There is no SQL statement to run.');
  const first = wordAt(sql, 0);
  if (extracted.count > 1 && first?.word === 'PIVOT') return pivotPlan(connection, sql, first.end);
  if (extracted.count > 1) throw failed(`Run one statement at a time (found ${extracted.count}).`);
  const shape = await selectShape(connection, sql);
  if (shape !== null) return { kind: shape, sql };
  if (first?.word === 'EXPLAIN') return explainPlan(connection, sql, first.end);
  if (first?.word === 'PRAGMA') return pragmaPlan(connection, sql, first.end);
  const keyword = first?.word ?? 'This statement';
  const reason = REFUSALS[keyword];
  throw refused(reason ? reason(keyword) : `${keyword} does not run: ${ONLY_READS}. It runs ${RUNS_HERE}.`, keyword);
}
