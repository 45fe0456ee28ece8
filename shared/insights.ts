// Insights: the Overview headline numbers (App Store Connect's Analytics page, offline). Types the
// main process returns and the renderer shows; every number carries the SQL that produced it.

export const HEADLINE_PERIODS = [7, 28, 90] as const;
export type HeadlinePeriod = (typeof HEADLINE_PERIODS)[number];

/** How a tile's number reads: a count, US dollars, a percentage, or a rate per 1,000. */
export type MetricUnit = 'count' | 'usd' | 'percent' | 'per1000';

export interface DateWindow {
  /** `YYYY-MM-DD`, both ends included. */
  from: string;
  to: string;
}

export interface SparkPoint {
  date: string;
  /** 0 for a count on a day without rows; null before the first data (a gap) and for a rate whose denominator is missing or zero. */
  value: number | null;
}

export interface HeadlineTile {
  id: string;
  label: string;
  /** Apple's meaning of the metric, plus how Orchard computes it. */
  meaning: string;
  unit: MetricUnit;
  /** Null when the report is not in the warehouse (or the metric cannot be totalled, see `unavailable`). */
  value: number | null;
  previous: number | null;
  /**
   * (value − previous) ÷ previous × 100; null when there is nothing to compare with, or when the two
   * windows are not both fully covered by every app's published data (then `compareNote` says why).
   */
  changePercent: number | null;
  /** Why no change is shown although both values are ("No change shown: previous window …: data starts Nov 3."). */
  compareNote: string | null;
  /** With several apps, the ones whose data end earlier and so end the window ("Trail Notes: data up to Dec 4 …"). */
  lagNotes: string[];
  sparkline: SparkPoint[];
  /** Newest day every chosen app has published in the metric's report(s); the window ends there. */
  dataUpTo: string | null;
  window: DateWindow;
  previousWindow: DateWindow;
  /** The statement that returns `current` and `previous` exactly as shown: open it in the workbench. */
  sql: string | null;
  /**
   * The same calendar dates a year earlier, present only when the warehouse holds data reaching back
   * that far (otherwise a year-ago zero would be a false zero).
   */
  yearAgo?: { window: DateWindow; value: number | null; changePercent: number | null };
  /** Why a metric has no number (e.g. a unique count Apple never publishes as a total). */
  unavailable?: string;
}

export interface HeadlinesView {
  appId: string;
  days: HeadlinePeriod;
  today: string;
  tiles: HeadlineTile[];
}
