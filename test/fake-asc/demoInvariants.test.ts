// The demo's data passes an analyst's sanity checks: read from the files the fake actually serves
// (newest vintage per Date), every demo app has a believable funnel, money, uniques, territory mix,
// version adoption and device/OS pairs, installs and deletions that move with downloads, and its
// weeks and months add up to their days.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mintTestJwt } from '../support/testKeys';
import { fakeReportCatalogue } from './catalogueInfo';
import { DAY_MS } from './dates';
import { DEMO_APPS, seedDemo, startFakeAsc, type FakeAsc } from './index';
import { OS_OF_DEVICE } from './model/audience';
import { readServedData, servedKey, sumOf, type Row, type ServedData } from './servedData';

const catalogue = fakeReportCatalogue();
const dateColumn = (name: string) => catalogue.find((r) => r.name === name)?.dateColumn ?? 'Date';
const ADDITIVE = ['Counts', 'Crashes', 'Sessions', 'Total Session Duration', 'Purchases', 'Proceeds in USD', 'Sales in USD'];
const UNIQUES = ['Unique Counts', 'Unique Devices'];
/** A Date is settled (its newest vintage is final and no restatement is pending) this many days before the last one. */
const SETTLE_DAYS = 9;

let fake: FakeAsc;
const served = new Map<string, ServedData>();

beforeAll(async () => {
  fake = await startFakeAsc({ now: new Date('2026-03-20T12:00:00Z'), seed: 1, inactivityDays: Infinity, rateLimitPerHour: 100_000 });
  const credentials = await seedDemo(fake);
  const token = mintTestJwt(credentials, { now: fake.clock.now() });
  for (const app of DEMO_APPS) served.set(app.id, await readServedData(fake, token, app.id, dateColumn));
}, 120_000);
afterAll(async () => {
  await fake?.close();
});

function daily(appId: string, report: string): Map<string, Row[]> {
  return served.get(appId)?.get(servedKey(report, 'DAILY')) ?? new Map();
}

const day = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const iso = (d: number) => new Date(d * DAY_MS).toISOString().slice(0, 10);
const isEvent = (event: string) => (row: Row) => row.Event === event;
const isFirstTime = (row: Row) => row['Download Type'] === 'First-time download';

interface SettledDay {
  date: string;
  weekend: boolean;
  /** First-time downloads and redownloads (App Store Connect's "Total Downloads"). */
  downloads: number;
  restores: number;
  /** Event = Install, every download type; Event = Delete likewise. */
  installs: number;
  deletions: number;
}

/** Days published in both reports and settled (no restatement pending), with what a user compares. */
function settledDays(appId: string): SettledDay[] {
  const downloads = daily(appId, 'App Downloads Standard');
  const installs = daily(appId, 'App Store Installation and Deletion Standard');
  const lastDay = Math.max(...[...installs.keys()].map(day));
  const ofType = (types: string[]) => (row: Row) => types.includes(row['Download Type'] ?? '');
  const days: SettledDay[] = [];
  for (const [date, installRows] of installs) {
    const downloadRows = downloads.get(date);
    if (!downloadRows || day(date) > lastDay - SETTLE_DAYS) continue;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    days.push({
      date,
      weekend: weekday === 0 || weekday === 6,
      downloads: sumOf(downloadRows, 'Counts', ofType(['First-time download', 'Redownload'])),
      restores: sumOf(downloadRows, 'Counts', ofType(['Restore'])),
      installs: sumOf(installRows, 'Counts', isEvent('Install')),
      deletions: sumOf(installRows, 'Counts', isEvent('Delete')),
    });
  }
  return days;
}

