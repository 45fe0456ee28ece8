// Loading progress moves while a batch loads: one batch holds many instances of several report
// tables in one transaction, and progress must tell each table's instances as they load, not all
// at once after the commit.
import { afterEach, describe, expect, it } from 'vitest';
import { runSync } from '../../../main/sync/syncEngine';
import type { SyncStore } from '../../../main/sync/syncStore';
import { createWarehouseSyncStore } from '../../../main/sync/warehouseSyncStore';
import type { SyncProgress } from '../../../shared/sync';
import { APP_ID, startSyncHarness, type SyncHarness } from './syncHarness';

let h: SyncHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('loading progress', { timeout: 150_000 }, () => {
  it('counts instances up table by table inside one batch, then finishes without counting again', async () => {
    h = await startSyncHarness();
    await h.sync();
    h.fake.clock.advanceDays(8);
    const store = createWarehouseSyncStore(h.warehouse);
    /** Report names of each batch, and whether a batch is loading right now. */
    const batches: string[][] = [];
    let batchOpen = false;
    const watched: SyncStore = {
      ...store,
      async ingestMany(requests, signal, onLoaded) {
        batches.push(requests.map((r) => r.ref.reportName));
        batchOpen = true;
        try {
          return await store.ingestMany(requests, signal, onLoaded);
        } finally {
          batchOpen = false;
        }
      },
    };
    const events: { progress: SyncProgress; inBatch: boolean }[] = [];
    const harness = h;
    const summary = await runSync(
      { appId: APP_ID, concurrency: 3 },
      { client: harness.client, store: watched, dataDir: harness.dataDir, now: () => harness.fake.clock.now(), onProgress: (progress) => events.push({ progress, inBatch: batchOpen }), progressIntervalMs: 0 },
    );
    expect(summary.outcome).toBe('succeeded');
    // The case that matters: one batch holding several report tables.
    expect(batches.some((names) => new Set(names).size > 1)).toBe(true);

    const duringBatch = events.filter((e) => e.inBatch && e.progress.phase === 'loading' && e.progress.instances.done > 0).map((e) => e.progress.instances.done);
    expect(new Set(duringBatch).size).toBeGreaterThan(1);
    const loadedCounts = events.filter((e) => /^Loaded /.test(e.progress.message)).map((e) => e.progress.instances.done);
    expect(loadedCounts).toEqual([...loadedCounts].sort((a, b) => a - b));
    expect(events.find((e) => /^Loaded /.test(e.progress.message))?.progress.message).toMatch(/^Loaded \d+ of [\d,]+ instances — /);

    const last = events.at(-1)?.progress;
    expect(last).toMatchObject({ phase: 'finished', outcome: 'succeeded', rows: summary.rowsLoaded });
    expect(last?.instances).toEqual({ done: summary.instancesIngested, total: summary.instancesIngested });
    const rowsText = summary.rowsLoaded.toLocaleString('en-US');
    expect(last?.message).toBe(`Sync finished: ${summary.instancesIngested} instances loaded, ${rowsText} rows, ${summary.segmentsDownloaded} files downloaded.`);
  });

  it('takes back what a cancelled batch was told it loaded: the last event counts only what was kept', async () => {
    h = await startSyncHarness();
    await h.sync();
    h.fake.clock.advanceDays(8);
    const store = createWarehouseSyncStore(h.warehouse);
    const abort = new AbortController();
    let told = 0;
    // Cancel once the first report table of the batch has loaded, before the batch commits.
    const watched: SyncStore = {
      ...store,
      ingestMany: (requests, signal, onLoaded) =>
        store.ingestMany(requests, signal, (ids, rows) => {
          told += ids.length;
          onLoaded?.(ids, rows);
          abort.abort();
        }),
    };
    const events: SyncProgress[] = [];
    const harness = h;
    const summary = await runSync(
      { appId: APP_ID, concurrency: 3 },
      { client: harness.client, store: watched, dataDir: harness.dataDir, now: () => harness.fake.clock.now(), onProgress: (p) => events.push(p), signal: abort.signal, progressIntervalMs: 0 },
    );
    expect(summary.outcome).toBe('cancelled');
    expect(told).toBeGreaterThan(0);
    expect(Math.max(...events.map((p) => p.instances.done))).toBeGreaterThan(summary.instancesIngested);
    expect(events.at(-1)).toMatchObject({ phase: 'finished', outcome: 'cancelled', rows: summary.rowsLoaded, instances: { done: summary.instancesIngested } });
  });
});
