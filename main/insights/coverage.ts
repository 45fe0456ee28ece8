// Which periods every selected app has published, and whether two windows compare like-for-like:
// the one rule behind "last N days" (it ends where every app has data), "a change only between
// fully covered windows" and "gaps, not zeros" — shared by the Overview and every dashboard tile.
import type { DateWindow } from '../../shared/insights';

/** One app's data in one report: its oldest and newest period (start dates, `YYYY-MM-DD`). */
export interface AppSpan {
  appId: string;
  /** The app's name from orchard.apps; null when it holds no row (names are stored when the app lists the apps, not by a sync). */
  name: string | null;
  oldest: string;
  newest: string;
}

/** Turns a period start into the period's last day (a day is its own end). */
export type PeriodEndOf = (start: string) => string;
const sameDay: PeriodEndOf = (d) => d;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Nov 3` (UTC), as the notes say it. */
export function shortDay(iso: string): string {
  const [, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${MONTHS[m - 1] ?? '?'} ${d}`;
}

/** The app's name, or "App 123" / "app 123" (mid-sentence) when orchard.apps has no name for it: never a bare number. */
const nameOf = (s: AppSpan, midSentence = false) => (s.name !== null && s.name.trim() !== '' ? s.name : `${midSentence ? 'app' : 'App'} ${s.appId}`);
const minOf = (days: string[]) => days.reduce((a, b) => (a < b ? a : b));
const maxOf = (days: string[]) => days.reduce((a, b) => (a > b ? a : b));

/** The last day every app has published in every report given (spans of several reports may be mixed); null without data. */
export function commonNewest(spans: readonly AppSpan[], endOf: PeriodEndOf = sameDay): string | null {
  return spans.length === 0 ? null : endOf(minOf(spans.map((s) => s.newest)));
}

/** The first period any app has data for: earlier periods are gaps, not zeros. */
export function firstData(spans: readonly AppSpan[]): string | null {
  return spans.length === 0 ? null : minOf(spans.map((s) => s.oldest));
}

/** Per app, its newest period over the reports given (the lowest: what it has published in all of them). */
function newestPerApp(spans: readonly AppSpan[]): Map<string, AppSpan> {
  const per = new Map<string, AppSpan>();
  for (const s of spans) {
    const seen = per.get(s.appId);
    if (seen === undefined || s.newest < seen.newest) per.set(s.appId, s);
  }
  return per;
}

/**
 * With several apps whose data end on different days, the apps that hold the window back:
 * ["Trail Notes: data up to Dec 4 (the other apps reach Dec 5)"]. Empty when every app is level.
 */
export function lagNotes(spans: readonly AppSpan[], endOf: PeriodEndOf = sameDay): string[] {
  const per = [...newestPerApp(spans).values()];
  if (per.length < 2) return [];
  const ends = per.map((s) => endOf(s.newest));
  const low = minOf(ends);
  const high = maxOf(ends);
  if (low === high) return [];
  return per.filter((s) => endOf(s.newest) === low)
    .map((s) => `${nameOf(s)}: data up to ${shortDay(low)} (other apps reach ${shortDay(high)}), so the range ends there.`);
}

/**
 * Why `current` and `previous` do not compare like-for-like, or null when they do: both windows
 * must lie inside the data of every app (and report) that has any — an app whose data starts
 * inside the previous window, or ends before the current window does, makes a change misleading.
 */
export function comparisonGap(current: DateWindow, previous: DateWindow, spans: readonly AppSpan[], endOf: PeriodEndOf = sameDay): string | null {
  if (spans.length === 0) return null;
  const several = new Set(spans.map((s) => s.appId)).size > 1;
  const who = (s: AppSpan) => (several ? ` for ${nameOf(s, true)}` : '');
  const earliest = minOf([current.from, previous.from]);
  const late = spans.filter((s) => s.oldest > earliest);
  if (late.length > 0) {
    const s = late.reduce((a, b) => (a.oldest > b.oldest ? a : b));
    const side = previous.from <= current.from ? 'previous' : 'current';
    return `No change shown: ${side} window (from ${shortDay(earliest)}): data starts ${shortDay(s.oldest)}${who(s)}.`;
  }
  const latest = maxOf([current.to, previous.to]);
  const short = spans.filter((s) => endOf(s.newest) < latest);
  if (short.length > 0) {
    const s = short.reduce((a, b) => (a.newest < b.newest ? a : b));
    const side = current.to >= previous.to ? 'current' : 'previous';
    return `No change shown: ${side} window (to ${shortDay(latest)}): data up to ${shortDay(endOf(s.newest))}${who(s)}.`;
  }
  return null;
}
