// Hand-written expectations for the dashboard tests: sums over the views with plain SQL, and the
// periods of a range computed here (not with the service's code), so a tile is checked against an
// independent reading of the same warehouse.
import type { SyncHarness } from '../sync/syncHarness';
import { APP_ID } from './dashboardHarness';

export const app = `app_apple_identifier = ${APP_ID}`;

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Every day, Monday or 1st from the period holding `from` to the one holding `to`. */
export function periods(from: string, to: string, unit: 'day' | 'week' | 'month'): string[] {
  const out: string[] = [];
  let d = from;
  if (unit === 'week') while (new Date(`${d}T00:00:00Z`).getUTCDay() !== 1) d = addDays(d, -1);
  if (unit === 'month') d = `${from.slice(0, 7)}-01`;
  while (d <= to) {
    out.push(d);
    if (unit === 'day') d = addDays(d, 1);
    else if (unit === 'week') d = addDays(d, 7);
    else {
      const [y, m] = d.split('-').map(Number) as [number, number];
      d = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    }
  }
  return out;
}

/** SUM(column) per date of a view, as numbers. */
export async function sumsByDate(h: SyncHarness, view: string, column: string, predicate: string, from: string, to: string): Promise<Map<string, number>> {
  const rows = await h.sql(`SELECT CAST(date AS VARCHAR) AS d, SUM(${column}) AS v FROM ${view}
    WHERE ${app} AND (${predicate}) AND date BETWEEN DATE '${from}' AND DATE '${to}' GROUP BY 1`);
  return new Map(rows.map((r) => [String(r.d), Number(r.v)]));
}

export async function sumOf(h: SyncHarness, view: string, column: string, predicate: string, from: string, to: string): Promise<number> {
  const rows = await h.sql(`SELECT COALESCE(SUM(${column}), 0) AS v FROM ${view}
    WHERE ${app} AND (${predicate}) AND date BETWEEN DATE '${from}' AND DATE '${to}'`);
  return Number(rows[0]?.v);
}

/** SUM(column) per label over a window, largest first. */
export async function sumsByLabel(h: SyncHarness, view: string, column: string, by: string, predicate: string, from: string, to: string): Promise<[string, number][]> {
  const rows = await h.sql(`SELECT ${by} AS label, SUM(${column}) AS v FROM ${view}
    WHERE ${app} AND (${predicate}) AND date BETWEEN DATE '${from}' AND DATE '${to}' GROUP BY 1 ORDER BY 2 DESC, 1`);
  return rows.map((r) => [String(r.label), Number(r.v)]);
}

/** The first and last period with rows of a view for the app (periods outside are gaps, not zeros). */
export async function spanOf(h: SyncHarness, view: string, appPredicate = app): Promise<{ first: string; last: string }> {
  const rows = await h.sql(`SELECT CAST(min(date) AS VARCHAR) AS f, CAST(max(date) AS VARCHAR) AS l FROM ${view} WHERE ${appPredicate}`);
  return { first: String(rows[0]?.f), last: String(rows[0]?.l) };
}

/** `value` for a period inside the span, null (a gap) outside it. */
export function orGap<T>(span: { first: string; last: string }, period: string, value: T): T | null {
  return period < span.first || period > span.last ? null : value;
}
