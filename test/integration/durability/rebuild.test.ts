// After Apple's 35 days the data folder is the only copy: with orchard.duckdb deleted, a rebuild
// from the cache's manifests restores every date — also those Apple no longer serves — without a
// single call to Apple, and a sync reuses the cached files instead of downloading them again.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/logging/logger';
import { listCachedInstances } from '../../../main/sync/segmentManifest';
import { rebuildFromCache } from '../../../main/sync/rebuild';
import { runSync } from '../../../main/sync/syncEngine';
import { openWarehouseWithHealth } from '../../../main/sync/warehouseAccess';
import { createWarehouseSyncStore } from '../../../main/sync/warehouseSyncStore';
import type { Warehouse } from '../../../main/warehouse';
import type { RebuildProgress } from '../../../shared/rebuild';
import { withProvenance } from '../../support/rowProvenance';
import { APP_ID, sortedEntries, type SyncHarness } from '../sync/syncHarness';
import { DOWNLOADS, ONLY_DOWNLOADS, deleteWarehouseFile, harnessPast35Days, truth } from './durabilityHarness';

let h: SyncHarness;
let before: Map<string, number>;

async function viewTotals(w: Warehouse): Promise<Map<string, number>> {
  const rows = await w.metadata.read(`SELECT CAST(date AS VARCHAR) AS d, SUM(${DOWNLOADS.metric}) AS t FROM ${withProvenance(`main.${DOWNLOADS.table}`)} WHERE _granularity = 'DAILY' GROUP BY 1`);
  return new Map(rows.map((r) => [String(r.d), Number(r.t)]));
}

beforeAll(async () => {
  h = await harnessPast35Days();
  before = await viewTotals(h.warehouse);
  await h.warehouse.close();
}, 600_000);
afterAll(async () => h?.close());

describe('rebuild from the cache', () => {
  it('keeps a manifest with relative paths and provenance beside every verified instance', async () => {
    const { instances, unreadable } = await listCachedInstances(h.dataDir);
    expect(unreadable).toEqual([]);
    expect(instances.length).toBeGreaterThan(20);
    const { manifest, manifestPath } = instances[0]!;
    expect(manifest).toMatchObject({ appId: APP_ID, reportName: DOWNLOADS.report, granularity: 'DAILY', accessType: 'ONGOING' });
    expect(manifest.rows).toBeGreaterThan(0);
    for (const s of manifest.segments) expect(s.file.startsWith('segments/') && !path.isAbsolute(s.file)).toBe(true);
    expect(JSON.parse(await readFile(manifestPath, 'utf8')).instanceId).toBe(manifest.instanceId);
  }, 60_000);

  it('restores every date after orchard.duckdb is deleted, including dates Apple deleted, without calling Apple', async () => {
    const gone = [...truth(h, 'everProduced').keys()].filter((d) => !truth(h, 'existing').has(d));
    expect(gone.length).toBeGreaterThan(0);
    expect(sortedEntries(before)).toEqual(sortedEntries(truth(h, 'everProduced')));

    await deleteWarehouseFile(h.dataDir);
    const { warehouse, health } = await openWarehouseWithHealth({ dataDir: h.dataDir, logger: silentLogger, damaged: 'report' });
    try {
      expect(health.state).toBe('missing');
      expect(health.cachedInstances).toBeGreaterThan(20);
      h.fake.resetStats();
      const progress: RebuildProgress[] = [];
      const summary = await rebuildFromCache({ warehouse, dataDir: h.dataDir, onProgress: (p) => progress.push(p) });
      expect(h.fake.stats().apiCalls).toBe(0);
      expect(summary).toMatchObject({ outcome: 'succeeded', holes: [], failures: [], mismatches: [] });
      expect(summary.instancesLoaded).toBe(health.cachedInstances);
      expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['checking', 'loading', 'verifying', 'finished']));
      const after = await viewTotals(warehouse);
      expect(sortedEntries(after)).toEqual(sortedEntries(before));
      for (const d of gone) expect(after.get(d)).toBe(before.get(d));
    } finally {
      await warehouse.close();
    }
  }, 150_000);

  it('a sync on a fresh warehouse reuses the cached files instead of downloading them again', async () => {
    await deleteWarehouseFile(h.dataDir);
    const { warehouse } = await openWarehouseWithHealth({ dataDir: h.dataDir, logger: silentLogger, damaged: 'report' });
    try {
      h.fake.resetStats();
      const summary = await runSync(
        { appId: APP_ID, concurrency: 3, ...ONLY_DOWNLOADS },
        { client: h.client, store: createWarehouseSyncStore(warehouse), dataDir: h.dataDir, now: () => h.fake.clock.now(), onProgress: () => undefined },
      );
      expect(summary.outcome).toBe('succeeded');
      expect(summary.instancesIngested).toBeGreaterThan(10);
      expect(summary.segmentsDownloaded).toBe(0);
      expect(h.fake.stats().downloads).toBe(0);
      expect(sortedEntries(await viewTotals(warehouse))).toEqual(sortedEntries(truth(h, 'existing')));
    } finally {
      await warehouse.close();
    }
  }, 150_000);
});
