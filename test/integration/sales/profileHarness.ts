// One randomized vendor (test/fake-asc/sales/vendorProfiles.ts) against Orchard's money sync, with
// a warehouse that can be reopened (a fresh process on the same data folder) or lost and rebuilt,
// and the checks every step must pass: each date's outcome and each period's per-currency totals
// equal to what the fake says is true — computed from the fake's own rules, not from Orchard's.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { createAscClient, createTokenProvider } from '../../../main/asc';
import { silentLogger } from '../../../main/logging/logger';
import { syncMoney, type MoneySyncResult } from '../../../main/sales/moneySync';
import { reloadKeptSalesFiles, type SalesReloadSummary } from '../../../main/sales/salesReload';
import type { SalesSyncProgress } from '../../../main/sales/salesSync';
import { createVersionBook } from '../../../main/sales/salesVersions';
import { DATABASE_FILE, openWarehouse, type Warehouse } from '../../../main/warehouse';
import { startFakeAsc, type FakeAsc } from '../../fake-asc';
import { FAKE_FISCAL_MONTHS } from '../../fake-asc/sales/fiscalCalendar';
import type { SubscriptionFamily } from '../../fake-asc/sales/salesState';
import { vendorProfile, type ProfileName, type VendorProfile } from '../../fake-asc/sales/vendorProfiles';
import { makeTestApiKey } from '../../support/testKeys';
import { DAILY_KINDS } from './salesHarness';
import { queryRows } from '../../support/queryRows';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINOR: Record<string, number> = { JPY: 0 };
const TABLES: Record<string, string> = {
  SUBSCRIPTION: 'subscription_summary', SUBSCRIPTION_EVENT: 'subscription_event_summary', SUBSCRIBER: 'subscriber_detailed',
  SUBSCRIPTION_OFFER_CODE_REDEMPTION: 'subscription_offer_code_redemption_summary',
};
export const FINANCE_MONTHS = 2;