function correlation(xs: number[], ys: number[]): number {
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    const y = ys[i] ?? 0;
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

describe.each(DEMO_APPS.map((app) => [app.name, app.id] as const))('demo app %s', (_name, appId) => {
  test('has history, and all its DAILY reports cover the same first and last Date', () => {
    const ranges = new Set<string>();
    for (const [key, dates] of served.get(appId) ?? []) {
      if (!key.endsWith('|DAILY')) continue;
      const sorted = [...dates.keys()].sort();
      ranges.add(`${sorted[0]} … ${sorted.at(-1)}`);
    }
    expect(daily(appId, 'App Downloads Standard').size).toBeGreaterThan(25);
    expect([...ranges]).toHaveLength(1);
  });

  test('funnel per day: impressions ≥ product page views ≥ first-time downloads, conversion 2–8 %', () => {
    const engagement = daily(appId, 'App Store Discovery and Engagement Standard');
    const downloads = daily(appId, 'App Downloads Standard');
    let days = 0;
    for (const [date, rows] of engagement) {
      const downloadRows = downloads.get(date);
      if (!downloadRows) continue;
      const impressions = sumOf(rows, 'Counts', isEvent('Impression'));
      const pageViews = sumOf(rows, 'Counts', isEvent('Page view'));
      const firstTime = sumOf(downloadRows, 'Counts', isFirstTime);
      expect(impressions, date).toBeGreaterThan(pageViews);
      expect(pageViews, date).toBeGreaterThan(firstTime);
      const conversion = firstTime / sumOf(rows, 'Unique Counts', isEvent('Page view'));
      expect(conversion, date).toBeGreaterThanOrEqual(0.02);
      expect(conversion, date).toBeLessThanOrEqual(0.08);
      days++;
    }
    expect(days).toBeGreaterThan(25);
  });

  test('uniques never exceed their counts, per row and per day', () => {
    const pairs: Array<[string, string, string]> = [
      ['App Store Discovery and Engagement Detailed', 'Unique Counts', 'Counts'],
      ['App Crashes', 'Unique Devices', 'Crashes'],
      ['App Store Installation and Deletion Standard', 'Unique Devices', 'Counts'],
      ['App Sessions Standard', 'Unique Devices', 'Sessions'],
      ['App Store Purchases Detailed', 'Paying Users', 'Purchases'],
    ];
    for (const [report, unique, count] of pairs) {
      for (const [key, dates] of served.get(appId) ?? []) {
        if (!key.startsWith(`${report}|`)) continue;
        for (const [date, rows] of dates) {
          for (const row of rows) if (row[unique]) expect(Number(row[unique]), `${key} ${date}`).toBeLessThanOrEqual(Number(row[count]));
          expect(sumOf(rows, unique), `${key} ${date}`).toBeLessThanOrEqual(sumOf(rows, count));
        }
      }
    }
  });

  test('proceeds ≤ sales and paying users ≤ purchases every day, week and month', () => {
    const app = DEMO_APPS.find((a) => a.id === appId);
    let periods = 0;
    for (const [key, dates] of served.get(appId) ?? []) {
      if (!key.startsWith('App Store Purchases')) continue;
      for (const [date, rows] of dates) {
        expect(sumOf(rows, 'Proceeds in USD'), `${key} ${date}`).toBeLessThanOrEqual(sumOf(rows, 'Sales in USD'));
        expect(sumOf(rows, 'Proceeds in USD'), `${key} ${date}`).toBeGreaterThan(0);
        expect(sumOf(rows, 'Paying Users'), `${key} ${date}`).toBeLessThanOrEqual(sumOf(rows, 'Purchases'));
        periods++;
      }
    }
    expect(periods > 0).toBe(app?.commerce !== false);
  });

  test('installs are downloads plus restores on every settled day, not a multiple of downloads', () => {
    const ratios = settledDays(appId).map(({ installs, downloads, restores }) => installs / (downloads + restores));
    expect(ratios.length).toBeGreaterThan(14);
    for (const ratio of ratios) {
      expect(ratio).toBeGreaterThanOrEqual(0.98);
      expect(ratio).toBeLessThanOrEqual(1.05);
    }
  });

  test("installs and deletions follow downloads' weekday pattern", () => {
    const days = settledDays(appId);
    const lift = (pick: (d: SettledDay) => number) => {
      const mean = (list: SettledDay[]) => list.reduce((sum, d) => sum + pick(d), 0) / list.length;
      return mean(days.filter((d) => d.weekend)) / mean(days.filter((d) => !d.weekend));
    };
    const downloads = lift((d) => d.downloads);
    expect(downloads).toBeGreaterThan(1);
    expect(Math.abs(lift((d) => d.installs) - downloads)).toBeLessThan(0.04);
    expect(Math.abs(lift((d) => d.deletions) - downloads)).toBeLessThan(0.08);
    // Day by day too: the busiest and quietest days of downloads are those of installs and deletions.
    expect(correlation(days.map((d) => d.downloads), days.map((d) => d.installs))).toBeGreaterThan(0.95);
    expect(correlation(days.map((d) => d.downloads), days.map((d) => d.deletions))).toBeGreaterThan(0.6);
  });

  test('the US is among the top 3 territories by first-time downloads', () => {
    const byTerritory = new Map<string, number>();
    for (const rows of daily(appId, 'App Downloads Standard').values()) {
      for (const row of rows.filter(isFirstTime)) byTerritory.set(row.Territory ?? '', (byTerritory.get(row.Territory ?? '') ?? 0) + Number(row.Counts));
    }
    const top = [...byTerritory].sort((a, b) => b[1] - a[1]).map(([territory]) => territory);
    expect(top.slice(0, 3)).toContain('US');
    expect(top.length).toBeGreaterThan(12);
  });

  test('versions come and go: a new version ramps up while the old one decays', () => {
    const shares: Array<Map<string, number>> = [];
    for (const [, rows] of [...daily(appId, 'App Sessions Standard')].sort(([a], [b]) => a.localeCompare(b))) {
      const total = sumOf(rows, 'Sessions');
      const byVersion = new Map<string, number>();
      for (const row of rows) byVersion.set(row['App Version'] ?? '', (byVersion.get(row['App Version'] ?? '') ?? 0) + Number(row.Sessions) / total);
      shares.push(byVersion);
    }
    const leaders = new Set(shares.map((s) => [...s].sort((a, b) => b[1] - a[1])[0]?.[0]));
    expect(leaders.size).toBeGreaterThanOrEqual(2);
    const versions = new Set(shares.flatMap((s) => [...s.keys()]));
    const swing = Math.max(...[...versions].map((v) => Math.max(...shares.map((s) => s.get(v) ?? 0)) - Math.min(...shares.map((s) => s.get(v) ?? 0))));
    expect(swing).toBeGreaterThan(0.4);
  });

  test('every device row names a device with its own OS', () => {
    let rows = 0;
    for (const dates of served.get(appId)?.values() ?? []) {
      for (const row of [...dates.values()].flat()) {
        if (row.Device !== undefined) {
          expect(`${row.Device} ${row['Platform Version']}`).toMatch(new RegExp(`^${row.Device} ${OS_OF_DEVICE[row.Device] ?? '?'} \\d+\\.\\d+$`));
          rows++;
        }
        if (row['Original Purchase Device'] !== undefined) expect(Object.keys(OS_OF_DEVICE)).toContain(row['Original Purchase Device']);
      }
    }
    expect(rows).toBeGreaterThan(1000);
  });

  test('weeks and months add up to their settled days; their uniques lie between the max and the sum of the days', () => {
    const all = served.get(appId) ?? new Map<string, Map<string, Row[]>>();
    let compared = 0;
    for (const [key, periods] of all) {
      const [report = '', granularity] = key.split('|');
      if (granularity === 'DAILY') continue;
      const days = all.get(servedKey(report, 'DAILY')) ?? new Map<string, Row[]>();
      const lastDay = Math.max(...[...days.keys()].map(day));
      for (const [start, rows] of periods) {
        const first = day(start);
        const end = granularity === 'WEEKLY' ? first + 6 : day(`${iso(first + 31).slice(0, 7)}-01`) - 1;
        const covered = Array.from({ length: end - first + 1 }, (_, i) => days.get(iso(first + i)));
        if (covered.some((d) => d === undefined) || end > lastDay - SETTLE_DAYS) continue;
        const dayRows = covered as Row[][];
        for (const metric of ADDITIVE.filter((m) => rows[0]?.[m] !== undefined)) {
          expect(sumOf(rows, metric), `${key} ${start} ${metric}`).toBe(dayRows.reduce((sum, d) => sum + sumOf(d, metric), 0));
        }
        for (const unique of UNIQUES.filter((m) => rows[0]?.[m] !== undefined)) {
          const perDay = dayRows.map((d) => sumOf(d, unique));
          expect(sumOf(rows, unique), `${key} ${start} ${unique}`).toBeLessThanOrEqual(perDay.reduce((a, b) => a + b, 0));
          expect(sumOf(rows, unique), `${key} ${start} ${unique}`).toBeGreaterThanOrEqual(Math.max(...perDay));
        }
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(3);
  });
});
