// How fresh an app's data is: per report, the newest `Date` (or `Event Date`, `Install Day`)
// loaded into the warehouse for that app, read from the raw tables in one query.
import { columnNameFor, dateColumnFor } from '../../shared/reportCatalogue';
import { quoteIdent, sqlString } from '../warehouse/sql';
import { str, type ReadRows } from './warehouseRows';

const DATE_COLUMNS = ['date', 'event_date', 'install_day'];

export async function newestDates(rows: ReadRows, appId: string): Promise<Map<string, string>> {
  const tables = await rows(
    `SELECT DISTINCT report_name, table_name FROM orchard.instances WHERE app_id = ${sqlString(appId)} AND state = 'ingested'`,
  );
  if (tables.length === 0) return new Map();
  const columns = await rows(
    `SELECT table_name, column_name FROM duckdb_columns()
     WHERE database_name = current_database() AND schema_name = 'raw' AND column_name IN (${DATE_COLUMNS.map(sqlString).join(', ')})`,
  );
  const columnsOf = new Map<string, Set<string>>();
  for (const c of columns) columnsOf.set(String(c.table_name), (columnsOf.get(String(c.table_name)) ?? new Set()).add(String(c.column_name)));

  const parts = tables.flatMap((t) => {
    const reportName = String(t.report_name);
    const table = String(t.table_name);
    const available = columnsOf.get(table);
    if (available === undefined) return [];
    const wanted = columnNameFor(dateColumnFor(reportName));
    const column = available.has(wanted) ? wanted : DATE_COLUMNS.find((c) => available.has(c));
    if (column === undefined) return [];
    return [`SELECT ${sqlString(reportName)} AS report_name, CAST(max(t.${quoteIdent(column)}) AS VARCHAR) AS newest
      FROM raw.${quoteIdent(table)} AS t
      WHERE t._segment_key IN (SELECT k.segment_key FROM orchard.segment_keys AS k JOIN orchard.instances AS i USING (instance_id)
        WHERE i.app_id = ${sqlString(appId)} AND i.state = 'ingested' AND i.report_name = ${sqlString(reportName)})`];
  });
  if (parts.length === 0) return new Map();
  const result = await rows(parts.join('\nUNION ALL\n'));
  return new Map(result.flatMap((r) => {
    const newest = str(r.newest);
    return newest ? [[String(r.report_name), newest] as [string, string]] : [];
  }));
}
