// Sales integration set-up: the fake App Store Connect with two apps (one selling), a team key,
// a real DuckDB warehouse in a temp folder, and syncSales wired to them with an in-memory version book.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createAscClient, createTokenProvider } from '../../../main/asc';
import { silentLogger } from '../../../main/logging/logger';
import { syncFinance, type FinanceSyncSummary } from '../../../main/sales/financeSync';
import { syncMoney, type MoneySyncResult } from '../../../main/sales/moneySync';
import { allKinds } from '../../../main/sales/salesSettings';
import type { BackfillWindow } from '../../../main/sales/salesDates';
import { syncSales, type SalesSyncProgress, type SalesSyncSummary } from '../../../main/sales/salesSync';
import { createVersionBook } from '../../../main/sales/salesVersions';
import { openWarehouse, type Warehouse } from '../../../main/warehouse';
import type { SalesReportKind } from '../../../shared/sales';
import { startFakeAsc, type FakeAsc, type KeyRole } from '../../fake-asc';
import { makeTestApiKey } from '../../support/testKeys';
import { queryRows } from '../../support/queryRows';

export const DAILY_SALES: SalesReportKind = { reportType: 'SALES', reportSubType: 'SUMMARY', frequency: 'DAILY' };

/** Every kind Orchard keeps that Apple publishes daily (Summary Sales and the four subscription reports). */
export const DAILY_KINDS: SalesReportKind[] = allKinds().filter((k) => k.frequency === 'DAILY' && k.reportType !== 'PRE_ORDER');

export interface SalesHarness {
  fake: FakeAsc;
  dataDir: string;
  warehouse: Warehouse;
  learned: Record<string, string>;
  sync(kinds?: SalesReportKind[], window?: Partial<BackfillWindow>, onProgress?: (p: SalesSyncProgress) => void): Promise<SalesSyncSummary>;
  syncFinance(input?: { regions?: string[]; detail?: boolean; months?: number }): Promise<FinanceSyncSummary>;
  /** Sales (every daily kind by default) then Finance, as the app and the CLI run them. */
  money(input?: { kinds?: SalesReportKind[]; finance?: boolean; days?: number; signal?: AbortSignal }): Promise<MoneySyncResult>;
  sql(text: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export async function startSalesHarness(options: { role?: KeyRole; individual?: boolean } = {}): Promise<SalesHarness> {
  const fake = await startFakeAsc({ now: new Date('2025-03-03T10:00:00Z') });
  fake.addApp({ id: '1476097583', name: 'Example App', bundleId: 'com.example.app', sku: 'EXAMPLE' });
  fake.addApp({ id: '1476097584', name: 'Free Tool', bundleId: 'com.example.tool', sku: 'TOOL', commerce: false, activity: 0.5 });
  const key = makeTestApiKey();
  fake.registerKey({ keyId: key.keyId, publicKeyPem: key.publicKeyPem, role: options.role ?? 'ADMIN', ...(options.individual ? { individual: true } : { issuerId: key.issuerId }) });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'orchard-sales-'));
  const warehouse = await openWarehouse({ dataDir, logger: silentLogger });
  const clock = () => fake.clock.now().getTime();
  const client = createAscClient({
    baseUrl: fake.baseUrl, fetch: globalThis.fetch, clock, sleep: async () => undefined,
    tokenProvider: createTokenProvider({ keyId: key.keyId, issuerId: key.issuerId, privateKeyPem: key.privateKeyPem, clock, individual: options.individual ?? false }),
  });
  const learned: Record<string, string> = {};
  const versions = createVersionBook({ overrides: {}, learned: {}, saveLearned: (l) => Object.assign(learned, l) });
  const sql = (text: string) => queryRows(warehouse, text);
  return {
    fake, dataDir, warehouse, learned, sql,
    sync: (kinds = [DAILY_SALES], window = {}, onProgress = undefined) => syncSales(
      { client, store: warehouse.sales, versions, dataDir, now: () => fake.clock.now(), logger: silentLogger, window: { days: 365, weeks: 8, months: 3, years: 1, ...window } },
      { vendorNumber: fake.sales.vendorNumber, kinds, ...(onProgress ? { onProgress } : {}) },
    ),
    syncFinance: (input = {}) => syncFinance(
      { client, store: warehouse.sales, dataDir, now: () => fake.clock.now(), logger: silentLogger, months: input.months ?? 5 },
      { vendorNumber: fake.sales.vendorNumber, ...(input.regions ? { regions: input.regions } : {}), ...(input.detail ? { detail: true } : {}) },
    ),
    money: (input = {}) => syncMoney(
      { client, store: warehouse.sales, versions, dataDir, now: () => fake.clock.now(), logger: silentLogger, window: { days: input.days ?? 10, weeks: 3, months: 2, years: 1 } },
      { vendorNumber: fake.sales.vendorNumber, kinds: input.kinds ?? DAILY_KINDS, finance: input.finance ?? true, signal: input.signal ?? new AbortController().signal },
    ),
    async close() {
      await warehouse.close();
      await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const MINOR: Record<string, number> = { JPY: 0 };

/** `sales.daily` totals as exact minor units per currency and product group. */
export async function warehouseTotals(h: SalesHarness, from: string, to: string): Promise<{ currency: string; group: string; units: number; proceedsMinor: number }[]> {
  const rows = await h.sql(`SELECT currency, product_group, CAST(sum(units) AS VARCHAR) AS units, CAST(sum(proceeds) AS VARCHAR) AS proceeds
    FROM sales.daily WHERE date BETWEEN DATE '${from}' AND DATE '${to}' GROUP BY ALL ORDER BY 1, 2`);
  return rows.map((r) => ({
    currency: String(r.currency), group: String(r.product_group).replace('first-time download', 'download').replace('in-app purchase', 'iap'),
    units: Number(r.units), proceedsMinor: Math.round(Number(r.proceeds) * 10 ** (MINOR[String(r.currency)] ?? 2)),
  }));
}
