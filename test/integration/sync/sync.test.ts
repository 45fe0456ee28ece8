// End-to-end sync against the fake App Store Connect and a real DuckDB file: the latest-wins
// views must equal the fake's own ground truth, with faults on, and a second sync must be cheap.
import { afterEach, describe, expect, it } from 'vitest';
import { withProvenance } from '../../support/rowProvenance';
import { APP_ID, sortedEntries, startSyncHarness, type SyncHarness } from './syncHarness';

const DOWNLOADS = { report: 'App Downloads Standard', table: 'app_downloads_standard', metric: 'counts' };

let h: SyncHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function expectViewMatchesFake(harness: SyncHarness, granularity: 'DAILY' | 'WEEKLY' = 'DAILY') {
  const truth = harness.fake.latestTotals({ appId: APP_ID, reportName: DOWNLOADS.report, granularity, metric: 'Counts' });
  expect(truth.size).toBeGreaterThan(0);
  const view = await harness.viewTotals(DOWNLOADS.table, DOWNLOADS.metric, granularity);
  expect(sortedEntries(view)).toEqual(sortedEntries(truth));
}

// Whole syncs against a real server and DuckDB: limits allow a busy machine five times slower.
describe('sync', { timeout: 150_000 }, () => {
  it('creates the request, waits for Apple, then loads restated days correctly', async () => {
    h = await startSyncHarness();
    const first = await h.sync();
    expect(first.outcome).toBe('succeeded');
    expect(first.instancesIngested).toBe(0);
    expect(first.notes.join(' ')).toMatch(/24–48 hours/);
    expect(h.fake.requests(APP_ID).map((r) => r.accessType)).toContain('ONGOING');

    h.fake.clock.advanceDays(12);
    const second = await h.sync();
    expect(second.outcome).toBe('succeeded');
    expect(second.instancesIngested).toBeGreaterThan(5);
    await expectViewMatchesFake(h);
    // The raw table keeps every vintage: restated dates appear in more than one instance.
    const vintages = await h.sql(
      `SELECT date, COUNT(DISTINCT _instance_id) AS n FROM ${withProvenance('raw.app_downloads_standard')} WHERE _granularity='DAILY' GROUP BY 1 HAVING n > 1`,
    );
    expect(vintages.length).toBeGreaterThan(0);
    // …and at least one day is restated across three daily instances, yet the view counts it once.
    expect(vintages.some((v) => Number(v.n) >= 3)).toBe(true);
  });

  it('a second sync with nothing new downloads nothing and lists each report once', async () => {
    h = await startSyncHarness();
    await h.sync();
    h.fake.clock.advanceDays(6);
    await h.sync();
    h.fake.resetStats();
    const again = await h.sync();
    const stats = h.fake.stats();
    expect(again.segmentsDownloaded).toBe(0);
    expect(stats.downloads).toBe(0);
    expect(stats.callsByPath['GET /v1/analyticsReportInstances/{id}/segments'] ?? 0).toBe(0);
    expect(stats.callsByPath['GET /v1/analyticsReports/{id}/instances']).toBe(again.reports);
  });

  it('survives 5xx, 429 bursts, truncated and corrupted downloads, and quarantines a file that stays bad', async () => {
    h = await startSyncHarness({ seed: 7 });
    await h.sync();
    h.fake.clock.advanceDays(10);
    h.fake.faults.serverErrorRate = 0.15;
    h.fake.faults.rateLimitBurst = 3;
    h.fake.faults.truncateNextDownloads = 2;
    h.fake.faults.resetNextDownloads = 1;
    h.fake.faults.corruptChecksumNext = 1;
    h.fake.faults.wrongSizeNext = 1;
    const faulty = await h.sync();
    expect(faulty.issues).toEqual([]);
    expect(faulty.outcome).toBe('succeeded');
    h.fake.faults.serverErrorRate = 0;
    await expectViewMatchesFake(h);

    h.fake.clock.advanceDays(1);
    h.fake.faults.corruptBodyNext = 50;
    const bad = await h.sync({ reportNames: [DOWNLOADS.report], granularities: ['DAILY'] });
    h.fake.faults.corruptBodyNext = 0;
    expect(bad.outcome).toBe('partial');
    expect(bad.quarantined).toBe(1);
    expect(bad.issues[0]?.error.code).toBe('CHECKSUM_MISMATCH');
    const quarantined = await h.sql(`SELECT COUNT(*) AS n FROM orchard.segments WHERE state = 'quarantined'`);
    expect(Number(quarantined[0]?.n)).toBeGreaterThan(0);

    const healed = await h.sync({ reportNames: [DOWNLOADS.report], granularities: ['DAILY'] });
    expect(healed.outcome).toBe('succeeded');
    await expectViewMatchesFake(h);
    // No duplicates: each segment's rows appear exactly as often as the file had rows.
    const dupes = await h.sql(
      `SELECT s.segment_id FROM orchard.segments s JOIN (SELECT _segment_id, COUNT(*) AS n FROM ${withProvenance('raw.app_downloads_standard')} GROUP BY 1) r
       ON r._segment_id = s.segment_id WHERE r.n <> s.row_count OR s.row_count IS NULL`,
    );
    expect(dupes).toEqual([]);
    // …and every row's key names its segment, so none escaped the count above.
    const unkeyed = await h.sql(`SELECT COUNT(*) AS n FROM raw.app_downloads_standard AS t ANTI JOIN orchard.segment_keys AS k ON k.segment_key = t._segment_key`);
    expect(Number(unkeyed[0]?.n)).toBe(0);
  });

  it('treats zero-segment instances as not ready and loads them later', async () => {
    h = await startSyncHarness();
    await h.sync();
    h.fake.clock.advanceDays(4);
    h.fake.faults.zeroSegmentInstances = true;
    const early = await h.sync({ reportNames: [DOWNLOADS.report] });
    expect(early.instancesIngested).toBe(0);
    expect(early.notes.join(' ')).toMatch(/not ready yet/);
    h.fake.faults.zeroSegmentInstances = false;
    const later = await h.sync({ reportNames: [DOWNLOADS.report] });
    expect(later.instancesIngested).toBeGreaterThan(0);
    await expectViewMatchesFake(h);
  });

  it('re-lists segments when presigned URLs expired between listing and download', async () => {
    h = await startSyncHarness();
    await h.sync();
    h.fake.clock.advanceDays(5);
    // The first listing of each instance goes stale before the download starts; re-lists don't.
    const listedOnce = new Set<string>();
    let relisted = 0;
    const expiring = {
      ...h.client,
      listSegments: async (id: string, o?: { signal?: AbortSignal }) => {
        const segments = await h!.client.listSegments(id, o);
        if (listedOnce.has(id)) relisted += 1;
        else h!.fake.clock.advanceMinutes(6);
        listedOnce.add(id);
        return segments;
      },
    };
    const { runSync } = await import('../../../main/sync/syncEngine');
    const { createWarehouseSyncStore } = await import('../../../main/sync/warehouseSyncStore');
    const summary = await runSync(
      { appId: APP_ID, reportNames: [DOWNLOADS.report], granularities: ['DAILY'], concurrency: 1 },
      { client: expiring, store: createWarehouseSyncStore(h.warehouse), dataDir: h.dataDir, now: () => h!.fake.clock.now(), onProgress: () => undefined },
    );
    expect(summary.issues).toEqual([]);
    expect(summary.outcome).toBe('succeeded');
    expect(summary.instancesIngested).toBeGreaterThan(0);
    expect(relisted).toBe(summary.instancesIngested);
    await expectViewMatchesFake(h);
  });

  it('reports progress that never goes back, counts downloads per file, and ends a cancelled run at "cancelled", not 100 %', async () => {
    h = await startSyncHarness();
    await h.sync();
    h.fake.clock.advanceDays(8);
    h.progress.length = 0;
    const done = await h.sync();
    expect(done.instancesIngested).toBeGreaterThan(5);
    const overall = h.progress.map((p) => p.overall ?? -1);
    expect(overall).toEqual([...overall].sort((a, b) => a - b));
    const last = h.progress.at(-1);
    expect(last).toMatchObject({ phase: 'finished', outcome: 'succeeded', overall: 1 });
    expect(last?.download).toEqual({ done: done.instancesIngested, total: done.instancesIngested });
    expect(last?.downloadedInstances).toBe(done.instancesIngested);
    expect(last?.bytes.done).toBe(done.bytesDownloaded);
    expect(last?.bytes.total).toBe(done.bytesDownloaded);
    expect(last?.segments).toEqual({ done: done.segmentsDownloaded, total: done.segmentsDownloaded });

    h.fake.clock.advanceDays(5);
    h.progress.length = 0;
    const abort = new AbortController();
    const cancelled = h.sync({ concurrency: 1 }, abort.signal);
    abort.abort();
    expect((await cancelled).outcome).toBe('cancelled');
    const end = h.progress.at(-1);
    expect(end).toMatchObject({ phase: 'finished', outcome: 'cancelled', message: expect.stringMatching(/^Sync cancelled/) });
    expect(end?.overall).toBeLessThan(1);
  });

  it('cancels cleanly and resumes without re-downloading verified files', async () => {
    h = await startSyncHarness();
    await h.sync();
    h.fake.clock.advanceDays(10);
    const abortEarly = new AbortController();
    h.fake.clock.advanceDays(3);
    const p = h.sync({ concurrency: 1 }, abortEarly.signal);
    abortEarly.abort();
    const stopped = await p;
    expect(stopped.outcome).toBe('cancelled');
    const partial = await h.sql(`SELECT COUNT(*) AS n FROM orchard.instances WHERE state = 'ingested' AND row_count IS NULL`);
    expect(Number(partial[0]?.n)).toBe(0);
    const resumed = await h.sync();
    expect(resumed.outcome).toBe('succeeded');
    await expectViewMatchesFake(h);
  });
});
