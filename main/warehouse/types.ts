// Public types of the warehouse: what the sync engine, the IPC handlers and the CLI see. The
// DuckDB objects stay behind these so the warehouse can move to a worker without touching callers.
import type { AccessType, Granularity } from '../../shared/ascTypes';
import type { Logger } from '../logging/logger';
import type { CompactionPolicy } from './compact';
import type { SalesStore } from './sales';

export interface WarehouseOptions {
  /** Workspace folder; the database is `<dataDir>/orchard.duckdb`. Created if missing. */
  dataDir: string;
  /** Further folders SQL may read (the segment cache when it lives outside dataDir). Created if missing. */
  readableDirs?: readonly string[];
  now?: () => Date;
  logger?: Logger;
  /** Query results kept at once; the oldest is released beyond this. Default 16. */
  maxResults?: number;
  /** Attach the file READ_ONLY (an unwritable folder or file): queries work, nothing is migrated or written. */
  readOnly?: boolean;
  /** When a read-write open gives a fragmented file its free blocks back (compact.ts); false: never. */
  compaction?: CompactionPolicy | false;
}

/**
 * Told after each report table of a batch is loaded, inside the batch's transaction (so before it
 * commits): the instances just loaded and their rows. Lets a long batch show progress.
 */
export type InstancesLoaded = (instanceIds: readonly string[], rowsByInstance: ReadonlyMap<string, number>) => void;

export interface Warehouse {
  /** Absolute path of the DuckDB file. */
  readonly path: string;
  readonly dataDir: string;
  /** Opened READ_ONLY: every write fails; syncing and rebuilding are refused before they start. */
  readonly readOnly: boolean;
  /** Loads one instance in one transaction; the same as a batch of one. */
  ingestInstance(input: IngestInput, signal?: AbortSignal): Promise<{ rows: number }>;
  /**
   * Loads several instances in ONE transaction, all or nothing: each instance's previous rows are
   * replaced by its segments' rows. Rows per instance, in input order. A failure names the file and
   * instance when DuckDB's message allows; ingest the instances one by one to isolate a bad one.
   */
  ingestInstances(inputs: readonly IngestInput[], signal?: AbortSignal, onLoaded?: InstancesLoaded): Promise<{ instanceId: string; rows: number }[]>;
  readonly metadata: MetadataStore;
  readonly query: QueryService;
  /** Sales and Trends tables, per-date ledger and views (schema `sales`). */
  readonly sales: SalesStore;
  /** The `user` schema: CSV and Parquet files the user imported. */
  readonly imports: UserImports;
  /** The Insights dashboards' own read connection. */
  readonly insights: InsightsReader;
  /**
   * Runs `task` while no write can reach the file: it holds the writer lane (ingests, metadata,
   * sales and imports queue behind it) after a CHECKPOINT, so another DuckDB instance can attach
   * the file READ_ONLY meanwhile (the lake's publish) and see exactly what is committed. An abort
   * drops it while queued (CANCELLED); once running, `task` watches the signal itself.
   */
  whileWritesPaused<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Interrupts running queries, waits for them to stop, then closes the database. */
  close(): Promise<void>;
}

/** A statement's column names and rows (JSON values: BIGINT and DECIMAL come back as text). */
export interface InsightsRows {
  columns: string[];
  rows: JsonValue[][];
}

