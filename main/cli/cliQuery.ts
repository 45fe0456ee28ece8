// `orchard query`: runs one SQL statement and streams its result page by page to stdout, waiting
// for a slow reader instead of buffering the whole result.
import type { Writable } from 'node:stream';
import type { Warehouse } from '../warehouse';
import type { QueryFormat } from './cliArgs';
import { createRowWriter } from './cliRows';
import { writeWithBackpressure } from './cliStdout';

const PAGE = 5_000;

export async function printQuery(warehouse: Warehouse, sql: string, format: QueryFormat, out: Writable): Promise<void> {
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
  } finally {
    await warehouse.query.releaseResult(info.resultId);
  }
}
