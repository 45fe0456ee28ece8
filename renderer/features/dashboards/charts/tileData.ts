// Tile rows (TileResult.columns / rows) read into what the charts draw: series over periods for
// lines and stacked areas, labelled values for ranked bars and funnels. A period a series has no
// row for is 0 for a count and a gap (null) for a rate, as Apple's own charts show it.
import type { TileCell, TileResult } from '../../../../shared/dashboards';
import type { MetricUnit } from '../../../../shared/insights';

export const OTHER_LABEL = 'Other';

export interface Series {
  name: string;
  values: (number | null)[];
  /** The comparison window's values at the same positions; absent when not comparing. */
  previous?: (number | null)[];
}

export interface SeriesData {
  periods: string[];
  series: Series[];
}

export interface LabelledValue {
  label: string;
  value: number | null;
  previous: number | null;
  /** Funnels: main's rate (null on the first step), and the compared window's. */
  rate?: number | null;
  previousRate?: number | null;
  /** Funnels: what the rate is a percentage of when not the step before ("unique impressions (approx.)"). */
  rateOf?: string | null;
}

export function isRate(unit: MetricUnit): boolean {
  return unit === 'percent' || unit === 'per1000';
}

function column(result: Pick<TileResult, 'columns'>, name: string): number {
  return result.columns.indexOf(name);
}

function asNumber(cell: TileCell | undefined): number | null {
  if (cell === null || cell === undefined) return null;
  const n = typeof cell === 'number' ? cell : Number(cell);
  return Number.isFinite(n) ? n : null;
}

/**
 * Periods after `upTo` (the newest day Apple has reported) are left out: they are not zero, just
 * not reported yet, and drawing them as 0 would show a false drop at the end of every range.
 */
export function seriesData(result: Pick<TileResult, 'columns' | 'rows'>, unit: MetricUnit, upTo: string | null = null): SeriesData {
  const [p, s, v, prev] = ['period', 'series', 'value', 'previous'].map((name) => column(result, name)) as [number, number, number, number];
  const hasPrevious = prev >= 0;
  const periods = [...new Set(result.rows.map((row) => String(row[p] ?? '')))].filter((period) => upTo === null || period <= upTo).sort();
  const names: string[] = [];
  const cells = new Map<string, { value: number | null; previous: number | null }>();
  for (const row of result.rows) {
    const name = s >= 0 ? String(row[s] ?? '') : 'value';
    if (!names.includes(name)) names.push(name);
    cells.set(`${name}\u0000${String(row[p] ?? '')}`, { value: asNumber(row[v]), previous: hasPrevious ? asNumber(row[prev]) : null });
  }
  // "Other" always last, whatever order the rows came in.
  names.sort((a, b) => Number(a === OTHER_LABEL) - Number(b === OTHER_LABEL));
  const missing = isRate(unit) ? null : 0;
  const series = names.map((name) => {
    const at = periods.map((period) => cells.get(`${name}\u0000${period}`));
    const values = at.map((c) => (c === undefined ? missing : c.value));
    return hasPrevious ? { name, values, previous: at.map((c) => (c === undefined ? missing : c.previous)) } : { name, values };
  });
  return { periods, series };
}

export function labelledValues(result: Pick<TileResult, 'columns' | 'rows'>, labelColumn: 'label' | 'step'): LabelledValue[] {
  const [l, v, prev, rate, prevRate, of] = [labelColumn, 'value', 'previous', 'rate', 'previousRate', 'rate_of'].map((name) => column(result, name)) as [number, number, number, number, number, number];
  return result.rows.map((row) => ({
    label: String(row[l] ?? ''),
    value: asNumber(row[v]),
    previous: prev >= 0 ? asNumber(row[prev]) : null,
    ...(rate >= 0 ? { rate: asNumber(row[rate]) } : {}),
    ...(prevRate >= 0 ? { previousRate: asNumber(row[prevRate]) } : {}),
    ...(of >= 0 ? { rateOf: row[of] === null || row[of] === undefined ? null : String(row[of]) } : {}),
  }));
}

/** (value − previous) ÷ previous × 100; null when either is missing or previous is 0. */
export function changePercent(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null || previous === 0) return null;
  return ((value - previous) / previous) * 100;
}

export function formatChange(change: number | null): string {
  if (change === null) return '—';
  return `${change > 0 ? '+' : ''}${change.toFixed(1)}%`;
}

/** Each series' band top (the running sum, missing counts as 0), and the compared total when comparing. */
export function stackTotals(data: SeriesData): { stacks: number[][]; previousTotal: (number | null)[] | null } {
  const running = data.periods.map(() => 0);
  const stacks = data.series.map((s) =>
    s.values.map((v, i) => {
      running[i] = (running[i] ?? 0) + (v ?? 0);
      return running[i] ?? 0;
    }),
  );
  const comparing = data.series.some((s) => s.previous);
  // A compared period outside the data (every series null there) stays a gap, not a total of 0.
  const previousTotal = comparing ? data.periods.map((_, i) => (data.series.every((s) => (s.previous?.[i] ?? null) === null) ? null
    : data.series.reduce((sum, s) => sum + (s.previous?.[i] ?? 0), 0))) : null;
  return { stacks, previousTotal };
}
