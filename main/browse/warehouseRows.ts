// Reads small metadata results through the warehouse's read-only query service: run, page
// through, release at once (results are kept per workbench session otherwise). SQL text is
// built here only from validated IDs, always through sqlString/quoteIdent.
import type { JsonValue, QueryService } from '../warehouse';
import { MAX_PAGE_ROWS } from '../warehouse';

export type Row = Record<string, JsonValue>;

export type ReadRows = (sql: string) => Promise<Row[]>;

export function createRowReader(query: Pick<QueryService, 'runQuery' | 'fetchPage' | 'releaseResult'>): ReadRows {
  return async (sql) => {
    const info = await query.runQuery(sql);
    try {
      const rows: Row[] = [];
      for (let offset = 0; offset < info.totalRows; offset += MAX_PAGE_ROWS) {
        const page = await query.fetchPage(info.resultId, { offset, limit: MAX_PAGE_ROWS });
        for (const cells of page.rows) rows.push(Object.fromEntries(info.columns.map((c, i) => [c.name, cells[i] ?? null])));
      }
      return rows;
    } finally {
      await query.releaseResult(info.resultId);
    }
  };
}

export function str(value: JsonValue | undefined): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}

export function num(value: JsonValue | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}

export function numOrNull(value: JsonValue | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}
