// A data folder copied or moved elsewhere keeps working: segment paths are stored relative to the
// folder, so a sync in the copy reuses the copy's verified files — no download, no error about a
// file in the old folder — even for instances that were downloaded but not yet loaded.
import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/logging/logger';
import { runSync } from '../../../main/sync/syncEngine';
import { createWarehouseSyncStore } from '../../../main/sync/warehouseSyncStore';
import { DATABASE_FILE, openWarehouse, type Warehouse } from '../../../main/warehouse';
import { APP_ID, sortedEntries, startSyncHarness, type SyncHarness } from './syncHarness';

const REPORT = 'App Downloads Standard';

let h: SyncHarness | undefined;
let copy: { dir: string; warehouse: Warehouse } | undefined;
afterEach(async () => {
  await copy?.warehouse.close();
  if (copy) await rm(copy.dir, { recursive: true, force: true });
  await h?.close();
  h = undefined;
  copy = undefined;
});

/** Leaves the newest instances downloaded but not loaded, as a sync stopped before their ingest would. */
async function forgetIngestOfNewest(databaseFile: string, count: number): Promise<string[]> {
  const db = await DuckDBInstance.create(databaseFile);
  const connection = await db.connect();
  try {
    const newest = (await connection.runAndReadAll(
      `SELECT instance_id FROM orchard.orchard.instances WHERE state = 'ingested' AND report_name = '${REPORT}'
       ORDER BY processing_date DESC, instance_id LIMIT ${count}`,
    )).getRowsJson().map((row) => String(row[0]));
    const ids = newest.map((id) => `'${id}'`).join(', ');
    await connection.run(`UPDATE orchard.orchard.instances SET state = 'listed', row_count = NULL, ingested_at = NULL WHERE instance_id IN (${ids})`);
    await connection.run(`UPDATE orchard.orchard.segments SET state = 'downloaded', row_count = NULL, ingested_at = NULL WHERE instance_id IN (${ids})`);
    return newest;
  } finally {
    connection.closeSync();
    db.closeSync();
  }
}

describe('a copied data folder', () => {
  it('syncs cleanly from its own files after the original is gone: nothing downloaded, pending instances loaded, totals right', async () => {
    h = await startSyncHarness();
    await h.sync({ reportNames: [REPORT] });
    h.fake.clock.advanceDays(8);
    expect((await h.sync({ reportNames: [REPORT] })).outcome).toBe('succeeded');
    const stored = await h.sql(`SELECT count(*) AS n, count(*) FILTER (file_path LIKE 'segments/%') AS relative FROM orchard.segments WHERE file_path IS NOT NULL`);
    expect(Number(stored[0]?.n)).toBeGreaterThan(0);
    expect(stored[0]?.relative).toBe(stored[0]?.n);
    await h.warehouse.close();
    const pending = await forgetIngestOfNewest(path.join(h.dataDir, DATABASE_FILE), 3);
    expect(pending).toHaveLength(3);

    const dir = `${h.dataDir}-copy`;
    await cp(h.dataDir, dir, { recursive: true });
    await rm(h.dataDir, { recursive: true, force: true });
    copy = { dir, warehouse: await openWarehouse({ dataDir: dir, logger: silentLogger }) };
    h.fake.resetStats();
    const summary = await runSync({ appId: APP_ID, reportNames: [REPORT], concurrency: 2 }, {
      client: h.client, store: createWarehouseSyncStore(copy.warehouse), dataDir: dir, now: () => h!.fake.clock.now(), onProgress: () => undefined,
    });
    expect(summary.issues).toEqual([]);
    expect(summary.outcome).toBe('succeeded');
    expect(summary.instancesIngested).toBe(3);
    expect(summary.segmentsDownloaded).toBe(0);
    expect(h.fake.stats().downloads).toBe(0);

    const info = await copy.warehouse.query.runQuery(`SELECT CAST(date AS VARCHAR) AS d, sum(counts) AS t FROM main.app_downloads_standard GROUP BY 1`);
    const rows = (await copy.warehouse.query.fetchPage(info.resultId, { offset: 0, limit: 10_000 })).rows;
    const truth = h.fake.latestTotals({ appId: APP_ID, reportName: REPORT, granularity: 'DAILY', metric: 'Counts' });
    expect(sortedEntries(new Map(rows.map(([d, t]) => [String(d), Number(t)])))).toEqual(sortedEntries(truth));
  }, 120_000);
});
