// "Last 30 days" on the Sales page ends at the newest day Apple has published, not at the
// calendar's yesterday: randomized vendors (test/fake-asc/sales/vendorProfiles.ts) synced, then
// left unsynced for days, one day failing inside the window. Totals for all apps and for each app
// equal the fake's truth over the 30 published days ending at dataUpTo, the days after it and the
// failed one are named as gaps, and with nothing published there is no window and no zero.
import { afterEach, describe, expect, it } from 'vitest';
import { hashOf, unitOf } from '../../fake-asc/hash';
import type { SalesRow } from '../../fake-asc/sales/salesRows';
import type { ProfileName } from '../../fake-asc/sales/vendorProfiles';
import { startProfile, type ProfileRun } from './profileHarness';

const SWEEP = process.env.ORCHARD_SALES_SWEEP === '1';
const SEEDS = SWEEP ? [11, 23, 37, 41] : [17];
const PROFILES: ProfileName[] = SWEEP ? ['iap-only', 'no-subscriptions', 'jpy-only', 'new-account', 'never-sells', 'one-territory'] : ['iap-only', 'new-account'];
const DAYS = 30;
const DAY_MS = 86_400_000;
const MINOR: Record<string, number> = { JPY: 0 };
const FIRST_DOWNLOADS = new Set(['1', '1F', '1T', 'F1', '1-B', 'F1-B', '1E', '1EP', '1EU']);

let run: ProfileRun | undefined;
afterEach(async () => {
  await run?.close();
  run = undefined;
});

const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const shift = (day: string, days: number) => isoOf(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS);
const range = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = shift(d, 1)) out.push(d);
  return out;
};

/** Per currency: proceeds in minor units and first-time downloads, from the fake's rows of `days`. */
function truthOf(r: ProfileRun, days: readonly string[], keep: (row: SalesRow) => boolean) {
  const sums = new Map<string, { proceeds: number; downloads: number }>();
  for (const day of days) {
    for (const row of r.fake.sales.dailyRows(day).filter(keep)) {
      const sum = sums.get(row.currency) ?? { proceeds: 0, downloads: 0 };
      sum.proceeds += row.units * row.proceedsMinor;
      if (FIRST_DOWNLOADS.has(row.productType)) sum.downloads += row.units;
      sums.set(row.currency, sum);
    }
  }
  return [...sums].map(([currency, s]) => ({ currency, ...s })).sort((a, b) => a.currency.localeCompare(b.currency));
}

const minorOf = (currencies: readonly { currency: string; proceeds: string; downloads: string }[]) =>
  currencies.map((c) => ({ currency: c.currency, proceeds: Math.round(Number(c.proceeds) * 10 ** (MINOR[c.currency] ?? 2)), downloads: Number(c.downloads) }))
    .sort((a, b) => a.currency.localeCompare(b.currency));

async function laggingVendor(name: ProfileName, seed: number) {
  run = await startProfile(name, seed);
  const r = run;
  const label = `${name}#${seed}`;
  // One day inside the window fails to load (a damaged file): a gap named in the totals, not a zero.
  const newest = shift(isoOf(r.fake.clock.now().getTime()), -2);
  const selling = range(shift(newest, -20), shift(newest, -1)).filter((d) => r.fake.sales.dailyRows(d).length > 0);
  const failed = selling[Math.floor(unitOf(hashOf(seed, name, 'failed')) * selling.length)];
  if (failed !== undefined) r.fake.sales.formats.set(failed, { junkUnits: true });
  await r.money({ days: DAYS + 5 });
  // Then nobody syncs for a few days: the calendar's yesterday runs ahead of the data.
  const idle = 2 + Math.floor(unitOf(hashOf(seed, name, 'idle')) * 4);
  r.fake.clock.advanceDays(idle);
  const today = isoOf(r.fake.clock.now().getTime());
  const vendor = r.fake.sales.vendorNumber;
  // Apple's name for one app (as the analytics side keeps it in orchard.apps) wins over the rows' Title.
  await r.warehouse().metadata.upsertApps([{ appId: '1476097583', name: 'Apple name of app 0', sku: 'SKU0' }]);

  const all = await r.warehouse().sales.totals(vendor, { days: DAYS, today });
  const ledger = await r.sql(`SELECT report_date, outcome FROM orchard.sales_dates WHERE report_type = 'SALES' AND frequency = 'DAILY'`);
  const outcomeOf = new Map(ledger.map((x) => [String(x.report_date), String(x.outcome)]));
  if (failed !== undefined) expect(outcomeOf.get(failed), label).toBe('error');
  // The newest day published when the sync ran (yesterday's report was not out yet at 10:00 UTC).
  expect(all.dataUpTo, label).toBe(newest);
  expect(all.to, label).toBe(newest);
  expect(all.from, label).toBe(shift(newest, 1 - DAYS));
  expect(all.notYetDays, label).toEqual([shift(newest, 1)]);
  expect(all.missingDays, label).toEqual([...(failed ? [failed] : []), ...range(shift(newest, 2), shift(today, -1))]);
  const published = range(all.from!, all.to!).filter((d) => d !== failed);
  expect(minorOf(all.currencies), label).toEqual(truthOf(r, published, () => true));

  // The app picker lists every app with rows, named by Apple where Orchard knows the app.
  const seen = new Map<string, string>();
  for (const day of range(shift(newest, -DAYS - 4), newest).filter((d) => d !== failed)) {
    for (const row of r.fake.sales.dailyRows(day)) seen.set(row.appId, row.appId === '1476097583' ? 'Apple name of app 0' : row.title);
  }
  expect(all.apps.map((a) => [a.appId, a.name]).sort(), label).toEqual([...seen].sort());
  for (const app of all.apps) {
    const one = await r.warehouse().sales.totals(vendor, { days: DAYS, today, appId: app.appId });
    expect(one, `${label} app ${app.appId}`).toMatchObject({ appId: app.appId, from: all.from, to: all.to, dataUpTo: newest });
    expect(minorOf(one.currencies), `${label} app ${app.appId}`).toEqual(truthOf(r, published, (row) => row.appId === app.appId));
  }
}

describe('Sales totals over the last N published days', () => {
  for (const name of PROFILES) {
    for (const seed of SEEDS) {
      it(`${name} #${seed}: ends at dataUpTo, per app and for all apps`, { timeout: 120_000 }, () => laggingVendor(name, seed));
    }
  }

  it('with nothing published yet there is no window and no zero', { timeout: 60_000 }, async () => {
    run = await startProfile('iap-only', 17);
    // At 10:00 UTC yesterday's report is not out: the one day asked is "not yet".
    await run.money({ days: 1 });
    const totals = await run.warehouse().sales.totals(run.fake.sales.vendorNumber, { days: DAYS, today: '2025-03-03' });
    expect(totals).toEqual({ days: DAYS, currencies: [], notYetDays: ['2025-03-02'], missingDays: [], apps: [] });
  });
});
