// Every report kind is independent: a vendor with no subscription events (every day "no sales")
// syncs cleanly again and again, a kind Apple refuses (403, a 404 text nobody has seen) or a damaged
// file is named while the other kinds and Finance still load, and a re-sync asks only recent dates.
import { afterEach, describe, expect, it } from 'vitest';
import { DAILY_KINDS, DAILY_SALES, startSalesHarness, warehouseTotals, type SalesHarness } from './salesHarness';

let h: SalesHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const salesCalls = (harness: SalesHarness) => harness.fake.stats().callsByPath['GET /v1/salesReports'] ?? 0;
const financeCalls = (harness: SalesHarness) => harness.fake.stats().callsByPath['GET /v1/financeReports'] ?? 0;
const outcomesOf = async (harness: SalesHarness, reportType: string) =>
  Object.fromEntries((await harness.sql(`SELECT outcome, count(*) AS n FROM orchard.sales_dates WHERE report_type = '${reportType}' GROUP BY 1`)).map((r) => [r.outcome, Number(r.n)]));

describe('every kind independent', () => {
  it('a vendor without subscriptions: subscription kinds are all "no sales", Finance loads, re-syncs succeed and ask only recent dates', { timeout: 180_000 }, async () => {
    h = await startSalesHarness();
    h.fake.sales.sellsSubscriptions = false;
    const first = await h.money({ days: 10 });
    expect(first.errors).toEqual([]);
    expect(first.outcome).toBe('succeeded');
    // 9 published days per kind (yesterday is not yet): the four subscription kinds have no file at all.
    for (const type of ['SUBSCRIPTION', 'SUBSCRIPTION_EVENT', 'SUBSCRIBER', 'SUBSCRIPTION_OFFER_CODE_REDEMPTION']) {
      expect(await outcomesOf(h, type)).toEqual({ 'no-sales': 9, 'not-yet': 1 });
    }
    expect(await outcomesOf(h, 'SALES')).toEqual({ 'loaded': 9, 'not-yet': 1 });
    expect(Number((await h.sql(`SELECT count(*) AS n FROM orchard.sales_dates WHERE report_type = 'FINANCIAL' AND outcome = 'loaded'`))[0]?.n)).toBeGreaterThan(0);
    expect(await warehouseTotals(h, '2025-02-22', '2025-03-01')).toEqual(h.fake.sales.truth('2025-02-22', '2025-03-01'));

    h.fake.resetStats();
    const again = await h.money({ days: 10 });
    expect(again.outcome).toBe('succeeded');
    // Per daily kind: the three most recent days again (late or re-issued files), nothing older.
    expect(salesCalls(h)).toBe(DAILY_KINDS.length * 3);
    const notYetMonths = (await h.sql(`SELECT count(*) AS n FROM orchard.sales_dates WHERE report_type = 'FINANCIAL' AND outcome = 'not-yet'`))[0]?.n;
    expect(financeCalls(h)).toBe(Number(notYetMonths));
    expect(again.loadedFiles).toBe(0);
  });

  it('a refused kind, a strange 404 and a damaged file are each named; the other kinds and Finance still load', { timeout: 180_000 }, async () => {
    h = await startSalesHarness();
    h.fake.sales.kindFaults.set('SUBSCRIBER', 'forbidden');
    h.fake.sales.kindFaults.set('SUBSCRIPTION_EVENT', 'strange-404');
    h.fake.sales.formats.set('2025-02-27', { junkUnits: true });
    const result = await h.money({ days: 6 });
    expect(result.outcome).toBe('partial');
    const named = result.errors.map((e) => e.what);
    expect(named).toContain('SALES/SUMMARY/DAILY 2025-02-27');
    expect(named.filter((w) => w.startsWith('SUBSCRIBER/'))).toHaveLength(1);
    expect(result.errors.find((e) => e.what.startsWith('SUBSCRIBER/'))?.message).toMatch(/agreement|forbidden|role/i);
    expect(result.errors.filter((e) => e.what.startsWith('SUBSCRIPTION_EVENT/')).every((e) => /does not know/.test(e.message))).toBe(true);
    expect(named.filter((w) => w.startsWith('SUBSCRIPTION_EVENT/')).length).toBeGreaterThan(0);
    // The refused kind was asked once, not once per date; the others loaded in full.
    expect(await outcomesOf(h, 'SUBSCRIBER')).toEqual({ error: 1 });
    expect(await outcomesOf(h, 'SUBSCRIPTION')).toEqual({ 'loaded': 5, 'not-yet': 1 });
    expect(await outcomesOf(h, 'SALES')).toEqual({ 'loaded': 4, 'error': 1, 'not-yet': 1 });
    expect(await warehouseTotals(h, '2025-02-28', '2025-03-01')).toEqual(h.fake.sales.truth('2025-02-28', '2025-03-01'));
    expect(Number((await h.sql(`SELECT count(*) AS n FROM orchard.sales_dates WHERE report_type = 'FINANCIAL' AND outcome = 'loaded'`))[0]?.n)).toBeGreaterThan(0);
  });

  it('a key without the Finance role still syncs Sales; Finance is named as the failure', { timeout: 120_000 }, async () => {
    h = await startSalesHarness({ role: 'SALES_AND_REPORTS' });
    const result = await h.money({ kinds: [DAILY_SALES], days: 4 });
    expect(result.outcome).toBe('partial');
    expect(result.errors).toEqual([{ what: 'FINANCE', message: expect.stringMatching(/Finance or Admin role/) }]);
    expect(result.outcomes.loaded).toBe(3);
  });
});
