// Migration 7: report rows written before it carry five provenance columns each (`_granularity`,
// `_processing_date`, `_instance_id`, `_segment_id`, `_access_type`); from schema 7 a row carries
// only `_segment_key` and orchard.segment_keys holds each segment's provenance once (segmentKeys.ts).
// Converted in place from the rows themselves, nothing downloaded again, `_latest` kept as it was.
// A table is rebuilt (CREATE AS, DROP, RENAME) because DuckDB refuses to drop columns of a table
// updated in the same transaction; its three views are created again over the new table.
import type { DuckDBConnection } from '@duckdb/node-api';
import { SEGMENT_KEYS_DDL, SEGMENT_KEYS_TABLE } from './segmentKeys';
import { qualified, quoteIdent, sqlString } from './sql';
import { LATEST_COLUMN, SEGMENT_KEY_COLUMN } from './tableLayout';
import { latestViewStatements } from './views';

const OLD_PROVENANCE = ['_granularity', '_processing_date', '_instance_id', '_segment_id', '_access_type'] as const;

/** Raw tables still in the old layout (they have `_instance_id`). */
async function oldLayoutTables(connection: DuckDBConnection): Promise<string[]> {
  const reader = await connection.runAndReadAll(
    `SELECT table_name FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'raw'
     AND column_name = '_instance_id' ORDER BY 1`,
  );
  return reader.getRowsJson().map(([name]) => String(name));
}

/** Every raw table still in the old layout gets segment keys. */
export async function moveProvenanceToSegmentKeys(connection: DuckDBConnection): Promise<void> {
  await connection.run(SEGMENT_KEYS_DDL);
  for (const tableName of await oldLayoutTables(connection)) await moveTableProvenance(connection, tableName);
}

/**
 * One table: its distinct provenances become segment keys, its rows get theirs. `views: false`
 * from migration 2, which runs before the weekly and monthly schemas exist.
 */
export async function moveTableProvenance(connection: DuckDBConnection, tableName: string, views = true): Promise<void> {
  await connection.run(SEGMENT_KEYS_DDL);
  const source = qualified('raw', tableName);
  const staged = qualified('raw', `${tableName}__schema7`);
  // NOT NULL in orchard.segment_keys; Orchard always wrote them, a hand-made row gets '' instead of failing the upgrade.
  const text = (column: string) => `coalesce(${column}, '')`;
  await connection.run(`INSERT INTO ${SEGMENT_KEYS_TABLE}
    SELECT (SELECT coalesce(max(segment_key), 0) FROM ${SEGMENT_KEYS_TABLE}) + row_number() OVER (ORDER BY instance_id, segment_id),
      segment_id, instance_id, ${sqlString(tableName)}, granularity, processing_date, access_type
    FROM (SELECT DISTINCT ${text('_segment_id')} AS segment_id, ${text('_instance_id')} AS instance_id, ${text('_granularity')} AS granularity,
        coalesce(_processing_date, DATE '1970-01-01') AS processing_date, ${text('_access_type')} AS access_type FROM ${source})`);
  const match = [
    `k.segment_id = ${text('t._segment_id')}`, `k.instance_id = ${text('t._instance_id')}`, `k.granularity = ${text('t._granularity')}`,
    `k.processing_date = coalesce(t._processing_date, DATE '1970-01-01')`, `k.access_type = ${text('t._access_type')}`,
  ];
  const latest = quoteIdent(LATEST_COLUMN);
  await connection.run(`CREATE TABLE ${staged} AS
    SELECT t.* EXCLUDE (${[...OLD_PROVENANCE, LATEST_COLUMN].map(quoteIdent).join(', ')}),
      CAST(k.segment_key AS UINTEGER) AS ${quoteIdent(SEGMENT_KEY_COLUMN)}, t.${latest}
    FROM ${source} AS t JOIN ${SEGMENT_KEYS_TABLE} AS k ON k.table_name = ${sqlString(tableName)} AND ${match.join(' AND ')}`);
  const counts = await connection.runAndReadAll(`SELECT (SELECT count(*) FROM ${source}), (SELECT count(*) FROM ${staged})`);
  const [before, after] = counts.getRowsJson()[0] ?? [];
  if (String(before) !== String(after)) throw new Error(`raw.${tableName}: ${String(before)} rows before, ${String(after)} after moving provenance`);
  await connection.run(`DROP TABLE ${source}`);
  await connection.run(`ALTER TABLE ${staged} RENAME TO ${quoteIdent(tableName)}`);
  if (views) for (const statement of latestViewStatements(tableName)) await connection.run(statement);
}
