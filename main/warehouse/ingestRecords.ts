// Metadata written inside the ingest transaction: the instance and its segments become
// 'ingested' together with their rows, so orchard.* never claims rows the raw tables lack.
import type { DuckDBConnection } from '@duckdb/node-api';
import { LIST, VARCHAR, listValue } from '@duckdb/node-api';
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

export async function recordIngestedInstance(connection: DuckDBConnection, instance: IngestedInstance, now: Date): Promise<void> {
  const at = timestampOf(now);
  const rows = [...instance.segmentRows.values()].reduce((sum, n) => sum + n, 0);
  await connection.run(
    `INSERT INTO orchard.instances (instance_id, report_id, app_id, report_name, table_name, category, access_type,
       granularity, processing_date, state, segment_count, row_count, ingested_at, updated_at)
     VALUES ($id, $reportId, $appId, $name, $table, $category, $access, $granularity, $processingDate::DATE, 'ingested',
       $segments, $rows, $at, $at)
     ON CONFLICT (instance_id) DO UPDATE SET
       report_id = coalesce(excluded.report_id, report_id), app_id = coalesce(excluded.app_id, app_id),
       report_name = excluded.report_name, table_name = excluded.table_name,
       category = coalesce(excluded.category, category), access_type = excluded.access_type,
       granularity = excluded.granularity, processing_date = excluded.processing_date, state = 'ingested',
       segment_count = excluded.segment_count, row_count = excluded.row_count,
       ingested_at = excluded.ingested_at, updated_at = excluded.updated_at`,
    {
      id: instance.instanceId,
      reportId: instance.reportId ?? null,
      appId: instance.appId ?? null,
      name: instance.reportName,
      table: instance.tableName,
      category: instance.category ?? null,
      access: instance.accessType,
      granularity: instance.granularity,
      processingDate: instance.processingDate,
      segments: instance.segments.length,
      rows,
      at,
    },
  );
  const upsert = await connection.prepare(
    `INSERT INTO orchard.segments (segment_id, instance_id, checksum, size_in_bytes, row_count, state, file_path,
       ingested_at, error, updated_at)
     VALUES ($id, $instance, $checksum, $bytes, $rows, 'ingested', $path, $at, NULL, $at)
     ON CONFLICT (segment_id) DO UPDATE SET
       instance_id = excluded.instance_id, checksum = excluded.checksum, size_in_bytes = excluded.size_in_bytes,
       row_count = excluded.row_count, state = 'ingested', file_path = excluded.file_path,
       ingested_at = excluded.ingested_at, error = NULL, updated_at = excluded.updated_at`,
  );
  try {
    for (const segment of instance.segments) {
      upsert.bind({
        id: segment.segmentId,
        instance: instance.instanceId,
        checksum: segment.checksum,
        bytes: segment.sizeInBytes,
        rows: instance.segmentRows.get(segment.segmentId) ?? 0,
        path: instance.filePaths.get(segment.segmentId) ?? null,
        at,
      });
      await upsert.run();
    }
  } finally {
    upsert.destroySync();
  }
  // Segments ingested earlier but absent from this vintage lost their rows with the delete above.
  await connection.run(
    `UPDATE orchard.segments SET state = 'downloaded', row_count = NULL, ingested_at = NULL, updated_at = $at
     WHERE instance_id = $id AND state = 'ingested' AND NOT list_contains($kept, segment_id)`,
    { id: instance.instanceId, kept: listValue(instance.segments.map((s) => s.segmentId)), at },
    { kept: LIST(VARCHAR) },
  );
}

/** Other ingested instances of the same report, app, granularity and processing date. */
export async function sameProcessingDateInstances(
  connection: DuckDBConnection,
  instance: Pick<IngestedInstance, 'instanceId' | 'tableName' | 'granularity' | 'processingDate' | 'appId'>,
): Promise<{ instanceId: string; accessType: string }[]> {
  const reader = await connection.runAndReadAll(
    `SELECT instance_id, access_type FROM orchard.instances
     WHERE table_name = $table AND granularity = $granularity AND processing_date = $processingDate::DATE
       AND state = 'ingested' AND instance_id <> $id AND ($appId IS NULL OR app_id IS NULL OR app_id = $appId)`,
    { table: instance.tableName, granularity: instance.granularity, processingDate: instance.processingDate, id: instance.instanceId, appId: instance.appId ?? null },
  );
  return reader.getRowsJson().map(([instanceId, accessType]) => ({ instanceId: String(instanceId), accessType: String(accessType) }));
}
