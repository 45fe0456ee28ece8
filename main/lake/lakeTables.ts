// Which tables and views of the warehouse a lake holds, their columns, and how each is split into
// Hive partitions: report views by app and month, Sales and Finance views by vendor and month,
// small tables whole. Everything is read from DuckDB's catalogue, so a report the warehouse
// learns later is published without a change here.
import type { DuckDBConnection } from '@duckdb/node-api';
import { DATE_COLUMN_HEADERS, columnNameFor } from '../../shared/reportCatalogue';
import { qualified, quoteIdent, sqlString } from '../warehouse/sql';
import type { LakeTable } from './lakeManifest';

export const SOURCE_CATALOG = 'warehouse';

/** Every object of these schemas is published. */
const WHOLE_SCHEMAS = ['main', 'weekly', 'monthly', 'user'];
/** And these objects of the others. */
const NAMED = [
  ['sales', 'daily'], ['sales', 'weekly'], ['sales', 'monthly'], ['sales', 'yearly'], ['sales', 'finance_monthly'],
  ['orchard', 'apps'], ['orchard', 'vintages'], ['orchard', 'segment_keys'],
] as const;

const APP_COLUMNS = ['app_apple_identifier', 'app_id'];

/** A report view's rows carry `_segment_key` (lakes published before schema 7: `_instance_id`). */
export const isProvenanceColumn = (name: string) => name === '_segment_key' || name === '_instance_id';
/** The report tables' date columns (from the catalogue's date headers), then orchard.vintages' `day`. */
const DATE_COLUMNS = [...DATE_COLUMN_HEADERS.map(columnNameFor), 'day'];

export interface TableSpec {
  schema: string;
  name: string;
  columns: { name: string; type: string }[];
  partitionBy: LakeTable['partitionBy'];
  dateColumn: string | null;
}

function spec(schema: string, name: string, columns: { name: string; type: string }[]): TableSpec {
  const byName = new Map(columns.map((c) => [c.name, c.type]));
  const dateColumn = DATE_COLUMNS.find((c) => byName.get(c) === 'DATE') ?? null;
  const partitionBy: LakeTable['partitionBy'] = [];
  // orchard.apps is one row per app, orchard.segment_keys one per file: splitting them would only make tiny files.
  const small = schema === 'orchard' && (name === 'apps' || name === 'segment_keys');
  if (!small && schema === 'sales' && byName.has('vendor_number')) partitionBy.push({ name: 'vendor', column: 'vendor_number' });
  const appColumn = APP_COLUMNS.find((c) => byName.has(c));
  if (!small && schema !== 'sales' && appColumn) partitionBy.push({ name: 'app_id', column: appColumn });
  if (!small && dateColumn && !byName.has('month')) partitionBy.push({ name: 'month', column: dateColumn });
  return { schema, name, columns, partitionBy, dateColumn };
}

export async function listLakeTables(connection: DuckDBConnection): Promise<TableSpec[]> {
  const named = NAMED.map(([s, t]) => `(schema_name = ${sqlString(s)} AND table_name = ${sqlString(t)})`).join(' OR ');
  const reader = await connection.runAndReadAll(
    `SELECT schema_name, table_name, column_name, data_type FROM duckdb_columns()
     WHERE database_name = ${sqlString(SOURCE_CATALOG)}
       AND (schema_name IN (${WHOLE_SCHEMAS.map(sqlString).join(', ')}) OR ${named})
     ORDER BY schema_name, table_name, column_index`,
  );
  const tables = new Map<string, { schema: string; name: string; columns: { name: string; type: string }[] }>();
  for (const [schema, name, column, type] of reader.getRowsJson() as string[][]) {
    const key = `${schema}.${name}`;
    const entry = tables.get(key) ?? { schema: schema!, name: name!, columns: [] };
    entry.columns.push({ name: column!, type: type! });
    tables.set(key, entry);
  }
  return [...tables.values()].map((t) => spec(t.schema, t.name, t.columns));
}

/** A partition's value as SQL over the source row (text, as Hive directory names are). */
function partitionExpr(p: TableSpec['partitionBy'][number]): string {
  return p.name === 'month' ? `strftime(${quoteIdent(p.column)}, '%Y-%m')` : `CAST(${quoteIdent(p.column)} AS VARCHAR)`;
}

/** The table's rows with its partition columns added (a column a partition replaces is left out). */
export function partitionedSelect(table: TableSpec): string {
  const replaced = table.partitionBy.filter((p) => p.name === p.column).map((p) => quoteIdent(p.column));
  const star = replaced.length ? `* EXCLUDE (${replaced.join(', ')})` : '*';
  const extra = table.partitionBy.map((p) => `${partitionExpr(p)} AS ${quoteIdent(p.name)}`);
  return `SELECT ${[star, ...extra].join(', ')} FROM ${quoteIdent(SOURCE_CATALOG)}.${qualified(table.schema, table.name)}`;
}

/** `app_id=…/month=…` of a row of partitionedSelect, as SQL (DuckDB writes NULL as `NULL`). */
export function partitionKeyExpr(table: TableSpec): string {
  if (!table.partitionBy.length) return "''";
  return `concat_ws('/', ${table.partitionBy.map((p) => `${sqlString(`${p.name}=`)} || coalesce(${quoteIdent(p.name)}, 'NULL')`).join(', ')})`;
}
