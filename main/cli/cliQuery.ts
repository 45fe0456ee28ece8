// `orchard query`: streams one SQL statement's rows to stdout chunk by chunk as DuckDB produces
// them, waiting for a slow reader before asking DuckDB for more, so memory stays bounded whatever
// the row count and the first row comes at once. A warehouse that cannot stream (a lake's) is read
// page by page from its stored result instead.
import type { Writable } from 'node:stream';
import type { Warehouse } from '../warehouse';
import type { QueryStreamer } from '../warehouse/streamQuery';
import type { QueryFormat } from './cliArgs';
import { createRowWriter, type RowWriter } from './cliRows';
import { writeWithBackpressure } from './cliStdout';

/** Rows are written in pages of at least this many (DuckDB's chunks hold 2,048): fewer, larger writes. */
const PAGE = 5_000;

export async function printQuery(warehouse: Pick<Warehouse, 'query'> | QueryStreamer, sql: string, format: QueryFormat, out: Writable, signal?: AbortSignal): Promise<number> {
  return 'streamQuery' in warehouse ? printStreamed(warehouse, sql, format, out, signal) : printPaged(warehouse, sql, format, out);
}

async function printStreamed(warehouse: QueryStreamer, sql: string, format: QueryFormat, out: Writable, signal?: AbortSignal): Promise<number> {
  let writer: RowWriter | undefined;
  let pending: unknown[][] = [];
  const flush = async () => {
    if (writer === undefined || pending.length === 0) return;
    const rows = pending;
    pending = [];
    await writeWithBackpressure(out, writer.page(rows));
  };
  const count = await warehouse.streamQuery(
    sql,
    {
      columns: (columns) => {
        writer = createRowWriter(columns, format);
      },
      rows: async (rows) => {
        for (const row of rows) pending.push(row);
        if (pending.length >= PAGE) await flush();
      },
    },
    signal,
  );
  await flush();
  // A result without rows still prints its header (table, csv) or `[]` (json).
  if (writer !== undefined && count === 0) await writeWithBackpressure(out, writer.page([]));
  if (writer !== undefined) await writeWithBackpressure(out, writer.end());
  return count;
}

async function printPaged(warehouse: Pick<Warehouse, 'query'>, sql: string, format: QueryFormat, out: Writable): Promise<number> {
  const info = await warehouse.query.runQuery(sql);
  try {
    const writer = createRowWriter(info.columns, format);
    let offset = 0;
    do {
      const page = await warehouse.query.fetchPage(info.resultId, { offset, limit: PAGE });
      await writeWithBackpressure(out, writer.page(page.rows));
      offset += PAGE;
    } while (offset < info.totalRows);
    await writeWithBackpressure(out, writer.end());
    return info.totalRows;
  } finally {
    await warehouse.query.releaseResult(info.resultId);
  }
}
