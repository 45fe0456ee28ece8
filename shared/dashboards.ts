// Insights dashboards: themed pages of tiles over the restatement-correct views, all driven by one
// set of controls (apps, dates, granularity, filters, comparison, top-N). Types main returns and
// the renderer shows; every tile carries the exact SQL that produced its rows.
import type { DateWindow, MetricUnit } from './insights';

export const DASHBOARD_PAGES = ['acquisition', 'monetization', 'usage', 'performance'] as const;
export type DashboardPageId = (typeof DASHBOARD_PAGES)[number];

/** Apple's own instances per granularity (the `main`, `weekly` and `monthly` views). */
export const DASHBOARD_GRANULARITIES = ['DAILY', 'WEEKLY', 'MONTHLY'] as const;
export type DashboardGranularity = (typeof DASHBOARD_GRANULARITIES)[number];

export const COMPARISONS = ['none', 'previous', 'yearAgo'] as const;
export type Comparison = (typeof COMPARISONS)[number];

/** Dimensions every page can filter on; a tile whose report lacks the column says it ignored it. */
export const FILTER_DIMENSIONS = ['territory', 'device', 'sourceType', 'platformVersion'] as const;
export type FilterDimension = (typeof FILTER_DIMENSIONS)[number];

export const MAX_FILTER_VALUES = 50;
export const TOP_N_RANGE = { min: 3, max: 25, default: 8 } as const;
/** Longest range a dashboard asks for at once (Apple keeps no more than this in practice). */
export const MAX_RANGE_DAYS = 1100;

export interface DashboardControls {
  /** Numeric App Store app IDs, or 'all' for every app in the warehouse. */
  apps: string[] | 'all';
  /** `YYYY-MM-DD`, both included. */
  from: string;
  to: string;
  granularity: DashboardGranularity;
  /** Keep only rows whose dimension is one of the values (compared case-insensitively). */
  filters: Partial<Record<FilterDimension, string[]>>;
  compare: Comparison;
  /** Ranked and stacked tiles show this many values and one "Other" for the rest. */
  topN: number;
  /**
   * "The last N days/weeks/months": main moves the range (keeping its number of periods) to end at
   * the newest period every chosen app has published in the tile's reports, not the calendar's
   * yesterday; the tile's `window` says where it ended. Absent or false: the dates as given.
   */
  endAtData?: boolean;
}

/**
 * How a tile draws its rows:
 * - `line`, `stackedArea`: columns `period` (bucket start, YYYY-MM-DD), `series`, `value`, and `previous`
 *   (the same series in the comparison window's bucket at the same position) when comparing.
 * - `rankedBars`: columns `label`, `value`, `previous`? — top-N then one `Other` row.
 * - `funnel`: columns `step`, `value`, `previous`? in funnel order, then `rate` (% of the step before; NULL
 *   on the first step) and `previousRate` when comparing.
 * - `table`: any columns, shown as a grid (unique counts: `period`, Apple's dimension columns, `value`;
 *   never compared, so `compareWindow` is null).
 */
export type TileChart = 'line' | 'stackedArea' | 'rankedBars' | 'funnel' | 'table';

export interface TileDefinition {
  id: string;
  title: string;
  chart: TileChart;
  /** Apple's meaning of the measure (from the report catalogue) and how the tile computes it. */
  meaning: string;
  unit: MetricUnit;
  /** Report names the tile reads. */
  reports: string[];
  /** Filters the tile applies; any other filter set in the controls is reported as not applied. */
  filters: FilterDimension[];
  /** Set when the tile shows unique counts: at which grain Apple publishes them and why they are not summed. */
  uniqueNote?: string;
}

export interface DashboardPage {
  id: DashboardPageId;
  title: string;
  description: string;
  tiles: TileDefinition[];
}

export type TileCell = string | number | null;

export interface TileResult {
  pageId: DashboardPageId;
  tileId: string;
  /**
   * The one statement whose result is `rows`: "Open in SQL" runs exactly this. Empty when nothing ran
   * (see notes). For a unique-count table, `rows` are its first rows and `totalRows` counts all of them.
   */
  sql: string;
  columns: string[];
  rows: TileCell[][];
  /** The granularity the rows are at (the controls' one). */
  granularity: DashboardGranularity;
  window: DateWindow;
  compareWindow: DateWindow | null;
  /** Last day of the newest period every chosen app has published in the tile's reports. */
  dataUpTo: string | null;
  /**
   * Null when not comparing or when both windows lie fully inside every chosen app's published data;
   * otherwise why no change (%, arrows, colours) may be shown — only the two values.
   */
  compareNote: string | null;
  /** Unique-count tables: how many rows `sql` returns (`rows` holds the first of them). */
  totalRows?: number;
  /**
   * First period of the range Apple may still restate; null if none. Days: within six days of the newest
   * processing date. Weeks and months: the newest period held in a single instance (Apple re-issues it once).
   */
  restatingFrom: string | null;
  /** Plain-language remarks: filters not applied, unique counts not summed, no data for a report. */
  notes: string[];
  elapsedMs: number;
}
