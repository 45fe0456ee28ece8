// The buckets of a dashboard range and its comparison window. A bucket is one of Apple's periods:
// a day, a week starting Monday (Apple dates weekly rows by their Monday) or a calendar month;
// the range covers every period it overlaps. The comparison shifts each bucket: `previous` by the
// range's own length (as many periods, right before), `yearAgo` by a year (weeks by 52, so Monday
// stays Monday). Month arithmetic clamps like DuckDB's (Mar 31 − 1 month = Feb 28/29).
import type { Comparison, DashboardGranularity } from '../../../shared/dashboards';
import type { DateWindow } from '../../../shared/insights';

export type PeriodUnit = 'day' | 'week' | 'month';

export interface Buckets {
  unit: PeriodUnit;
  /** First and last bucket starts. */
  first: string;
  last: string;
  count: number;
  /** From the first bucket's start to the last bucket's end. */
  window: DateWindow;
  /** The SQL interval one bucket moves back by to reach its comparison bucket; null without comparison. */
  compareShift: string | null;
  compareWindow: DateWindow | null;
  /** First and last comparison bucket starts. */
  compareFirst: string | null;
  compareLast: string | null;
}

export const UNIT_OF: Readonly<Record<DashboardGranularity, PeriodUnit>> = { DAILY: 'day', WEEKLY: 'week', MONTHLY: 'month' };

const DAY_MS = 86_400_000;
const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(day: string, n: number): string {
  return iso(new Date(toDate(day).getTime() + n * DAY_MS));
}

export function addMonths(day: string, n: number): string {
  const d = toDate(day);
  const month = d.getUTCFullYear() * 12 + d.getUTCMonth() + n;
  const year = Math.floor(month / 12);
  const m = month - year * 12;
  const lastDay = new Date(Date.UTC(year, m + 1, 0)).getUTCDate();
  return iso(new Date(Date.UTC(year, m, Math.min(d.getUTCDate(), lastDay))));
}

/** True for a real calendar day written `YYYY-MM-DD` (the schema checks only the shape). */
export function isCalendarDay(day: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(toDate(day).getTime()) && iso(toDate(day)) === day;
}

export function periodStart(day: string, unit: PeriodUnit): string {
  if (unit === 'day') return day;
  if (unit === 'month') return `${day.slice(0, 7)}-01`;
  return addDays(day, -((toDate(day).getUTCDay() + 6) % 7));
}

function step(day: string, unit: PeriodUnit, n: number): string {
  if (unit === 'day') return addDays(day, n);
  if (unit === 'week') return addDays(day, 7 * n);
  return addMonths(day, n);
}

export function periodEnd(start: string, unit: PeriodUnit): string {
  return addDays(step(start, unit, 1), -1);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((toDate(to).getTime() - toDate(from).getTime()) / DAY_MS);
}

export function bucketsFor(from: string, to: string, granularity: DashboardGranularity, compare: Comparison): Buckets {
  const unit = UNIT_OF[granularity];
  const first = periodStart(from, unit);
  const last = periodStart(to, unit);
  let count = 0;
  for (let b = first; b <= last; b = step(b, unit, 1)) count += 1;
  const window = { from: first, to: periodEnd(last, unit) };
  if (compare === 'none') return { unit, first, last, count, window, compareShift: null, compareWindow: null, compareFirst: null, compareLast: null };
  // [units back in TS terms, the same as a SQL interval]
  const back: [number, string] = compare === 'previous'
    ? (unit === 'month' ? [count, `INTERVAL ${count} MONTH`] : [count, `INTERVAL ${unit === 'week' ? 7 * count : count} DAY`])
    : (unit === 'week' ? [52, 'INTERVAL 364 DAY'] : [unit === 'month' ? 12 : 0, 'INTERVAL 1 YEAR']);
  const shiftBack = (day: string) => (compare === 'yearAgo' && unit === 'day' ? addMonths(day, -12) : step(day, unit, -back[0]));
  const compareFirst = shiftBack(first);
  const compareLast = shiftBack(last);
  return { unit, first, last, count, window, compareShift: back[1], compareFirst, compareLast,
    compareWindow: { from: compareFirst, to: periodEnd(compareLast, unit) } };
}

/** Start of the newest period that ends on or before `day`: the period holding `day` when `day` is its last day, else the one before. */
export function lastFullPeriodStart(day: string, unit: PeriodUnit): string {
  const start = periodStart(day, unit);
  return periodEnd(start, unit) <= day ? start : step(start, unit, -1);
}

/**
 * "The last N periods" ending where the data ends: the range moved so its last period is the one
 * holding `newest` (the newest period every chosen app has published), with as many periods as before.
 */
export function anchorRange(from: string, to: string, granularity: DashboardGranularity, newest: string): DateWindow {
  const { unit, count } = bucketsFor(from, to, granularity, 'none');
  const last = periodStart(newest, unit);
  return { from: step(last, unit, -(count - 1)), to: periodEnd(last, unit) };
}

/**
 * The buckets cut to end at the period starting `lastStart`, the comparison cut to the same
 * positions (same number of periods from its first), so window totals compare published periods
 * with as many periods, never an unpublished tail counted as 0. Unchanged when nothing is cut.
 */
export function clipBuckets(b: Buckets, lastStart: string): Buckets {
  if (lastStart >= b.last || lastStart < b.first) return b;
  let count = 0;
  for (let d = b.first; d <= lastStart; d = step(d, b.unit, 1)) count += 1;
  const window = { from: b.window.from, to: periodEnd(lastStart, b.unit) };
  if (b.compareFirst === null) return { ...b, last: lastStart, count, window };
  const compareLast = step(b.compareFirst, b.unit, count - 1);
  return { ...b, last: lastStart, count, window, compareLast, compareWindow: { from: b.compareFirst, to: periodEnd(compareLast, b.unit) } };
}
