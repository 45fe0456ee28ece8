// Migration 6: Sales and Trends rows written before it carry eight provenance columns each
// (`_vendor_number … _fetched_at`); from schema 6 a row carries only `_file_id` and the file's
// provenance is one row of `sales.files`. Converted in place from the rows themselves: each
// distinct provenance becomes a file, its rows keep their values, nothing is downloaded again.
// A table is rebuilt (CREATE AS, DROP, RENAME) because DuckDB refuses to drop columns of a table
// updated in the same transaction. The views are recreated when the sales store opens.

import type { DuckDBConnection } from '@duckdb/node-api';
import { qualified, quoteIdent } from '../sql';
import { SALES_FILES_DDL, SALES_SCHEMA } from './salesTables';

const OLD_PROVENANCE = ['_vendor_number', '_report_type', '_report_sub_type', '_frequency', '_report_date', '_version', '_file_checksum', '_fetched_at'];

/** Report tables (not views: sales_lines shows the same names) still in the old layout; finance tables keep theirs. */
async function oldLayoutTables(connection: DuckDBConnection): Promise<string[]> {
  const reader = await connection.runAndReadAll(
    `SELECT c.table_name FROM duckdb_columns() AS c JOIN duckdb_tables() AS t USING (database_name, schema_name, table_name)
     WHERE c.database_name = current_database() AND c.schema_name = '${SALES_SCHEMA}'
     GROUP BY c.table_name HAVING count(*) FILTER (WHERE column_name IN ('_frequency', '_report_date')) = 2 ORDER BY 1`,
  );
  return reader.getRowsJson().map(([name]) => String(name));
}

export async function moveSalesProvenanceToFiles(connection: DuckDBConnection): Promise<void> {
  const tables = await oldLayoutTables(connection);
  if (tables.length === 0) return;
  await connection.run(SALES_FILES_DDL);
  const provenance = OLD_PROVENANCE.map(quoteIdent).join(', ');
  for (const table of tables) {
    const source = qualified(SALES_SCHEMA, table);
    const staged = qualified(SALES_SCHEMA, `${table}__schema6`);
    await connection.run(`INSERT INTO ${SALES_SCHEMA}.files
      SELECT (SELECT coalesce(max(file_id), 0) FROM ${SALES_SCHEMA}.files) + row_number() OVER (ORDER BY _report_date, _frequency, _file_checksum),
        _vendor_number, _report_type, _report_sub_type, _frequency, _report_date, _version, coalesce(_file_checksum, ''),
        coalesce(_fetched_at, TIMESTAMP '1970-01-01'), count(*)
      FROM ${source} GROUP BY ${provenance}`);
    // IS NOT DISTINCT FROM: a NULL version still finds its file (no row may be lost on the way).
    const match = OLD_PROVENANCE.filter((c) => c !== '_file_checksum' && c !== '_fetched_at')
      .map((c) => `f.${c.slice(1)} IS NOT DISTINCT FROM t.${quoteIdent(c)}`)
      .concat([`f.file_checksum = coalesce(t._file_checksum, '')`, `f.fetched_at = coalesce(t._fetched_at, TIMESTAMP '1970-01-01')`]);
    await connection.run(`CREATE TABLE ${staged} AS
      SELECT t.* EXCLUDE (${provenance}), CAST(f.file_id AS INTEGER) AS _file_id
      FROM ${source} AS t JOIN ${SALES_SCHEMA}.files AS f ON ${match.join(' AND ')}`);
    const counts = await connection.runAndReadAll(`SELECT (SELECT count(*) FROM ${source}), (SELECT count(*) FROM ${staged})`);
    const [before, after] = counts.getRowsJson()[0] ?? [];
    if (String(before) !== String(after)) throw new Error(`${table}: ${String(before)} rows before, ${String(after)} after moving provenance`);
    await connection.run(`DROP TABLE ${source}`);
    await connection.run(`ALTER TABLE ${staged} RENAME TO ${quoteIdent(table)}`);
  }
}
