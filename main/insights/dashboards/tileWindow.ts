// Where a tile's range lies against the data every chosen app has published (coverage.ts's rule):
// "last N" ranges end at the newest common period, periods outside the data are gaps, window
// totals count published periods only (the comparison cut to the same positions), and a change is
// offered only when both windows are fully covered.
import type { DashboardControls } from '../../../shared/dashboards';
import type { DateWindow } from '../../../shared/insights';
import { comparisonGap, commonNewest, firstData, lagNotes, shortDay, type AppSpan } from '../coverage';
import type { Lookups } from './lookups';
import { UNIT_OF, anchorRange, bucketsFor, clipBuckets, lastFullPeriodStart, periodEnd, periodStart, type Buckets } from './periods';

export interface TileWindow {
  buckets: Buckets;
  /** Every chosen app's span in each report the tile reads. */
  spans: AppSpan[];
  /** Bucket starts with data (see SqlContext.dataSpan). */
  dataSpan: { first: string; last: string } | null;
  dataUpTo: string | null;
  compareNote: string | null;
  notes: string[];
  /** True when the range holds no published period at all: the tile says so rather than showing zeros. */
  outside: boolean;
  /** True when the comparison window holds no published period: no previous values at all. */
  compareOutside: boolean;
}

/**
 * The range a tile or a pinned query covers. With `endAtData` ("the last N periods") the controls'
 * number of periods, moved to end with the newest period every chosen app has published in full
 * (`dataUpTo` is the last day of that data); otherwise, or with no data, the dates as given.
 */
export function rangeAtData(controls: DashboardControls, dataUpTo: string | null): DateWindow {
  if (controls.endAtData !== true || dataUpTo === null) return { from: controls.from, to: controls.to };
  const g = controls.granularity;
  return anchorRange(controls.from, controls.to, g, lastFullPeriodStart(dataUpTo, UNIT_OF[g]));
}

export function tileWindow(controls: DashboardControls, tables: readonly string[], meta: Lookups, windowTotal: boolean): TileWindow {
  const g = controls.granularity;
  const spans = tables.flatMap((t) => meta.freshness.get(t)?.apps ?? []);
  const complete = tables.every((t) => (meta.freshness.get(t)?.apps.length ?? 0) > 0);
  const unit = UNIT_OF[g];
  const endOf = (start: string) => periodEnd(start, unit);
  const newestStart = complete ? commonNewest(spans) : null;
  const oldestStart = firstData(spans);
  const dataUpTo = newestStart === null ? null : endOf(newestStart);
  const range = rangeAtData(controls, dataUpTo);
  let buckets = bucketsFor(range.from, range.to, g, controls.compare);
  const notes = lagNotes(spans, endOf);
  if (newestStart === null || oldestStart === null) {
    return { buckets, spans, dataSpan: null, dataUpTo, compareNote: null, notes, outside: false, compareOutside: false };
  }
  const dataSpan = { first: periodStart(oldestStart, unit), last: periodStart(newestStart, unit) };
  const outside = buckets.first > dataSpan.last || buckets.last < dataSpan.first;
  if (outside) {
    notes.push(`No data in this range: the chosen apps have data from ${shortDay(oldestStart)} to ${shortDay(endOf(newestStart))}.`);
    return { buckets, spans, dataSpan, dataUpTo, compareNote: null, notes, outside, compareOutside: false };
  }
  if (windowTotal && buckets.last > dataSpan.last) {
    const asked = buckets.window.to;
    buckets = clipBuckets(buckets, dataSpan.last);
    notes.push(`Partial range: totals cover ${shortDay(buckets.window.from)} to ${shortDay(buckets.window.to)}, the periods every chosen app has published (the range runs to ${shortDay(asked)})`
      + `${buckets.compareWindow === null ? '' : '; the comparison covers as many periods'}.`);
  }
  const compareNote = buckets.compareWindow === null ? null : comparisonGap(buckets.window, buckets.compareWindow, spans, endOf);
  const compareOutside = buckets.compareFirst !== null && buckets.compareLast !== null
    && (buckets.compareLast < dataSpan.first || buckets.compareFirst > dataSpan.last);
  return { buckets, spans, dataSpan, dataUpTo, compareNote, notes, outside, compareOutside };
}
