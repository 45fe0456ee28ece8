// Which report dates exist for a frequency (Apple's labels and the period each covers), counted in
// Pacific time, where Apple's days run (fact sheet §1.5), and which of them a sync should fetch.

import type { SalesDateOutcome, SalesFrequency } from '../../shared/sales';

const DAY_MS = 86_400_000;
/** Pacific Standard Time; a day late in PDT only shifts availability by an hour. */
const PACIFIC_OFFSET_MS = 8 * 3_600_000;

export interface ReportDate {
  /** What Apple takes in `filter[reportDate]`: YYYY-MM-DD, YYYY-MM or YYYY. */
  reportDate: string;
  /** First day of the period (YYYY-MM-DD), the key rows are stored under. */
  periodStart: string;
}

export interface BackfillWindow {
  /** Daily reports Apple still serves: about a year. */
  days: number;
  weeks: number;
  months: number;
  years: number;
}

export const DEFAULT_WINDOW: BackfillWindow = { days: 365, weeks: 52, months: 12, years: 3 };
/** Recent periods fetched again on every sync: Apple publishes late and re-issues files. */
export const REFETCH_RECENT = { DAILY: 3, WEEKLY: 1, MONTHLY: 1, YEARLY: 1 } as const;

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Today's date in Pacific time, as a UTC-midnight timestamp. */
export function pacificToday(now: Date): number {
  return Math.floor((now.getTime() - PACIFIC_OFFSET_MS) / DAY_MS) * DAY_MS;
}

/** Completed periods, newest first, within the window. */
export function reportDates(frequency: SalesFrequency, now: Date, window: BackfillWindow = DEFAULT_WINDOW): ReportDate[] {
  const today = pacificToday(now);
  const out: ReportDate[] = [];
  if (frequency === 'DAILY') {
    for (let i = 1; i <= window.days; i++) {
      const day = iso(today - i * DAY_MS);
      out.push({ reportDate: day, periodStart: day });
    }
  } else if (frequency === 'WEEKLY') {
    const weekday = new Date(today).getUTCDay();
    // The last Sunday strictly before today ends the newest complete week.
    let sunday = today - (weekday === 0 ? 7 : weekday) * DAY_MS;
    for (let i = 0; i < window.weeks; i++, sunday -= 7 * DAY_MS) {
      out.push({ reportDate: iso(sunday), periodStart: iso(sunday - 6 * DAY_MS) });
    }
  } else if (frequency === 'MONTHLY') {
    const d = new Date(today);
    for (let i = 1; i <= window.months; i++) {
      const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - i, 1));
      out.push({ reportDate: iso(first.getTime()).slice(0, 7), periodStart: iso(first.getTime()) });
    }
  } else {
    const year = new Date(today).getUTCFullYear();
    for (let i = 1; i <= window.years; i++) out.push({ reportDate: String(year - i), periodStart: `${year - i}-01-01` });
  }
  return out;
}

/** The first day of the period Apple's report date names (the inverse of reportDates), or undefined for a malformed one. */
export function periodStartOf(frequency: SalesFrequency, reportDate: string): string | undefined {
  const shapes = { DAILY: /^\d{4}-\d{2}-\d{2}$/, WEEKLY: /^\d{4}-\d{2}-\d{2}$/, MONTHLY: /^\d{4}-\d{2}$/, YEARLY: /^\d{4}$/ };
  if (!shapes[frequency].test(reportDate)) return undefined;
  if (frequency === 'MONTHLY') return `${reportDate}-01`;
  if (frequency === 'YEARLY') return `${reportDate}-01-01`;
  const day = Date.parse(`${reportDate}T00:00:00Z`);
  if (Number.isNaN(day)) return undefined;
  // A week is named by the Sunday that ends it.
  return frequency === 'WEEKLY' ? iso(day - 6 * DAY_MS) : reportDate;
}

/** Settled outcomes are not asked again, except the most recent periods (late and re-issued files). */
export function datesToFetch(
  frequency: SalesFrequency,
  candidates: readonly ReportDate[],
  known: ReadonlyMap<string, SalesDateOutcome>,
): ReportDate[] {
  return candidates.filter((date, index) => {
    const outcome = known.get(date.reportDate);
    if (outcome === undefined || outcome === 'not-yet' || outcome === 'error') return true;
    if (outcome === 'gone') return false;
    return index < REFETCH_RECENT[frequency];
  });
}
