// Sales and Trends against the fake: a year's backfill equal to the fake's truth per currency,
// version drift recovered, a not-yet day retried and later filled, a no-sales day recorded as a
// real zero, and a re-issued day replacing its rows (old file kept).
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DAILY_SALES, startSalesHarness, warehouseTotals, type SalesHarness } from './salesHarness';

let h: SalesHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const outcomeOf = async (harness: SalesHarness, date: string) =>
  (await harness.sql(`SELECT outcome, row_count FROM orchard.sales_dates WHERE frequency = 'DAILY' AND report_date = '${date}'`))[0];

describe('Sales and Trends sync', () => {
  it('backfills a year of daily sales with totals per currency equal to the truth', { timeout: 120_000 }, async () => {
    h = await startSalesHarness();
    h.fake.sales.noSalesDays.add('2025-01-15');
    const summary = await h.sync();
    expect(summary.errors).toEqual([]);
    // 2025-03-02 (yesterday in Pacific time) is published at ~15:00 UTC on 03-03: not yet.
    expect(summary.outcomes).toEqual({ 'loaded': 363, 'no-sales': 1, 'not-yet': 1, 'gone': 0, 'error': 0 });
    expect(await outcomeOf(h, '2025-03-02')).toEqual({ outcome: 'not-yet', row_count: null });
    expect(await outcomeOf(h, '2025-01-15')).toEqual({ outcome: 'no-sales', row_count: '0' });
    const truth = h.fake.sales.truth('2024-03-03', '2025-03-01');
    expect(await warehouseTotals(h, '2024-03-03', '2025-03-01')).toEqual(truth);
    // Several currencies, never summed together; refunds make some extended proceeds negative.
    expect(new Set(truth.map((t) => t.currency)).size).toBeGreaterThan(5);
    // The last 10 days end at the newest published day (03-01), not at the calendar's yesterday.
    const totals = await h.warehouse.sales.totals(h.fake.sales.vendorNumber, { days: 10, today: '2025-03-03' });
    expect(totals.notYetDays).toEqual(['2025-03-02']);
    expect(totals).toMatchObject({ dataUpTo: '2025-03-01', from: '2025-02-20', to: '2025-03-01', missingDays: [] });
    const usd = h.fake.sales.truth('2025-02-20', '2025-03-01').filter((t) => t.currency === 'USD').reduce((n, t) => n + t.proceedsMinor, 0);
    expect(Math.round(Number(totals.currencies.find((c) => c.currency === 'USD')?.proceeds) * 100)).toBe(usd);
    const refunds = await h.sql(`SELECT count(*) AS n FROM sales.sales_lines WHERE units < 0 AND extended_proceeds < 0`);
    expect(Number(refunds[0]?.n)).toBeGreaterThan(0);
  });

  it('retries a not-yet day on the next sync and fills it; settled days are not asked again', { timeout: 120_000 }, async () => {
    h = await startSalesHarness();
    await h.sync([DAILY_SALES], { days: 10 });
    h.fake.clock.advanceDays(1);
    const before = h.fake.sales.downloads.get('SALES/DAILY/2025-02-25') ?? 0;
    const second = await h.sync([DAILY_SALES], { days: 10 });
    expect(await outcomeOf(h, '2025-03-02')).toMatchObject({ outcome: 'loaded' });
    // The three most recent days are fetched again (late or re-issued files); older ones are not.
    expect(h.fake.sales.downloads.get('SALES/DAILY/2025-02-25') ?? 0).toBe(before);
    expect(second.outcomes['not-yet']).toBe(1);
    expect(await warehouseTotals(h, '2025-02-22', '2025-03-02')).toEqual(h.fake.sales.truth('2025-02-22', '2025-03-02'));
  });

  it('a damaged file fails only its own date; the rest of the batch loads', { timeout: 120_000 }, async () => {
    h = await startSalesHarness();
    h.fake.sales.formats.set('2025-02-27', { junkUnits: true });
    const summary = await h.sync([DAILY_SALES], { days: 6 });
    expect(summary.errors.map((e) => e.reportDate)).toEqual(['2025-02-27']);
    expect(summary.errors[0]?.message).toMatch(/could not be loaded/);
    expect(summary.outcomes).toMatchObject({ loaded: 4, error: 1, 'not-yet': 1 });
    expect(await outcomeOf(h, '2025-02-27')).toMatchObject({ outcome: 'error' });
    expect(await warehouseTotals(h, '2025-02-28', '2025-03-01')).toEqual(h.fake.sales.truth('2025-02-28', '2025-03-01'));
    expect(await h.sql(`SELECT count(*) AS n FROM sales.daily WHERE date = DATE '2025-02-27'`)).toEqual([{ n: '0' }]);
  });

  it('learns the version Apple asks for and retries once with it', { timeout: 120_000 }, async () => {
    h = await startSalesHarness();
    h.fake.sales.versions.set('SALES', ['1_1']);
    const summary = await h.sync([DAILY_SALES], { days: 5 });
    expect(summary.errors).toEqual([]);
    expect(h.learned).toEqual({ SALES: '1_1' });
    const versions = await h.sql(`SELECT DISTINCT version FROM orchard.sales_dates WHERE outcome = 'loaded'`);
    expect(versions).toEqual([{ version: '1_1' }]);
  });

  it('replaces the rows of a re-issued day in one go and keeps the old file', { timeout: 120_000 }, async () => {
    h = await startSalesHarness();
    await h.sync([DAILY_SALES], { days: 5 });
    const oldTruth = h.fake.sales.truth('2025-03-01', '2025-03-01');
    h.fake.sales.reissue('2025-03-01');
    const newTruth = h.fake.sales.truth('2025-03-01', '2025-03-01');
    expect(newTruth).not.toEqual(oldTruth);
    await h.sync([DAILY_SALES], { days: 5 });
    expect(await warehouseTotals(h, '2025-03-01', '2025-03-01')).toEqual(newTruth);
    // The day has one file, the new one; no row is left pointing at the old one.
    expect(await h.sql(`SELECT f.file_checksum = d.file_checksum AS same, f.row_count = d.row_count AS counted FROM sales.files AS f
      JOIN orchard.sales_dates AS d ON d.report_date = strftime(f.report_date, '%Y-%m-%d') AND d.frequency = f.frequency AND d.report_type = f.report_type
      WHERE f.report_date = DATE '2025-03-01' AND f.frequency = 'DAILY'`)).toEqual([{ same: true, counted: true }]);
    expect(await h.sql('SELECT count(*) AS n FROM sales.sales_summary WHERE _file_id NOT IN (SELECT file_id FROM sales.files)')).toEqual([{ n: '0' }]);
    const folder = path.join(h.dataDir, 'sales', h.fake.sales.vendorNumber, 'SALES_SUMMARY_DAILY');
    expect((await readdir(folder)).filter((f) => f.startsWith('2025-03-01_'))).toHaveLength(2);
  });

  it('loads weekly and monthly files into their own views, each equal to the sum of its days', { timeout: 120_000 }, async () => {
    h = await startSalesHarness();
    const weekly = { ...DAILY_SALES, frequency: 'WEEKLY' as const };
    const monthly = { ...DAILY_SALES, frequency: 'MONTHLY' as const };
    const summary = await h.sync([weekly, monthly]);
    expect(summary.errors).toEqual([]);
    const week = await h.sql(`SELECT CAST(sum(units) AS VARCHAR) AS u FROM sales.weekly WHERE date = DATE '2025-02-24'`);
    const truthWeek = h.fake.sales.truth('2025-02-24', '2025-03-02').reduce((n, t) => n + t.units, 0);
    // The week ending 2025-03-02 is not published until Monday 03-03 15:00 UTC: the newest is 02-23.
    expect(week[0]?.u).toBeNull();
    const lastWeek = await h.sql(`SELECT CAST(sum(units) AS VARCHAR) AS u FROM sales.weekly WHERE date = DATE '2025-02-17'`);
    expect(Number(lastWeek[0]?.u)).toBe(h.fake.sales.truth('2025-02-17', '2025-02-23').reduce((n, t) => n + t.units, 0));
    expect(truthWeek).toBeGreaterThan(0);
    // February is published 5 days after it ends (not yet on 03-03); January is there.
    expect(await h.sql(`SELECT count(*) AS n FROM sales.monthly WHERE date = DATE '2025-02-01'`)).toEqual([{ n: '0' }]);
    const jan = await h.sql(`SELECT CAST(sum(units) AS VARCHAR) AS u FROM sales.monthly WHERE date = DATE '2025-01-01'`);
    expect(Number(jan[0]?.u)).toBe(h.fake.sales.truth('2025-01-01', '2025-01-31').reduce((n, t) => n + t.units, 0));
  });
});

