// A sales sync's progress is one bar over every kind kept: it never restarts when the next kind
// begins, counts the dates past Apple's retention ("gone") like any other answer, and ends full
// even when a kind Apple refuses leaves its dates unasked.
import { afterEach, describe, expect, it } from 'vitest';
import type { SalesSyncProgress } from '../../../main/sales/salesSync';
import type { SalesReportKind } from '../../../shared/sales';
import { DAILY_SALES, startSalesHarness, type SalesHarness } from './salesHarness';

let h: SalesHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const WEEKLY: SalesReportKind = { reportType: 'SALES', reportSubType: 'SUMMARY', frequency: 'WEEKLY' };
const SUBSCRIPTION: SalesReportKind = { reportType: 'SUBSCRIPTION', reportSubType: 'SUMMARY', frequency: 'DAILY' };
const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

function expectOneBar(events: readonly SalesSyncProgress[]) {
  // The one bar only moves forward (answers arrive a few at a time, so two events may share a
  // count); it never goes back when a kind begins.
  events.forEach((e, i) => {
    expect(e.overall.done).toBeGreaterThanOrEqual(events[i - 1]?.overall.done ?? 1);
    expect(sum(e.overall.outcomes)).toBe(e.overall.done);
    expect(e.overall.done).toBeLessThanOrEqual(e.overall.total);
  });
  const last = events.at(-1)!;
  expect(last.overall.done).toBe(last.overall.total);
  // The whole run's counts are the kinds' counts added up.
  const lastOfKind = new Map(events.map((e) => [e.kind, e]));
  const added = [...lastOfKind.values()].reduce((acc, e) => Object.fromEntries(Object.entries(e.outcomes).map(([k, n]) => [k, (acc[k] ?? 0) + n])), {} as Record<string, number>);
  expect(last.overall.outcomes).toEqual(added);
  expect(last.overall.total).toBe([...lastOfKind.values()].reduce((n, e) => n + e.done, 0));
}

describe('sales sync progress', () => {
  it('one bar over daily and weekly sales, past-retention dates counted', { timeout: 120_000 }, async () => {
    h = await startSalesHarness();
    const events: SalesSyncProgress[] = [];
    // 54 weeks back: the oldest weeks are past Apple's one-year retention (410, "gone").
    const summary = await h.sync([DAILY_SALES, WEEKLY], { days: 12, weeks: 54 }, (p) => events.push(p));
    expect(summary.errors).toEqual([]);
    expectOneBar(events);
    const last = events.at(-1)!;
    expect(last.overall.outcomes.gone).toBeGreaterThan(0);
    expect(last.overall.outcomes).toEqual(summary.outcomes);
    expect(new Set(events.map((e) => e.kind))).toEqual(new Set(['SALES/SUMMARY/DAILY', 'SALES/SUMMARY/WEEKLY']));
    // Planned at the start: the total was the whole run's from the first event on.
    expect(events[0]!.overall.total).toBe(last.overall.total);
    expect(last.overall.total).toBe(12 + 54);
  });

  it('a kind Apple refuses leaves the plan, so the bar still ends full', { timeout: 120_000 }, async () => {
    h = await startSalesHarness();
    h.fake.sales.kindFaults.set('SUBSCRIPTION', 'forbidden');
    const events: SalesSyncProgress[] = [];
    const summary = await h.sync([SUBSCRIPTION, DAILY_SALES], { days: 20 }, (p) => events.push(p));
    expect(summary.errors.map((e) => e.kind)).toEqual(['SUBSCRIPTION/SUMMARY/DAILY']);
    expectOneBar(events);
    expect(events[0]!.overall.total).toBe(40);
    expect(events.at(-1)!.overall.total).toBeLessThan(40);
  });
});
