// orchard.* bookkeeping for the sync engine: apps, requests, reports, instances, segments and sync
// runs. Writes share the ingest connection's queue (one writer, no write-write conflicts); reads
// use their own connection so the UI is not stuck behind a long ingest.
import { randomUUID } from 'node:crypto';
import type { DuckDBConnection, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { LIST, VARCHAR, listValue } from '@duckdb/node-api';
import { OrchardError } from '../../shared/errors';
import { redactValue } from '../logging/redact';
import type { ConnectionLane } from './lane';
import { resolveSegmentPath, storedSegmentPath, type DataFolderRoots } from './segmentPaths';
import { rawTableName } from './tableLayout';
import { queryFailed } from './errors';
import type { JsonValue, MetadataStore, SegmentState, StoredSegment, SyncRunOutcome, SyncRunRecord } from './types';
import { isoTimestampSql, timestampOf } from './values';

export interface MetadataDeps {
  writer: ConnectionLane;
  reader: ConnectionLane;
  now: () => Date;
  /** Segment paths inside the data folder are stored relative to it and resolved against its first spelling. */
  dataFolderRoots: DataFolderRoots;
}

type Params = Record<string, DuckDBValue>;

/** Runs one prepared statement per row, all in one transaction. */
async function writeAll(writer: ConnectionLane, sql: string, rows: readonly Params[]): Promise<void> {
  if (rows.length === 0) return;
  await writer.transaction(async (connection) => {
    const statement = await connection.prepare(sql);
    try {
      for (const row of rows) {
        statement.bind(row);
        await statement.run();
      }
    } finally {
      statement.destroySync();
    }
  });
}

async function updateOne(writer: ConnectionLane, sql: string, params: Params, what: string): Promise<void> {
  const changed = await writer.run(async (connection: DuckDBConnection) => (await connection.run(sql, params)).rowsChanged);
  if (changed === 0) throw new OrchardError('NOT_FOUND', `${what} is not in the warehouse.`);
}

async function readRows(reader: ConnectionLane, sql: string, params: Params = {}, types?: Record<string, DuckDBType>) {
  return reader.run(async (connection) => (await connection.runAndReadAll(sql, params, types)).getRowObjectsJson());
}

const nullable = (value: string | undefined): string | null => value ?? null;

export function createMetadataStore({ writer, reader, now, dataFolderRoots }: MetadataDeps): MetadataStore {
  const dataDir = dataFolderRoots[0] ?? '.';
  const storedPath = (file: string | undefined) => (file === undefined ? null : storedSegmentPath(dataFolderRoots, file));
  return {
    async read(sql) {
      try {
        return (await readRows(reader, sql)) as Record<string, JsonValue>[];
      } catch (error) {
        throw queryFailed(error, sql);
      }
    },

    async upsertApps(apps) {
      const at = timestampOf(now());
      await writeAll(writer,
        `INSERT INTO orchard.apps VALUES ($id, $name, $bundleId, $sku, $locale, $at)
         ON CONFLICT (app_id) DO UPDATE SET name = excluded.name, bundle_id = coalesce(excluded.bundle_id, bundle_id),
           sku = coalesce(excluded.sku, sku), primary_locale = coalesce(excluded.primary_locale, primary_locale),
           updated_at = excluded.updated_at`,
        apps.map((a) => ({ id: a.appId, name: a.name, bundleId: nullable(a.bundleId), sku: nullable(a.sku), locale: nullable(a.primaryLocale), at })));
    },

    async upsertRequests(requests) {
      const at = timestampOf(now());
      await writeAll(writer,
        `INSERT INTO orchard.requests VALUES ($id, $appId, $access, $stopped, $at)
         ON CONFLICT (request_id) DO UPDATE SET app_id = excluded.app_id, access_type = excluded.access_type,
           stopped_due_to_inactivity = excluded.stopped_due_to_inactivity, updated_at = excluded.updated_at`,
        requests.map((r) => ({ id: r.requestId, appId: r.appId, access: r.accessType, stopped: r.stoppedDueToInactivity, at })));
    },

    async upsertReports(reports) {
      const at = timestampOf(now());
      await writeAll(writer,
        `INSERT INTO orchard.reports VALUES ($id, $requestId, $appId, $access, $name, $category, $table, $status, $reason, $at)
         ON CONFLICT (report_id) DO UPDATE SET request_id = excluded.request_id, app_id = excluded.app_id,
           access_type = excluded.access_type, name = excluded.name, category = excluded.category,
           table_name = excluded.table_name, status = coalesce(excluded.status, status),
           reason = coalesce(excluded.reason, reason), updated_at = excluded.updated_at`,
        reports.map((r) => ({ id: r.reportId, requestId: r.requestId, appId: r.appId, access: r.accessType, name: r.name,
          category: r.category, table: rawTableName(r.name), status: nullable(r.status), reason: nullable(r.reason), at })));
    },

    async upsertInstances(instances) {
      const at = timestampOf(now());
      await writeAll(writer,
        `INSERT INTO orchard.instances (instance_id, report_id, app_id, report_name, table_name, category, access_type,
           granularity, processing_date, state, updated_at)
         VALUES ($id, $reportId, $appId, $name, $table, $category, $access, $granularity, $processingDate::DATE, 'listed', $at)
         ON CONFLICT (instance_id) DO UPDATE SET report_id = excluded.report_id, app_id = excluded.app_id,
           report_name = excluded.report_name, table_name = excluded.table_name, category = excluded.category,
           access_type = excluded.access_type, granularity = excluded.granularity,
           processing_date = excluded.processing_date, updated_at = excluded.updated_at`,
        instances.map((i) => ({ id: i.instanceId, reportId: i.reportId, appId: i.appId, name: i.reportName,
          table: rawTableName(i.reportName), category: i.category, access: i.accessType, granularity: i.granularity,
          processingDate: i.processingDate, at })));
    },

    async upsertSegments(segments) {
      const at = timestampOf(now());
      await writeAll(writer,
        `INSERT INTO orchard.segments (segment_id, instance_id, checksum, size_in_bytes, state, file_path, error, updated_at)
         VALUES ($id, $instanceId, $checksum, $bytes, $state, $path, $error, $at)
         ON CONFLICT (segment_id) DO UPDATE SET instance_id = excluded.instance_id, checksum = excluded.checksum,
           size_in_bytes = excluded.size_in_bytes, state = excluded.state,
           file_path = coalesce(excluded.file_path, file_path), error = excluded.error, updated_at = excluded.updated_at`,
        segments.map((s) => ({ id: s.segmentId, instanceId: s.instanceId, checksum: s.checksum, bytes: s.sizeInBytes,
          state: s.state, path: storedPath(s.filePath), error: nullable(s.error), at })));
    },

    async markSegment(segmentId: string, state: SegmentState, details = {}) {
      await updateOne(writer,
        `UPDATE orchard.segments SET state = $state, error = $error, file_path = coalesce($path, file_path), updated_at = $at
         WHERE segment_id = $id`,
        { id: segmentId, state, error: nullable(details.error), path: storedPath(details.filePath), at: timestampOf(now()) },
        `Segment ${segmentId}`);
    },

    async ingestedSegmentChecksums(instanceId) {
      const rows = await readRows(reader,
        `SELECT segment_id, checksum FROM orchard.segments WHERE instance_id = $id AND state = 'ingested'`, { id: instanceId });
      return new Map(rows.map((row) => [String(row.segment_id), String(row.checksum)]));
    },

    async ingestedInstanceIds(instanceIds) {
      if (instanceIds.length === 0) return new Set();
      const rows = await readRows(reader,
        `SELECT instance_id FROM orchard.instances WHERE state = 'ingested' AND list_contains($ids, instance_id)`,
        { ids: listValue([...instanceIds]) }, { ids: LIST(VARCHAR) });
      return new Set(rows.map((row) => String(row.instance_id)));
    },

    async listSegments(instanceId) {
      const rows = await readRows(reader,
        `SELECT segment_id, instance_id, checksum, size_in_bytes, state, file_path, error, row_count,
           ${isoTimestampSql('ingested_at')} AS ingested_at
         FROM orchard.segments WHERE instance_id = $id ORDER BY segment_id`, { id: instanceId });
      return rows.map((row): StoredSegment => ({
        segmentId: String(row.segment_id),
        instanceId: String(row.instance_id),
        checksum: String(row.checksum ?? ''),
        sizeInBytes: Number(row.size_in_bytes ?? 0),
        state: String(row.state) as SegmentState,
        ...(row.file_path === null ? {} : { filePath: resolveSegmentPath(dataDir, String(row.file_path)) }),
        ...(row.error === null ? {} : { error: String(row.error) }),
        rowCount: row.row_count === null ? null : Number(row.row_count),
        ingestedAt: row.ingested_at === null ? null : String(row.ingested_at),
      }));
    },

    async startSyncRun(input = {}) {
      const runId = input.runId ?? randomUUID();
      await writeAll(writer, `INSERT INTO orchard.sync_runs (run_id, app_id, started_at) VALUES ($id, $appId, $at)`,
        [{ id: runId, appId: nullable(input.appId), at: timestampOf(input.startedAt ?? now()) }]);
      return runId;
    },

    async finishSyncRun(runId, result) {
      await updateOne(writer,
        `UPDATE orchard.sync_runs SET ended_at = $at, outcome = $outcome, counts = $counts::JSON, errors = $errors::JSON
         WHERE run_id = $id`,
        { id: runId, at: timestampOf(result.endedAt ?? now()), outcome: result.outcome,
          // Stored errors are readable from the workbench: a detail that echoed a token or key must not be (issue 21).
          counts: JSON.stringify(result.counts), errors: JSON.stringify(redactValue(result.errors)) },
        `Sync run ${runId}`);
    },

    async listSyncRuns(options = {}) {
      const rows = await readRows(reader,
        `SELECT run_id, app_id, ${isoTimestampSql('started_at')} AS started_at, ${isoTimestampSql('ended_at')} AS ended_at,
           outcome, counts, errors
         FROM orchard.sync_runs WHERE $appId IS NULL OR app_id = $appId
         ORDER BY started_at DESC, run_id DESC LIMIT $limit`,
        { appId: nullable(options.appId), limit: Math.max(1, Math.min(options.limit ?? 50, 1000)) });
      return rows.map((row): SyncRunRecord => ({
        runId: String(row.run_id),
        appId: row.app_id === null ? null : String(row.app_id),
        startedAt: String(row.started_at),
        endedAt: row.ended_at === null ? null : String(row.ended_at),
        outcome: row.outcome === null ? null : (String(row.outcome) as SyncRunOutcome),
        counts: row.counts === null ? {} : (JSON.parse(String(row.counts)) as Record<string, number>),
        errors: row.errors === null ? [] : (JSON.parse(String(row.errors)) as unknown[]),
      }));
    },
  };
}