export interface ProfileRun {
  profile: VendorProfile;
  fake: FakeAsc;
  dataDir: string;
  warehouse(): Warehouse;
  money(input: { days: number; signal?: AbortSignal; onProgress?: (p: SalesSyncProgress) => void }): Promise<MoneySyncResult>;
  /** Closes the warehouse and opens it again: what a fresh process after a kill sees. */
  reopen(): Promise<void>;
  /** Deletes the warehouse file and rebuilds the sales part from the kept files and their ledgers. */
  loseAndRebuild(): Promise<SalesReloadSummary>;
  sql(text: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export async function startProfile(name: ProfileName, seed: number): Promise<ProfileRun> {
  const profile = vendorProfile(name, seed);
  // 10:00 UTC: the Pacific day is the UTC day, and yesterday's report is not out until 15:00.
  const fake = await startFakeAsc({ now: new Date('2025-03-03T10:00:00Z'), seed });
  profile.apply(fake);
  const key = makeTestApiKey();
  fake.registerKey({ keyId: key.keyId, issuerId: key.issuerId, publicKeyPem: key.publicKeyPem, role: profile.role });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `orchard-vendor-${name}-`));
  let warehouse = await openWarehouse({ dataDir, logger: silentLogger });
  const clock = () => fake.clock.now().getTime();
  const client = createAscClient({
    baseUrl: fake.baseUrl, fetch: globalThis.fetch, clock, sleep: async () => undefined,
    tokenProvider: createTokenProvider({ keyId: key.keyId, issuerId: key.issuerId, privateKeyPem: key.privateKeyPem, clock, individual: false }),
  });
  const versions = createVersionBook({ overrides: {}, learned: {}, saveLearned: () => undefined });
  const sql = (text: string) => queryRows(warehouse, text);
  return {
    profile, fake, dataDir, sql, warehouse: () => warehouse,
    money: (input) => syncMoney(
      { client, store: warehouse.sales, versions, dataDir, now: () => fake.clock.now(), logger: silentLogger, financeMonths: FINANCE_MONTHS, window: { days: input.days, weeks: 1, months: 1, years: 1 } },
      { vendorNumber: fake.sales.vendorNumber, kinds: DAILY_KINDS, finance: true, signal: input.signal ?? new AbortController().signal, ...(input.onProgress ? { onProgress: input.onProgress } : {}) },
    ),
    async reopen() {
      await warehouse.close();
      warehouse = await openWarehouse({ dataDir, logger: silentLogger });
    },
    async loseAndRebuild() {
      await warehouse.close();
      await rm(path.join(dataDir, DATABASE_FILE), { force: true });
      await rm(path.join(dataDir, `${DATABASE_FILE}.wal`), { force: true });
      warehouse = await openWarehouse({ dataDir, logger: silentLogger });
      return reloadKeptSalesFiles({ store: warehouse.sales, dataDir, now: () => fake.clock.now() });
    },
    async close() {
      await warehouse.close();
      await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The window's dates, newest first: yesterday back to `days` days ago (UTC days = Pacific days at 10:00 UTC). */
export function windowDays(run: ProfileRun, days: number): string[] {
  const today = Math.floor(run.fake.clock.now().getTime() / DAY_MS);
  return Array.from({ length: days }, (_, i) => isoOf(today - 1 - i));
}

/** What Apple's answer for a daily report must be, by the fake's own rules. */
function expectedOutcome(run: ProfileRun, reportType: string, day: string): string {
  const dayNumber = Date.parse(`${day}T00:00:00Z`) / DAY_MS;
  if (run.fake.clock.now().getTime() < (dayNumber + 1) * DAY_MS + 15 * HOUR_MS) return 'not-yet';
  const has = reportType === 'SALES' ? run.fake.sales.dailyRows(day).length > 0 : run.fake.sales.subscriptionDay(reportType as SubscriptionFamily, day) !== undefined;
  return has ? 'loaded' : 'no-sales';
}

/** Every date of the window has the right outcome, and every loaded period the right per-currency totals. */
export async function expectTruth(run: ProfileRun, days: number): Promise<void> {
  const dates = windowDays(run, days);
  const ledger = await run.sql(`SELECT report_type, report_date, outcome FROM orchard.sales_dates WHERE frequency = 'DAILY'`);
  const got = new Map(ledger.map((r) => [`${String(r.report_type)} ${String(r.report_date)}`, String(r.outcome)]));
  for (const kind of DAILY_KINDS) {
    for (const day of dates) expect(got.get(`${kind.reportType} ${day}`), `${run.profile.name}#${run.profile.seed} ${kind.reportType} ${day}`).toBe(expectedOutcome(run, kind.reportType, day));
  }
  const money = await run.sql(`SELECT CAST(date AS VARCHAR) AS d, currency, CAST(sum(units) AS VARCHAR) AS u, CAST(sum(proceeds) AS VARCHAR) AS p FROM sales.daily GROUP BY ALL`);
  const totals = new Map(money.map((r) => [`${String(r.d)} ${String(r.currency)}`, [Number(r.u), Math.round(Number(r.p) * 10 ** (MINOR[String(r.currency)] ?? 2))]]));
  for (const day of dates) {
    const truth = new Map<string, number[]>();
    for (const t of run.fake.sales.truth(day, day)) {
      const [u, p] = truth.get(t.currency) ?? [0, 0];
      truth.set(t.currency, [u! + t.units, p! + t.proceedsMinor]);
    }
    const mine = [...totals].filter(([k]) => k.startsWith(`${day} `)).map(([k, v]) => [k.slice(11), v] as const).sort();
    const loaded = got.get(`SALES ${day}`) === 'loaded';
    expect(mine, `${run.profile.name}#${run.profile.seed} sales ${day}`).toEqual(loaded ? [...truth].sort() : []);
  }
  for (const [type, table] of Object.entries(TABLES)) {
    const rows = await run.sql(`SELECT strftime(f.report_date, '%Y-%m-%d') AS d, count(*) AS n FROM sales.${table} JOIN sales.files AS f ON f.file_id = _file_id GROUP BY 1`).catch(() => []);
    const counted = new Map(rows.map((r) => [String(r.d), Number(r.n)]));
    for (const day of dates) {
      const expected = got.get(`${type} ${day}`) === 'loaded' ? run.fake.sales.subscriptionDay(type as SubscriptionFamily, day)?.totals.rows : undefined;
      expect(counted.get(day), `${run.profile.name}#${run.profile.seed} ${type} ${day}`).toBe(expected);
    }
  }
  await expectFinance(run);
}

/** Finance: each ended fiscal month loaded (or not yet, or refused for the key), money per currency equal to the truth. */
async function expectFinance(run: ProfileRun): Promise<void> {
  const now = run.fake.clock.now();
  const months = FAKE_FISCAL_MONTHS.filter(([, , last]) => last < now.toISOString().slice(0, 10)).slice(-FINANCE_MONTHS);
  const got = new Map((await run.sql(`SELECT report_date, outcome FROM orchard.sales_dates WHERE report_type = 'FINANCIAL'`)).map((r) => [String(r.report_date), String(r.outcome)]));
  const money = await run.sql(`SELECT fiscal_month, currency, CAST(sum(proceeds) AS VARCHAR) AS p FROM sales.finance_monthly GROUP BY ALL`);
  for (const [month, first, last] of months) {
    const published = now.getTime() >= Date.parse(`${last}T00:00:00Z`) + 7 * DAY_MS + 15 * HOUR_MS;
    const expected = run.profile.role === 'SALES_AND_REPORTS' ? undefined : published ? 'loaded' : 'not-yet';
    expect(got.get(month), `${run.profile.name}#${run.profile.seed} finance ${month}`).toBe(expected);
    const truth = new Map<string, number>();
    if (expected === 'loaded') for (const t of run.fake.sales.truth(first, last)) truth.set(t.currency, (truth.get(t.currency) ?? 0) + t.proceedsMinor);
    const mine = money.filter((r) => r.fiscal_month === month).map((r) => [String(r.currency), Math.round(Number(r.p) * 10 ** (MINOR[String(r.currency)] ?? 2))] as const).sort();
    expect(mine, `${run.profile.name}#${run.profile.seed} finance money ${month}`).toEqual([...truth].filter(([, v]) => v !== 0).sort());
  }
}
