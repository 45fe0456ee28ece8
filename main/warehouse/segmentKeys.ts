// Provenance of report rows as one small integer per row. A raw row carries `_segment_key`
// (UINTEGER) instead of five strings (granularity, processing date, instance ID, segment ID,
// access type): those were a third of a raw table (README "The warehouse"). orchard.segment_keys
// holds each segment's provenance once; a segment keeps its key when its instance is loaded
// again, so keys never change under a user's joins.
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlDate, sqlString } from './sql';

export const SEGMENT_KEYS_TABLE = 'orchard.segment_keys';

export const SEGMENT_KEYS_DDL = `CREATE TABLE IF NOT EXISTS ${SEGMENT_KEYS_TABLE} (
  segment_key UINTEGER PRIMARY KEY, segment_id VARCHAR NOT NULL, instance_id VARCHAR NOT NULL, table_name VARCHAR NOT NULL,
  granularity VARCHAR NOT NULL, processing_date DATE NOT NULL, access_type VARCHAR NOT NULL)`;

export interface KeyedSegment {
  segmentId: string;
  instanceId: string;
  granularity: string;
  /** `YYYY-MM-DD`. */
  processingDate: string;
  accessType: string;
}

const inList = (values: readonly string[]) => values.map(sqlString).join(', ');

/**
 * The key of each segment, given a new one when it has none. Its instance's provenance is written
 * again (a segment ID names one file of one instance; this only keeps the row true if not).
 * Runs inside the ingest transaction: a rolled-back batch leaves no key behind.
 */
export async function assignSegmentKeys(connection: DuckDBConnection, tableName: string, segments: readonly KeyedSegment[]): Promise<Map<string, number>> {
  if (segments.length === 0) return new Map();
  const values = segments.map((s) =>
    `(${[s.segmentId, s.instanceId, s.granularity].map(sqlString).join(', ')}, ${sqlDate(s.processingDate)}, ${sqlString(s.accessType)})`);
  const batch = `(VALUES ${values.join(', ')}) AS b(segment_id, instance_id, granularity, processing_date, access_type)`;
  const table = sqlString(tableName);
  await connection.run(`UPDATE ${SEGMENT_KEYS_TABLE} AS k SET instance_id = b.instance_id, table_name = ${table},
      granularity = b.granularity, processing_date = b.processing_date, access_type = b.access_type
    FROM ${batch} WHERE k.segment_id = b.segment_id
      AND (k.instance_id, k.table_name, k.granularity, k.processing_date, k.access_type)
        IS DISTINCT FROM (b.instance_id, ${table}, b.granularity, b.processing_date, b.access_type)`);
  await connection.run(`INSERT INTO ${SEGMENT_KEYS_TABLE}
    SELECT (SELECT coalesce(max(segment_key), 0) FROM ${SEGMENT_KEYS_TABLE}) + row_number() OVER (ORDER BY b.segment_id),
      b.segment_id, b.instance_id, ${table}, b.granularity, b.processing_date, b.access_type
    FROM ${batch} ANTI JOIN ${SEGMENT_KEYS_TABLE} AS k ON k.segment_id = b.segment_id`);
  const reader = await connection.runAndReadAll(
    `SELECT segment_id, segment_key FROM ${SEGMENT_KEYS_TABLE} WHERE segment_id IN (${inList(segments.map((s) => s.segmentId))})`);
  return new Map(reader.getRowsJson().map(([id, key]) => [String(id), Number(key)]));
}

/** Every key the instances' segments ever had in raw.<tableName> (rows of a previous vintage included). */
export async function segmentKeysOf(connection: DuckDBConnection, tableName: string, instanceIds: readonly string[]): Promise<number[]> {
  if (instanceIds.length === 0) return [];
  const reader = await connection.runAndReadAll(`SELECT segment_key FROM ${SEGMENT_KEYS_TABLE}
    WHERE table_name = ${sqlString(tableName)} AND instance_id IN (${inList(instanceIds)}) ORDER BY 1`);
  return reader.getRowsJson().map(([key]) => Number(key));
}

/** `_segment_key IN (…)` over alias `t`, a literal list so the scan skips other row groups; FALSE when empty. */
export function segmentKeyFilter(keys: readonly number[], alias = 't'): string {
  return keys.length === 0 ? 'FALSE' : `${alias}._segment_key IN (${keys.map((k) => String(Math.trunc(k))).join(', ')})`;
}
