// Property tests over randomized vendors (test/fake-asc/sales/vendorProfiles.ts): for each profile
// and seed — backfill, re-sync with nothing new, re-sync three days later, cancel, kill and resume
// (a fresh warehouse handle on the same data folder), lose the warehouse and rebuild — and after
// every step each date's outcome and each period's per-currency totals equal the fake's truth.
// `npm test` runs every small profile with one fixed seed over a short window; ORCHARD_SALES_SWEEP=1
// runs all of them (the 30-app vendor too) with many seeds over longer windows.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROFILE_NAMES, type ProfileName } from '../../fake-asc/sales/vendorProfiles';
import { DAILY_KINDS } from './salesHarness';
import { expectTruth, startProfile, windowDays, type ProfileRun } from './profileHarness';

const SWEEP = process.env.ORCHARD_SALES_SWEEP === '1';
const SEEDS = SWEEP ? [11, 23, 37, 41, 59, 61, 73, 89] : [17];
/** The 30-app vendor costs as much as the others together: the sweep runs it, `npm test` keeps to small vendors. */
const PROFILES = SWEEP ? PROFILE_NAMES : PROFILE_NAMES.filter((name) => name !== 'thirty-apps');
const DAYS = SWEEP ? 30 : 5;
const WIDER = DAYS * 2;

let run: ProfileRun | undefined;
afterEach(async () => {
  await run?.close();
  run = undefined;
});

const calls = (r: ProfileRun, what: 'salesReports' | 'financeReports') => r.fake.stats().callsByPath[`GET /v1/${what}`] ?? 0;
const LEDGER_SNAPSHOT = `SELECT report_type, report_sub_type, frequency, report_date, outcome, file_checksum, row_count FROM orchard.sales_dates ORDER BY ALL`;

/** Calls a sync must make: per daily kind the window's dates not held, the three newest, and those not yet out or failed. */
async function expectedSalesCalls(r: ProfileRun, days: number): Promise<number> {
  const rows = await r.sql(`SELECT report_type, report_date, outcome FROM orchard.sales_dates WHERE frequency = 'DAILY'`);
  const held = new Map(rows.map((x) => [`${String(x.report_type)} ${String(x.report_date)}`, String(x.outcome)]));
  const window = windowDays(r, days);
  return DAILY_KINDS.reduce((n, kind) => n + window.filter((day, i) => {
    const outcome = held.get(`${kind.reportType} ${day}`);
    return outcome === undefined || outcome === 'not-yet' || outcome === 'error' || i < 3;
  }).length, 0);
}

function expectClean(r: ProfileRun, result: { outcome: string; errors: { what: string; message: string }[] }) {
  if (r.profile.role === 'SALES_AND_REPORTS') {
    // The one thing such a key cannot do is named; Sales and Trends still synced.
    expect(result.errors, r.profile.name).toEqual([{ what: 'FINANCE', message: expect.stringMatching(/Finance or Admin role/) }]);
    expect(result.outcome).toBe('partial');
  } else {
    expect(result.errors, r.profile.name).toEqual([]);
    expect(result.outcome).toBe('succeeded');
  }
}

async function lifeOfAVendor(name: ProfileName, seed: number) {
  run = await startProfile(name, seed);
  const r = run;
  // 1. Backfill.
  expectClean(r, await r.money({ days: DAYS }));
  await expectTruth(r, DAYS);

  // 2. Re-sync at once: only the re-checked recent dates, nothing loaded again.
  let expected = await expectedSalesCalls(r, DAYS);
  r.fake.resetStats();
  const again = await r.money({ days: DAYS });
  expectClean(r, again);
  expect(calls(r, 'salesReports')).toBe(expected);
  expect(again.loadedFiles).toBe(0);
  await expectTruth(r, DAYS);

  // 3. Three days later.
  r.fake.clock.advanceDays(3);
  expected = await expectedSalesCalls(r, DAYS);
  r.fake.resetStats();
  expectClean(r, await r.money({ days: DAYS }));
  expect(calls(r, 'salesReports')).toBe(expected);
  await expectTruth(r, DAYS);

  // 4. Cancel a wider backfill part-way: the summary counts exactly what the warehouse now holds.
  const before = new Map((await r.sql(`SELECT report_type, report_date, attempts FROM orchard.sales_dates`)).map((x) => [`${String(x.report_type)} ${String(x.report_date)}`, Number(x.attempts)]));
  const stop = new AbortController();
  const cancelled = await r.money({ days: WIDER, signal: stop.signal, onProgress: (p) => { if (p.done >= 2) stop.abort(); } });
  expect(cancelled.outcome).toBe('cancelled');
  const after = await r.sql(`SELECT report_type, report_date, attempts FROM orchard.sales_dates`);
  const touched = after.filter((x) => before.get(`${String(x.report_type)} ${String(x.report_date)}`) !== Number(x.attempts)).length;
  expect(Object.values(cancelled.outcomes).reduce((a, b) => a + b, 0)).toBe(touched);

  // 5. Kill part-way through a later kind, then a fresh process on the same folder resumes from what was kept.
  const kill = new AbortController();
  await r.money({ days: WIDER, signal: kill.signal, onProgress: (p) => { if (p.kind !== 'SALES/SUMMARY/DAILY' && p.done >= 2) kill.abort(); } });
  await r.reopen();
  const ledger = await readFile(path.join(r.dataDir, 'sales', r.fake.sales.vendorNumber, 'SALES_SUMMARY_DAILY', 'ledger.jsonl'), 'utf8').catch(() => '');
  const kept = new Set(ledger.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { reportDate: string; outcome: string }).filter((e) => e.outcome === 'fetched').map((e) => e.reportDate));
  const downloads = new Map(r.fake.sales.downloads);
  expectClean(r, await r.money({ days: WIDER }));
  const newest = windowDays(r, 3);
  for (const day of kept) if (!newest.includes(day)) expect(r.fake.sales.downloads.get(`SALES/DAILY/${day}`), day).toBe(downloads.get(`SALES/DAILY/${day}`));
  await expectTruth(r, WIDER);

  // 6. Lose the warehouse and rebuild: every outcome and every total comes back, with no call to Apple.
  const snapshot = await r.sql(LEDGER_SNAPSHOT);
  r.fake.resetStats();
  const rebuilt = await r.loseAndRebuild();
  expect(rebuilt.failures).toEqual([]);
  expect(r.fake.stats().apiCalls).toBe(0);
  expect(await r.sql(LEDGER_SNAPSHOT)).toEqual(snapshot);
  await expectTruth(r, WIDER);
}

describe('randomized vendors, every step equal to the truth', () => {
  for (const seed of SEEDS) {
    for (const name of PROFILES) {
      it(`${name} (seed ${seed})`, { timeout: SWEEP ? 900_000 : 180_000 }, () => lifeOfAVendor(name, seed));
    }
  }
});