export interface InsightsReader {
  /**
   * Runs `task` alone on the insights connection (its statements run back to back, nothing of
   * another task in between). An abort drops it while queued or interrupts it: CANCELLED.
   */
  session<T>(task: (read: (sql: string) => Promise<InsightsRows>) => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** One small statement on a second connection, beside whatever the tiles run. */
  lookup(sql: string): Promise<InsightsRows>;
  /**
   * Changes whenever an ingest ends (the only writer of report tables and orchard.vintages), so
   * what a lookup found (columns, freshness) can be kept until it changes.
   */
  generation(): number;
}

// ---- ingest ----

export interface IngestSegment {
  segmentId: string;
  /** A verified `.csv.gz` file inside dataDir or readableDirs. */
  filePath: string;
  checksum: string;
  sizeInBytes: number;
}

export interface IngestInput {
  reportName: string;
  category?: string;
  accessType: AccessType;
  instanceId: string;
  granularity: Granularity;
  /** `YYYY-MM-DD`. */
  processingDate: string;
  segments: readonly IngestSegment[];
  /** Recorded in orchard.instances when given. */
  appId?: string;
  reportId?: string;
}

// ---- metadata ----

export type SegmentState = 'downloaded' | 'ingested' | 'quarantined' | 'failed';
export type InstanceState = 'listed' | 'ingested';

export interface AppRecord {
  appId: string;
  name: string;
  bundleId?: string;
  sku?: string;
  primaryLocale?: string;
}

export interface RequestRecord {
  requestId: string;
  appId: string;
  accessType: AccessType;
  stoppedDueToInactivity: boolean;
}

export interface ReportRecord {
  reportId: string;
  requestId: string;
  appId: string;
  accessType: AccessType;
  name: string;
  category: string;
  /** Free text chosen by the sync engine (e.g. `available`, `no-data`); kept when omitted. */
  status?: string;
  reason?: string;
}

export interface InstanceRecord {
  instanceId: string;
  reportId: string;
  appId: string;
  reportName: string;
  category: string;
  accessType: AccessType;
  granularity: Granularity;
  processingDate: string;
}

export interface SegmentRecord {
  segmentId: string;
  instanceId: string;
  checksum: string;
  sizeInBytes: number;
  state: SegmentState;
  filePath?: string;
  error?: string;
}

export interface StoredSegment extends SegmentRecord {
  rowCount: number | null;
  ingestedAt: string | null;
}

/** 'interrupted': the process died before the run finished; set on the next start. */
export type SyncRunOutcome = 'succeeded' | 'partial' | 'failed' | 'cancelled' | 'interrupted';

export interface SyncRunRecord {
  runId: string;
  appId: string | null;
  startedAt: string;
  endedAt: string | null;
  outcome: SyncRunOutcome | null;
  counts: Record<string, number>;
  errors: unknown[];
}

export interface MetadataStore {
  upsertApps(apps: readonly AppRecord[]): Promise<void>;
  upsertRequests(requests: readonly RequestRecord[]): Promise<void>;
  upsertReports(reports: readonly ReportRecord[]): Promise<void>;
  /** New instances start as `listed`; existing ones keep their state and counts. */
  upsertInstances(instances: readonly InstanceRecord[]): Promise<void>;
  upsertSegments(segments: readonly SegmentRecord[]): Promise<void>;
  markSegment(segmentId: string, state: SegmentState, details?: { error?: string; filePath?: string }): Promise<void>;
  /** segmentId → checksum of the instance's segments whose rows are in the warehouse. */
  ingestedSegmentChecksums(instanceId: string): Promise<Map<string, string>>;
  /** The given instance IDs that are fully ingested. */
  ingestedInstanceIds(instanceIds: readonly string[]): Promise<Set<string>>;
  listSegments(instanceId: string): Promise<StoredSegment[]>;
  /** Returns the run ID (a new UUID unless given). */
  startSyncRun(input?: { runId?: string; appId?: string; startedAt?: Date }): Promise<string>;
  finishSyncRun(runId: string, result: { outcome: SyncRunOutcome; counts: Record<string, number>; errors: readonly unknown[]; endedAt?: Date }): Promise<void>;
  /** Newest first. */
  listSyncRuns(options?: { limit?: number; appId?: string }): Promise<SyncRunRecord[]>;
  /**
   * Orchard's own read-only SQL over its tables and views (never user SQL), on the metadata
   * reader connection: it never waits behind a workbench query nor takes one of its result slots.
   */
  read(sql: string): Promise<Record<string, JsonValue>[]>;
}

// ---- SQL workbench ----

/** A cell as it crosses IPC: BIGINT/DECIMAL as exact strings, DATE as `YYYY-MM-DD`, NULL as null. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface ResultColumn {
  name: string;
  /** DuckDB type as SQL text, e.g. `DECIMAL(18,2)`. */
  type: string;
}

export interface QueryResultInfo {
  resultId: string;
  columns: ResultColumn[];
  totalRows: number;
  elapsedMs: number;
}

export interface PageRequest {
  offset: number;
  limit: number;
  orderBy?: { column: string; desc: boolean };
}

export interface ResultPage {
  resultId: string;
  offset: number;
  /** One array per row, cells in `columns` order. */
  rows: JsonValue[][];
}

export interface QueryService {
  /** Runs one read-only statement and keeps its result for paging. */
  runQuery(sql: string, options?: { signal?: AbortSignal }): Promise<QueryResultInfo>;
  fetchPage(resultId: string, page: PageRequest): Promise<ResultPage>;
  /** COPY of a stored result to a file inside the data folder (CSV with header, or Parquet). */
  exportResult(
    resultId: string,
    target: { filePath: string; format: 'csv' | 'parquet'; orderBy?: { column: string; desc: boolean } | undefined },
    options?: { signal?: AbortSignal; onProgress?: (fraction: number) => void },
  ): Promise<{ rows: number }>;
  releaseResult(resultId: string): Promise<void>;
  /** Interrupts the statement runQuery is executing, if any. */
  cancel(): void;
}

// ---- the user's own tables ----

export interface UserTableImport {
  /** Checked against USER_TABLE_NAME; the table is `user.<table>`. */
  table: string;
  /** A file inside dataDir that DuckDB may read. */
  filePath: string;
  format: 'csv' | 'parquet';
  /** Replace an existing table of that name; without it an existing table fails with CONFLICT. */
  replace: boolean;
}

export interface UserTable {
  name: string;
  rows: number;
  columns: number;
}

export interface UserImports {
  /** Loads the file into `user.<table>` in one transaction: a failed load keeps the previous table. */
  importTable(input: UserTableImport, signal?: AbortSignal): Promise<UserTable>;
  listTables(): Promise<UserTable[]>;
  /** False when there was no such table. */
  dropTable(table: string): Promise<boolean>;
}
