// Domain types of the SQL workbench as they cross IPC: query runs and result pages, the
// warehouse catalogue, editor tabs, history, saved queries, exports and chart data.

/** A cell: BIGINT/DECIMAL/HUGEINT as exact strings, DATE as `YYYY-MM-DD`, NULL as null. */
export type CellValue = null | boolean | number | string | CellValue[] | { [key: string]: CellValue };

export interface QueryColumn {
  name: string;
  /** DuckDB type as SQL text, e.g. `DECIMAL(18,2)`. */
  type: string;
}

/** A result kept in main; the renderer pages through it by `resultId`. */
export interface QueryResult {
  resultId: string;
  columns: QueryColumn[];
  totalRows: number;
  elapsedMs: number;
}

/** Rows the grid can show at once; also the largest page `query:page` serves. */
export const PAGE_ROWS = 500;
export const MAX_PAGE_ROWS = 2000;
/** Rows `query:run` replies with before the whole result is counted. */
export const PREVIEW_ROWS = 1000;

/**
 * What `query:run` answers as soon as the first rows exist. `result` is null while main is still
 * materialising the whole result: `query:wait` then resolves with it.
 */
export interface QueryRunReply {
  runId: string;
  columns: QueryColumn[];
  /** The first rows of the result (at most PREVIEW_ROWS). */
  firstRows: CellValue[][];
  result: QueryResult | null;
}

export interface SortOrder {
  column: string;
  desc: boolean;
}

export interface QueryPage {
  resultId: string;
  offset: number;
  rows: CellValue[][];
}

// ---- catalogue ----

export interface DbColumn {
  name: string;
  type: string;
  /** Apple's meaning of a report column, from the report catalogue. */
  meaning?: string;
  /** Set on measures that must not be summed across rows (distinct counts, averages): why, for the column info. */
  nonAdditive?: string;
}

export interface DbRelation {
  schema: string;
  name: string;
  kind: 'table' | 'view';
  rowCount: number | null;
  /** API name of the Analytics Report behind it, when Orchard knows it. */
  report?: string;
  columns: DbColumn[];
}

export interface DbSchema {
  name: string;
  relations: DbRelation[];
}

export interface ExampleQuery {
  title: string;
  description: string;
  sql: string;
}

export interface WorkbenchCatalogue {
  /** `main` (daily) first, then `weekly`, `monthly`, `raw`, `orchard` and `user` (imported files; listed even when empty). */
  schemas: DbSchema[];
  /** DuckDB's function names, for completion. */
  functions: string[];
  keywords: string[];
  examples: ExampleQuery[];
}

// ---- tabs, history, saved queries ----

export interface QueryTab {
  id: string;
  title: string;
  sql: string;
  /** Name of the saved query this tab was opened from or saved as. */
  savedName?: string;
}

export interface TabsState {
  tabs: QueryTab[];
  activeId: string;
}

export type RunOutcome = 'succeeded' | 'failed' | 'cancelled';

export interface HistoryEntry {
  id: string;
  sql: string;
  /** ISO time. */
  startedAt: string;
  elapsedMs: number;
  outcome: RunOutcome;
  rows?: number;
  error?: string;
}

export interface SavedQuery {
  name: string;
  fileName: string;
  sql: string;
  /** ISO time of the file's last change. */
  modifiedAt: string;
}

export interface SavedQueries {
  /** Absolute folder of the `.sql` files. */
  folder: string;
  queries: SavedQuery[];
}

// ---- export ----

export const EXPORT_FORMATS = ['csv', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportProgress {
  exportId: string;
  phase: 'writing' | 'converting' | 'moving';
  rowsWritten: number;
  totalRows: number;
}

/** Where `query:export` will put the file: a native save dialog (desktop) or a browser download. */
export interface ExportPlan {
  /** The proposed file name, extension included. */
  fileName: string;
  delivery: 'save-dialog' | 'download';
}

export interface ExportDone {
  exportId: string;
  path: string;
  fileName: string;
  /** Browser mode: a one-time, short-lived URL on the bridge that downloads the file once. */
  download?: { url: string; expiresAt: string };
  rows: number;
  bytes: number;
  /** How the file was written: DuckDB's COPY of the stored result (see main/workbench/resultCopier). */
  method: 'warehouse-copy';
}

// ---- chart ----

export const CHART_AGGREGATES = ['sum', 'avg', 'min', 'max', 'count'] as const;
export type ChartAggregate = (typeof CHART_AGGREGATES)[number];

export interface ChartSeries {
  label: string;
  values: (number | null)[];
}

export interface ChartData {
  x: { name: string; type: string; values: (string | number)[] };
  series: ChartSeries[];
  /** Set when points or series were cut to the requested maximum. */
  truncated: boolean;
}

/** Names of saved queries and exported files: no path separators, no leading dot. */
export const SAFE_NAME = /^[\p{L}\p{N}][\p{L}\p{N} _.()-]{0,99}$/u;
