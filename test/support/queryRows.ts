// Runs one statement through a warehouse's query service and returns its first 10,000 rows as
// objects keyed by column name: the way integration tests read what the warehouse holds.
import type { Warehouse } from '../../main/warehouse';

export type Row = Record<string, unknown>;

export async function queryRows(warehouse: Pick<Warehouse, 'query'>, text: string): Promise<Row[]> {
  const info = await warehouse.query.runQuery(text);
  try {
    const page = await warehouse.query.fetchPage(info.resultId, { offset: 0, limit: 10_000 });
    return page.rows.map((row) => Object.fromEntries(info.columns.map((c, i) => [c.name, row[i]])));
  } finally {
    await warehouse.query.releaseResult(info.resultId);
  }
}
