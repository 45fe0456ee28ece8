// Reading a small query result in one go through the warehouse's workbench engine (run, page,
// release): the catalogue, chart aggregates and previews use it.
import type { JsonValue, QueryService, ResultColumn } from '../warehouse';
import { MAX_PAGE_ROWS } from '../warehouse';

export interface SmallResult {
  columns: ResultColumn[];
  rows: JsonValue[][];
  totalRows: number;
  elapsedMs: number;
}

/** Runs `sql` and reads up to `limit` rows; the stored result is always released. */
export async function readResult(query: QueryService, sql: string, options: { limit: number; signal?: AbortSignal }): Promise<SmallResult> {
  const result = await query.runQuery(sql, options.signal === undefined ? {} : { signal: options.signal });
  try {
    const rows: JsonValue[][] = [];
    const wanted = Math.min(options.limit, result.totalRows);
    while (rows.length < wanted) {
      const page = await query.fetchPage(result.resultId, { offset: rows.length, limit: Math.min(MAX_PAGE_ROWS, wanted - rows.length) });
      if (page.rows.length === 0) break;
      rows.push(...page.rows);
    }
    return { columns: result.columns, rows, totalRows: result.totalRows, elapsedMs: result.elapsedMs };
  } finally {
    await query.releaseResult(result.resultId).catch(() => undefined);
  }
}

/** `"a"."b"` for SQL text built here; identifiers come from the catalogue or the user's result. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * The user's statement as a subquery: trailing semicolons go, and the closing parenthesis goes
 * on its own line so a trailing `-- comment` cannot swallow it.
 */
export function asSubquery(sql: string): string {
  return `(\n${sql.replace(/[\s;]+$/, '')}\n)`;
}