describe('Subscription reports', () => {
  it('loads growing count columns by name and keeps a column Orchard does not know', { timeout: 120_000 }, async () => {
    h = await startSalesHarness();
    h.fake.sales.subscriptionColumnsGrowFrom = '2025-02-27';
    const summary = await h.sync([{ reportType: 'SUBSCRIPTION', reportSubType: 'SUMMARY', frequency: 'DAILY' }], { days: 6 });
    expect(summary.errors).toEqual([]);
    expect(summary.outcomes.loaded).toBe(5);
    const columns = await h.sql(`SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = 'sales' AND table_name = 'subscription_summary'
      AND column_name IN ('active_standard_price_subscriptions', 'free_trial_win_back_offers', 'subscription_health_flag') ORDER BY 1`);
    expect(columns).toEqual([
      { column_name: 'active_standard_price_subscriptions', data_type: 'BIGINT' },
      { column_name: 'free_trial_win_back_offers', data_type: 'BIGINT' },
      { column_name: 'subscription_health_flag', data_type: 'VARCHAR' },
    ]);
    const byDay = await h.sql(`SELECT strftime(f.report_date, '%Y-%m-%d') AS d, count(free_trial_win_back_offers) AS grown, count(*) AS n
      FROM sales.subscription_summary JOIN sales.files AS f ON f.file_id = _file_id GROUP BY 1 ORDER BY 1`);
    expect(byDay.map((r) => [r.d, Number(r.grown) > 0])).toEqual([
      ['2025-02-25', false], ['2025-02-26', false], ['2025-02-27', true], ['2025-02-28', true], ['2025-03-01', true],
    ]);
  });
});
