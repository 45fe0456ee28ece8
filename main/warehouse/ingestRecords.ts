// Metadata written inside the ingest transaction: the instances and their segments become
// 'ingested' together with their rows, so orchard.* never claims rows the raw tables lack. One
// statement per step for the whole batch, not one per instance or segment.
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlDate, sqlString } from './sql';
import { timestampOf } from './values';

export interface IngestedInstance {
  instanceId: string;
  reportName: string;
  tableName: string;
  category?: string | undefined;
  accessType: string;
  granularity: string;
  processingDate: string;
  appId?: string | undefined;
  reportId?: string | undefined;
  segments: readonly { segmentId: string; checksum: string; sizeInBytes: number }[];
  segmentRows: ReadonlyMap<string, number>;
  filePaths: ReadonlyMap<string, string>;
}

const text = (value: string | undefined): string => (value === undefined ? 'NULL::VARCHAR' : sqlString(value));
const integer = (value: number): string => String(Math.trunc(value));
const rowsOf = (instance: IngestedInstance): number => [...instance.segmentRows.values()].reduce((sum, n) => sum + n, 0);

export async function recordIngestedInstances(connection: DuckDBConnection, instances: readonly IngestedInstance[], now: Date): Promise<void> {
  if (instances.length === 0) return;
  const at = { at: timestampOf(now) };
  const instanceRows = instances.map((i) => `(${[
    sqlString(i.instanceId), text(i.reportId), text(i.appId), sqlString(i.reportName), sqlString(i.tableName), text(i.category),
    sqlString(i.accessType), sqlString(i.granularity), sqlDate(i.processingDate), `'ingested'`, integer(i.segments.length),
    integer(rowsOf(i)), '$at', '$at',
  ].join(', ')})`);
  await connection.run(
    `INSERT INTO orchard.instances (instance_id, report_id, app_id, report_name, table_name, category, access_type,
       granularity, processing_date, state, segment_count, row_count, ingested_at, updated_at)
     VALUES ${instanceRows.join(',\n       ')}
     ON CONFLICT (instance_id) DO UPDATE SET
       report_id = coalesce(excluded.report_id, report_id), app_id = coalesce(excluded.app_id, app_id),
       report_name = excluded.report_name, table_name = excluded.table_name,
       category = coalesce(excluded.category, category), access_type = excluded.access_type,
       granularity = excluded.granularity, processing_date = excluded.processing_date, state = 'ingested',
       segment_count = excluded.segment_count, row_count = excluded.row_count,
       ingested_at = excluded.ingested_at, updated_at = excluded.updated_at`,
    at,
  );
  const segmentRows = instances.flatMap((i) => i.segments.map((s) => `(${[
    sqlString(s.segmentId), sqlString(i.instanceId), sqlString(s.checksum), integer(s.sizeInBytes),
    integer(i.segmentRows.get(s.segmentId) ?? 0), `'ingested'`, text(i.filePaths.get(s.segmentId)), '$at', 'NULL::VARCHAR', '$at',
  ].join(', ')})`));
  await connection.run(
    `INSERT INTO orchard.segments (segment_id, instance_id, checksum, size_in_bytes, row_count, state, file_path,
       ingested_at, error, updated_at)
     VALUES ${segmentRows.join(',\n       ')}
     ON CONFLICT (segment_id) DO UPDATE SET
       instance_id = excluded.instance_id, checksum = excluded.checksum, size_in_bytes = excluded.size_in_bytes,
       row_count = excluded.row_count, state = 'ingested', file_path = excluded.file_path,
       ingested_at = excluded.ingested_at, error = NULL, updated_at = excluded.updated_at`,
    at,
  );
  // Segments ingested earlier but absent from this vintage lost their rows with the delete.
  await connection.run(
    `UPDATE orchard.segments SET state = 'downloaded', row_count = NULL, ingested_at = NULL, updated_at = $at
     WHERE instance_id IN (${instances.map((i) => sqlString(i.instanceId)).join(', ')}) AND state = 'ingested'
       AND segment_id NOT IN (${instances.flatMap((i) => i.segments.map((s) => sqlString(s.segmentId))).join(', ')})`,
    at,
  );
}

export interface Rival {
  instanceId: string;
  accessType: string;
}

type RivalQuery = Pick<IngestedInstance, 'instanceId' | 'tableName' | 'granularity' | 'processingDate' | 'appId'>;

/** For each instance, the other ingested instances of the same report, app, granularity and processing date. */
export async function sameProcessingDateInstances(connection: DuckDBConnection, instances: readonly RivalQuery[]): Promise<Map<string, Rival[]>> {
  const rivals = new Map<string, Rival[]>();
  if (instances.length === 0) return rivals;
  const batch = instances.map((i) =>
    `(${[sqlString(i.instanceId), sqlString(i.tableName), sqlString(i.granularity), sqlDate(i.processingDate), text(i.appId)].join(', ')})`);
  const reader = await connection.runAndReadAll(
    `SELECT b.id, o.instance_id, o.access_type
     FROM (VALUES ${batch.join(', ')}) AS b(id, table_name, granularity, processing_date, app_id)
     JOIN orchard.instances AS o ON o.table_name = b.table_name AND o.granularity = b.granularity
       AND o.processing_date = b.processing_date AND o.state = 'ingested' AND o.instance_id <> b.id
       AND (b.app_id IS NULL OR o.app_id IS NULL OR o.app_id = b.app_id)
     ORDER BY b.id, o.instance_id`,
  );
  for (const [id, instanceId, accessType] of reader.getRowsJson()) {
    const list = rivals.get(String(id)) ?? [];
    list.push({ instanceId: String(instanceId), accessType: String(accessType) });
    rivals.set(String(id), list);
  }
  return rivals;
}
