// "My dashboard": the user's own saved workbench queries pinned as tiles, each drawn with the chart
// settings it was pinned with and re-run under the Insights controls where the query declares
// parameters (`:app`, `:apps`, `:from`, `:to`, `:granularity`). Types main returns and the renderer shows.
import type { DashboardGranularity } from './dashboards';
import type { DateWindow } from './insights';
import type { CellValue, ChartAggregate, ChartData, QueryColumn } from './workbench';

/** The workbench chart's kinds (renderer/features/workbench/chartConfig.ts). */
export const PIN_CHART_KINDS = ['line', 'bar'] as const;
export type PinChartKind = (typeof PIN_CHART_KINDS)[number];

/** A tile takes one column of the dashboard grid, or the whole row. */
export const PIN_SIZES = ['normal', 'wide'] as const;
export type PinSize = (typeof PIN_SIZES)[number];

/** Parameters a saved query may declare; the dashboard controls fill them (see README "My dashboard"). */
export const PIN_PARAMETERS = ['app', 'apps', 'from', 'to', 'granularity'] as const;
export type PinParameter = (typeof PIN_PARAMETERS)[number];

/** Rows a tile's run returns at most; its chart is aggregated by DuckDB over every row. */
export const MAX_PIN_ROWS = 5000;
export const MAX_PINS = 60;

/** The workbench chart settings in use when the query was pinned. */
export interface PinChart {
  kind: PinChartKind;
  x: string;
  y: string[];
  splitBy?: string;
  aggregate: ChartAggregate;
  /** With splitBy: values drawn each as a series, the rest summed up as "Other". */
  topN?: number;
}

/** One tile as stored in `<dataDir>/dashboard.json`. */
export interface Pin {
  id: string;
  title: string;
  /** The saved query's name (`<dataDir>/queries/<name>.sql`): the tile runs the file as it is now. */
  queryName: string;
  chart: PinChart;
  size: PinSize;
  /** ISO time. */
  pinnedAt: string;
}

export interface PinView extends Pin {
  /** Parameters the saved query declares, in first-use order; empty when it declares none or is gone. */
  parameters: PinParameter[];
  /** The saved query file no longer exists (deleted or renamed). */
  missing: boolean;
}

export interface PinList {
  /** In layout order. */
  pins: PinView[];
  /** Absolute path of the layout file. */
  file: string;
  /** Set when the layout file could not be read and was kept aside: what happened and where it is. */
  notice?: string;
}

export interface PinRunResult {
  requestId: string;
  pinId: string;
  /** The exact statement that ran, parameters replaced by literals: "Open in SQL" opens this. */
  sql: string;
  /** Each declared parameter and the SQL literal it became. */
  parameters: FilledSql['parameters'];
  columns: QueryColumn[];
  /** At most MAX_PIN_ROWS rows, in the query's order. */
  rows: CellValue[][];
  totalRows: number;
  /** The chart as the workbench draws it (main aggregates), or why it could not be drawn. */
  chart: ChartData | null;
  chartError?: string;
  /** Set when the query declares `:from` or `:to`: the dates they became and why. */
  window?: PinWindow;
  elapsedMs: number;
}

/**
 * The dates a query's `:from` and `:to` became. With a "last N" range (`endAtData`) they follow the
 * built-in tiles' rule: the controls' number of periods, ending with the newest period every chosen
 * app has published in the report views the query names (or, naming none, the newest day every
 * chosen app has published in any daily report view).
 */
export interface PinWindow {
  window: DateWindow;
  granularity: DashboardGranularity;
  /** Last day of the data the range was placed against; null when the dates are the controls' own. */
  dataUpTo: string | null;
  /** The apps that hold the range back ("Trail Notes: data up to Dec 4 …"). */
  notes: string[];
}

/** A statement with its dashboard parameters replaced by literals (what the workbench runs). */
export interface FilledSql {
  sql: string;
  parameters: { name: PinParameter; literal: string }[];
  /** Set when the statement declares `:from` or `:to`. */
  window?: PinWindow;
}
