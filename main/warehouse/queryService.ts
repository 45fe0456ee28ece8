// The SQL workbench's engine: one read-only statement (readOnlyGate.ts decides which, readOnlyRun.ts
// runs it so that it cannot write) is materialised into a table of the results database, beside
// the attached warehouse file, then paged (sorted on demand) from another connection, so scrolling
// an old result never waits behind a new query. Results are released explicitly or, beyond
// `maxResults`, oldest first.
import type { DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import { OrchardError } from '../../shared/errors';
import { queryFailed } from './errors';
import type { ConnectionLane } from './lane';
import { readOnlyPlan } from './readOnlyGate';
import { RESULTS_DATABASE, materialise, resultTable, resultsOnlyTransaction } from './readOnlyRun';
import { quoteIdent, sqlString } from './sql';
import type { JsonValue, PageRequest, QueryResultInfo, QueryService, ResultColumn, ResultPage } from './types';

export const MAX_PAGE_ROWS = 10_000;

const pageSchema = z.object({
  offset: z.number().int().nonnegative(),
  limit: z.number().int().min(1).max(MAX_PAGE_ROWS),
  orderBy: z.object({ column: z.string(), desc: z.boolean() }).optional(),
});

/**
 * Sorted pages ending within this many rows are read with ORDER BY … LIMIT (DuckDB's top-N,
 * no full sort) while the sorted copy for deeper pages is built afterwards on the same lane.
 */
export const TOP_N_PAGE_ROWS = 10_000;

interface StoredResult {
  table: string;
  columns: ResultColumn[];
  /** The last sort the grid asked for, materialised once so deep sorted pages don't re-sort. */
  sorted?: { key: string; table: string };
  /** The sort whose copy is queued to be built in the background. */
  sorting?: string;
}

export interface QueryServiceDeps {
  query: ConnectionLane;
  pages: ConnectionLane;
  maxResults: number;
}

async function describe(connection: DuckDBConnection, name: string): Promise<{ columns: ResultColumn[]; totalRows: number }> {
  const columns = await connection.runAndReadAll(
    `SELECT column_name, data_type FROM duckdb_columns()
     WHERE database_name = $db AND schema_name = 'main' AND table_name = $name ORDER BY column_index`,
    { db: RESULTS_DATABASE, name },
  );
  const count = await connection.runAndReadAll(`SELECT count(*) FROM ${resultTable(name)}`);
  return {
    columns: columns.getRowsJson().map(([column, type]) => ({ name: String(column), type: String(type) })),
    totalRows: Number(count.getRowsJson()[0]?.[0] ?? 0),
  };
}

export function createQueryService({ query, pages, maxResults }: QueryServiceDeps): QueryService {
  const results = new Map<string, StoredResult>();
  let nextResult = 1;

  const drop = async (connection: DuckDBConnection, resultId: string) => {
    const stored = results.get(resultId);
    results.delete(resultId);
    if (stored === undefined) return;
    await connection.run(`DROP TABLE IF EXISTS ${resultTable(stored.table)}`);
    if (stored.sorted) await connection.run(`DROP TABLE IF EXISTS ${resultTable(stored.sorted.table)}`);
  };

  const sortKey = (orderBy: NonNullable<PageRequest['orderBy']>) => `${orderBy.column}\u0000${orderBy.desc}`;
  // rowid keeps ties in the query's own order, so pages neither repeat nor skip rows, and the
  // top-N read and the sorted copy agree row for row.
  const orderSql = (orderBy: NonNullable<PageRequest['orderBy']>) => `ORDER BY ${quoteIdent(orderBy.column)} ${orderBy.desc ? 'DESC' : 'ASC'} NULLS LAST, rowid`;

  const buildSorted = async (connection: DuckDBConnection, stored: StoredResult, orderBy: NonNullable<PageRequest['orderBy']>) => {
    const table = `${stored.table}_sorted`;
    await connection.run(`CREATE OR REPLACE TABLE ${resultTable(table)} AS SELECT * FROM ${resultTable(stored.table)} ${orderSql(orderBy)}`);
    stored.sorted = { key: sortKey(orderBy), table };
  };

  /** The table to page from: the result itself, or its copy in the requested order. */
  const pageSource = async (connection: DuckDBConnection, stored: StoredResult, orderBy: PageRequest['orderBy']): Promise<string> => {
    if (orderBy === undefined) return resultTable(stored.table);
    if (stored.sorted?.key !== sortKey(orderBy)) await buildSorted(connection, stored, orderBy);
    return resultTable(stored.sorted?.table ?? stored.table);
  };

  /** Queues the sorted copy behind the current page, unless the result or the sort changed by then. */
  const sortInBackground = (resultId: string, stored: StoredResult, orderBy: NonNullable<PageRequest['orderBy']>) => {
    const key = sortKey(orderBy);
    if (stored.sorting === key) return;
    stored.sorting = key;
    void pages
      .run(async (connection) => {
        if (results.get(resultId) !== stored || stored.sorting !== key || stored.sorted?.key === key) return;
        await buildSorted(connection, stored, orderBy);
      })
      .catch(() => undefined)
      .finally(() => {
        if (stored.sorting === key) delete stored.sorting;
      });
  };

  return {
    async runQuery(sql, options = {}): Promise<QueryResultInfo> {
      const number = nextResult;
      nextResult += 1;
      const resultId = `r${number}`;
      const table = `result_${number}`;
      // Timed from when the statement starts, not while it waits behind another on the lane.
      let started = performance.now();
      const { columns, totalRows } = await resultsOnlyTransaction(query, async (connection) => {
        started = performance.now();
        await materialise(connection, await readOnlyPlan(connection, sql), table);
        return describe(connection, table);
      }, options.signal);
      results.set(resultId, { table, columns });
      await query.run(async (connection) => {
        for (const oldest of results.keys()) {
          if (results.size <= maxResults) break;
          await drop(connection, oldest);
        }
      });
      return { resultId, columns, totalRows, elapsedMs: Math.round(performance.now() - started) };
    },

    fetchPage(resultId, page): Promise<ResultPage> {
      const parsed = pageSchema.safeParse(page);
      if (!parsed.success) return Promise.reject(new OrchardError('BAD_INPUT', `Invalid page request: ${parsed.error.issues[0]?.message ?? ''}`));
      const { offset, limit, orderBy } = parsed.data;
      return pages.run(async (connection) => {
        const stored = results.get(resultId);
        if (stored === undefined) throw new OrchardError('NOT_FOUND', 'This result was released; run the query again.');
        if (orderBy !== undefined && !stored.columns.some((c) => c.name === orderBy.column)) {
          throw new OrchardError('BAD_INPUT', `The result has no column "${orderBy.column}".`);
        }
        try {
          if (orderBy !== undefined && stored.sorted?.key !== sortKey(orderBy) && offset + limit <= TOP_N_PAGE_ROWS) {
            const reader = await connection.runAndReadAll(`SELECT * FROM ${resultTable(stored.table)} ${orderSql(orderBy)} LIMIT ${limit} OFFSET ${offset}`);
            sortInBackground(resultId, stored, orderBy);
            return { resultId, offset, rows: reader.getRowsJson() as JsonValue[][] };
          }
          const source = await pageSource(connection, stored, orderBy);
          const reader = await connection.runAndReadAll(`SELECT * FROM ${source} LIMIT ${limit} OFFSET ${offset}`);
          return { resultId, offset, rows: reader.getRowsJson() as JsonValue[][] };
        } catch (error) {
          if (!results.has(resultId)) throw new OrchardError('NOT_FOUND', 'This result was released; run the query again.');
          throw queryFailed(error, '');
        }
      });
    },

    exportResult(resultId, target, options = {}) {
      return pages.run(async (connection) => {
        const stored = results.get(resultId);
        if (stored === undefined) throw new OrchardError('NOT_FOUND', 'This result was released; run the query again.');
        const { orderBy } = target;
        if (orderBy !== undefined && !stored.columns.some((c) => c.name === orderBy.column)) {
          throw new OrchardError('BAD_INPUT', `The result has no column "${orderBy.column}".`);
        }
        const order = orderBy === undefined ? '' : `ORDER BY ${quoteIdent(orderBy.column)} ${orderBy.desc ? 'DESC' : 'ASC'} NULLS LAST, rowid`;
        const format = target.format === 'csv' ? 'FORMAT csv, HEADER true' : 'FORMAT parquet';
        // DuckDB's own COPY of the stored result: as fast as exporting the query directly. The
        // target lies inside the data folder (the file sandbox); the caller moves it afterwards.
        const timer = options.onProgress
          ? setInterval(() => options.onProgress?.(Math.max(0, connection.progress.percentage) / 100), 200)
          : undefined;
        try {
          const reader = await connection.runAndReadAll(`COPY (SELECT * FROM ${resultTable(stored.table)} ${order}) TO ${sqlString(target.filePath)} (${format})`);
          return { rows: Number(reader.getRowsJson()[0]?.[0] ?? 0) };
        } catch (error) {
          throw queryFailed(error, '');
        } finally {
          if (timer) clearInterval(timer);
        }
      }, options.signal);
    },

    releaseResult(resultId) {
      return pages.run((connection) => drop(connection, resultId));
    },

    cancel() {
      query.interrupt();
    },
  };
}
