// What the chart shows before the user changes anything, picked from the result's columns: a
// date (or else a category) along x, numeric columns as series, and a text column split into one
// series per value when the result is in long format (date, territory, counts).
import type { ChartAggregate, QueryColumn } from '../../../shared/workbench';
import { isNumericType, isTemporalType } from './cellFormat';

export type ChartKind = 'line' | 'bar';

export interface ChartConfig {
  kind: ChartKind;
  x: string;
  y: string[];
  splitBy: string | null;
  aggregate: ChartAggregate;
  /** With a split-by column: values drawn each as a series, the rest summed up as "Other". */
  topN: number;
}

const DEFAULT_SERIES = 8;
export const DEFAULT_TOP_N = 8;
export const MAX_TOP_N = 500;

export function defaultChartConfig(columns: readonly QueryColumn[]): ChartConfig | null {
  const x = columns.find((c) => isTemporalType(c.type)) ?? columns.find((c) => !isNumericType(c.type)) ?? columns[0];
  if (x === undefined) return null;
  const rest = columns.filter((c) => c.name !== x.name);
  const numeric = rest.filter((c) => isNumericType(c.type)).map((c) => c.name);
  const text = rest.filter((c) => !isNumericType(c.type) && !isTemporalType(c.type)).map((c) => c.name);
  const kind: ChartKind = isTemporalType(x.type) || isNumericType(x.type) ? 'line' : 'bar';
  if (numeric.length === 0) return { kind, x: x.name, y: [rest[0]?.name ?? x.name], splitBy: null, aggregate: 'count', topN: DEFAULT_TOP_N };
  const long = text.length > 0 && isTemporalType(x.type);
  return {
    kind,
    x: x.name,
    y: long ? numeric.slice(0, 1) : numeric.slice(0, DEFAULT_SERIES),
    splitBy: long ? (text[0] ?? null) : null,
    aggregate: 'sum',
    topN: DEFAULT_TOP_N,
  };
}

/** Keeps a config valid for new columns (same names, still there), else starts over. */
export function reconcileChartConfig(config: ChartConfig | null, columns: readonly QueryColumn[]): ChartConfig | null {
  if (config === null) return defaultChartConfig(columns);
  const names = new Set(columns.map((c) => c.name));
  const y = config.y.filter((name) => names.has(name));
  if (!names.has(config.x) || y.length === 0 || (config.splitBy !== null && !names.has(config.splitBy))) return defaultChartConfig(columns);
  // Configs kept from before top N existed lack it.
  return { ...config, y, topN: config.topN ?? DEFAULT_TOP_N };
}

/** x values as uPlot numbers: seconds since the epoch for dates and times, the value for numbers, else the position. */
export function xPositions(values: readonly (string | number)[], type: string): { positions: number[]; scale: 'time' | 'number' | 'category' } {
  if (isTemporalType(type) && !type.startsWith('TIME ') && type !== 'TIME') {
    const positions = values.map((v) => Date.parse(String(v).replace(' ', 'T').replace(/\+00$/, 'Z').replace(/^(\d{4}-\d{2}-\d{2})$/, '$1T00:00:00Z')) / 1000);
    if (positions.every((p) => Number.isFinite(p))) return { positions, scale: 'time' };
  }
  if (isNumericType(type)) {
    const positions = values.map((v) => Number(v));
    if (positions.every((p) => Number.isFinite(p))) return { positions, scale: 'number' };
  }
  return { positions: values.map((_, i) => i), scale: 'category' };
}
