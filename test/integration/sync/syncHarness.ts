// A real sync setup for integration tests: the fake App Store Connect (its clock driving
// instances), an ADMIN key, a real DuckDB warehouse in a temp folder, and runSync wired to them.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createAscClient, createTokenProvider, type AscClient } from '../../../main/asc';
import { silentLogger } from '../../../main/logging/logger';
import { runSync, type SyncOptions } from '../../../main/sync/syncEngine';
import { createWarehouseSyncStore } from '../../../main/sync/warehouseSyncStore';
import { openWarehouse, type Warehouse } from '../../../main/warehouse';
import type { SyncProgress, SyncSummary } from '../../../shared/sync';
import { startFakeAsc, type FakeAsc, type FakeAscOptions } from '../../fake-asc';
import { makeTestApiKey } from '../../support/testKeys';
import { queryRows } from '../../support/queryRows';

export const APP_ID = '1476097583';

const VIEW_SCHEMA_BY_GRANULARITY: Readonly<Record<string, string>> = { DAILY: 'main', WEEKLY: 'weekly', MONTHLY: 'monthly' };

export interface SyncHarness {
  fake: FakeAsc;
  dataDir: string;
  warehouse: Warehouse;
  client: AscClient;
  progress: SyncProgress[];
  sync(options?: Partial<SyncOptions>, signal?: AbortSignal): Promise<SyncSummary>;
  /** SUM(metric) per date from the granularity's latest-wins view, as numbers keyed by YYYY-MM-DD. */
  viewTotals(table: string, metric: string, granularity?: string): Promise<Map<string, number>>;
  sql(text: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export async function startSyncHarness(options: FakeAscOptions & { role?: 'ADMIN' | 'SALES_AND_REPORTS' } = {}): Promise<SyncHarness> {
  const fake = await startFakeAsc({ now: new Date('2025-03-03T10:00:00Z'), ...options });
  fake.addApp({ id: APP_ID, name: 'Example App', bundleId: 'com.example.app', sku: 'EXAMPLE' });
  const key = makeTestApiKey();
  fake.registerKey({ keyId: key.keyId, issuerId: key.issuerId, publicKeyPem: key.publicKeyPem, role: options.role ?? 'ADMIN' });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'orchard-sync-'));
  const warehouse = await openWarehouse({ dataDir, logger: silentLogger });
  const clock = () => fake.clock.now().getTime();
  const client = createAscClient({
    baseUrl: fake.baseUrl,
    fetch: globalThis.fetch,
    clock,
    sleep: async () => undefined,
    tokenProvider: createTokenProvider({ keyId: key.keyId, issuerId: key.issuerId, privateKeyPem: key.privateKeyPem, clock }),
  });
  const store = createWarehouseSyncStore(warehouse);
  const progress: SyncProgress[] = [];
  const sql = (text: string) => queryRows(warehouse, text);
  return {
    fake,
    dataDir,
    warehouse,
    client,
    progress,
    sql,
    sync: (opts = {}, signal) =>
      runSync({ appId: APP_ID, concurrency: 3, ...opts }, { client, store, dataDir, now: () => fake.clock.now(), onProgress: (p) => progress.push(p), signal }),
    async viewTotals(table, metric, granularity = 'DAILY') {
      // Each granularity has its own view; none mixes them, so no granularity filter is needed.
      const schema = VIEW_SCHEMA_BY_GRANULARITY[granularity] ?? 'main';
      const rows = await sql(`SELECT CAST(date AS VARCHAR) AS d, SUM(${metric}) AS total FROM ${schema}.${table} GROUP BY 1`);
      return new Map(rows.map((r) => [String(r.d), Number(r.total)]));
    },
    async close() {
      await warehouse.close();
      await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function sortedEntries(m: Map<string, number>): [string, number][] {
  return [...m.entries()].sort(([a], [b]) => a.localeCompare(b));
}
