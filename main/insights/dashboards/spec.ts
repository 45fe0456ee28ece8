// How a dashboard tile is declared: what it measures (report, column, constant predicate) and the
// shape of its rows. Tile files (acquisition.ts …) only declare; sqlBuilder.ts turns a spec and
// the controls into one statement.
import type { FilterDimension } from '../../../shared/dashboards';
import type { MetricUnit } from '../../../shared/insights';

/** The sum of one additive column of one report, over the rows a constant predicate keeps. */
export interface Measure {
  label: string;
  /** The Standard (or single-level) report; its Detailed twin serves granularities only it publishes. */
  report: string;
  /** Warehouse column name (checked against the catalogue). */
  column: string;
  /** Constant SQL over the report's columns (no user input), or null for every row. */
  where: string | null;
}

/** numerator ÷ denominator × scale per bucket: NULL where the denominator is missing or 0. */
export interface Ratio {
  label: string;
  numerator: Measure;
  denominator: Measure;
  scale: number;
}

export type Series = Measure | Ratio;

/** A funnel step's rate against another measure than the step before; `label` names it on the tile. */
export interface FunnelRate {
  of: Measure;
  label: string;
}

export const isRatio = (s: Series): s is Ratio => 'numerator' in s;

export type TileShape =
  /** line: one row per bucket and series. */
  | { kind: 'trend'; series: Series[] }
  /** stackedArea: one measure split by a dimension, top-N + Other, per bucket. */
  | { kind: 'mix'; measure: Measure; by: string }
  /** rankedBars: one measure by a dimension over the window, top-N + Other. */
  | { kind: 'ranked'; measure: Measure; by: string }
  /**
   * funnel: each step's sum over the window, with its rate: of the step before, or of `rates[i].of`
   * (Apple's own definition where the reports allow it, e.g. downloads ÷ unique impressions).
   */
  | { kind: 'funnel'; steps: Measure[]; rates?: (FunnelRate | null)[] }
  /** table: a unique count exactly as Apple publishes it, one row per report row. */
  | { kind: 'grain'; report: string; column: string };

export interface TileSpec {
  id: string;
  title: string;
  meaning: string;
  unit: MetricUnit;
  shape: TileShape;
  uniqueNote?: string;
}

/** Catalogue header of each filterable dimension. */
export const FILTER_HEADERS: Readonly<Record<FilterDimension, string>> = {
  territory: 'Territory',
  device: 'Device',
  sourceType: 'Source Type',
  platformVersion: 'Platform Version',
};
