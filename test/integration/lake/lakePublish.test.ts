// Publish a synced warehouse and read the lake back with hyparquet (not DuckDB): every report
// view's totals per (granularity, app, date) and Sales per (date, currency) equal the warehouse's,
// and a view's `_segment_key` names the same instances through the lake's orchard.segment_keys.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLake, publishLake } from '../../../main/lake';
import { expectReportTotalsEqual, isoDate, readLake, rowsOf, startLakeHarness, type LakeHarness, type Row } from './lakeHarness';

let h: LakeHarness;
beforeAll(async () => {
  h = await startLakeHarness();
  await h.syncAll();
}, 180_000);
afterAll(() => h?.close());

describe('publishLake', () => {
  it('writes every report view so an independent reader finds the warehouse totals', async () => {
    const summary = await publishLake(h.warehouse, h.lakeDir);
    expect(summary.snapshot).toBe(1);
    const lake = await readLake(h.lakeDir);
    expect(await expectReportTotalsEqual(h, lake)).toEqual(new Set(['main', 'weekly', 'monthly']));
  }, 120_000);

  it('writes Sales per vendor and month with the warehouse totals per (date, currency)', async () => {
    const lake = await readLake(h.lakeDir, (t) => t === 'sales.daily');
    const rows = lake.tables.get('sales.daily')!;
    expect(rows.length).toBeGreaterThan(20);
    const cents = (v: unknown) => Math.round(Number(v) * 100);
    const actual = new Map<string, [number, number]>();
    for (const r of rows) {
      const key = `${isoDate(r.date)}|${String(r.currency)}`;
      const [u, p] = actual.get(key) ?? [0, 0];
      actual.set(key, [u + cents(r.units), p + cents(r.proceeds)]);
    }
    const expected = await h.sql(`SELECT CAST(date AS VARCHAR) || '|' || currency AS k, CAST(sum(units) AS VARCHAR) AS u, CAST(sum(proceeds) AS VARCHAR) AS p FROM sales.daily GROUP BY 1`);
    expect(actual).toEqual(new Map(expected.map((r) => [String(r.k), [cents(r.u), cents(r.p)]])));
    const folders = await readdir(path.join(h.lakeDir, 'sales', 'daily'));
    expect(folders).toEqual([`vendor=${h.fake.sales.vendorNumber}`]);
  }, 60_000);

  it('publishes orchard.apps and vintages, and records each report\'s data-up-to', async () => {
    const lake = await readLake(h.lakeDir, (t) => t.startsWith('orchard.'));
    const apps = await h.sql('SELECT app_id FROM orchard.apps ORDER BY 1');
    expect(lake.tables.get('orchard.apps')!.map((r) => r.app_id)).toEqual(apps.map((r) => r.app_id));
    const [{ n }] = await h.sql('SELECT count(*) AS n FROM orchard.vintages') as [{ n: string }];
    expect(lake.tables.get('orchard.vintages')!.length).toBe(Number(n));
    const downloads = lake.snapshot.tables.find((t) => t.schema === 'main' && t.name === 'app_downloads_standard')!;
    const [{ d }] = await h.sql('SELECT CAST(max(date) AS VARCHAR) AS d FROM main.app_downloads_standard') as [{ d: string }];
    expect(downloads.dataUpTo).toBe(d);
  }, 60_000);

  it('publishes orchard.segment_keys, through which a main view\'s _segment_key names the warehouse\'s instances', async () => {
    const lake = await readLake(h.lakeDir, (t) => t === 'orchard.segment_keys' || t === 'main.app_downloads_standard');
    const keys = lake.tables.get('orchard.segment_keys')!;
    const warehouseKeys = await h.sql('SELECT segment_key, instance_id FROM orchard.segment_keys');
    expect(keys.length).toBeGreaterThan(0);
    const instanceOf = new Map(keys.map((k) => [Number(k.segment_key), String(k.instance_id)]));
    expect(instanceOf).toEqual(new Map(warehouseKeys.map((k) => [Number(k.segment_key), String(k.instance_id)])));

    const downloads = lake.tables.get('main.app_downloads_standard')!;
    expect(downloads.length).toBeGreaterThan(0);
    expect(Object.keys(downloads[0]!)).toContain('_segment_key');
    expect(Object.keys(downloads[0]!)).not.toContain('_instance_id');
    const perInstance = new Map<string, number>();
    const unresolved = new Set<string>();
    for (const r of downloads) {
      const instance = instanceOf.get(Number(r._segment_key));
      if (instance === undefined) unresolved.add(String(r._segment_key));
      else perInstance.set(instance, (perInstance.get(instance) ?? 0) + 1);
    }
    expect([...unresolved]).toEqual([]);
    const expected = await h.sql(`SELECT k.instance_id AS i, count(*) AS n FROM main.app_downloads_standard AS t
      JOIN orchard.segment_keys AS k ON k.segment_key = t._segment_key GROUP BY 1`);
    expect(expected.reduce((n, r) => n + Number(r.n), 0)).toBe(downloads.length);
    expect(perInstance).toEqual(new Map(expected.map((r) => [String(r.i), Number(r.n)])));
    // Those are the DAILY instances the sync loaded for the report, restated vintages among them.
    const ingested = await h.sql(`SELECT instance_id FROM orchard.instances
      WHERE report_name = 'App Downloads Standard' AND granularity = 'DAILY' AND state = 'ingested'`);
    const ingestedIds = new Set(ingested.map((r) => String(r.instance_id)));
    expect([...perInstance.keys()].filter((i) => !ingestedIds.has(i))).toEqual([]);
    expect(perInstance.size).toBeGreaterThan(1);
  }, 60_000);

  it('rewrites nothing when nothing changed, and refuses a folder that is not a lake', async () => {
    const again = await publishLake(h.warehouse, h.lakeDir);
    expect(again.snapshot).toBe(2);
    expect(again.written).toEqual({ files: 0, bytes: 0, partitions: 0 });
    await expect(publishLake(h.warehouse, h.dataDir)).rejects.toMatchObject({ code: 'BAD_INPUT' });
  }, 60_000);

  it('opens the lake read-only with the warehouse\'s names, columns and answers', async () => {
    const lake = await openLake(h.lakeDir);
    try {
      expect(lake.warehouse.readOnly).toBe(true);
      const published = lake.snapshot.tables.map((t) => `'${t.schema}.${t.name}'`).join(', ');
      const columnsSql = `SELECT table_schema || '.' || table_name AS t, column_name, data_type FROM information_schema.columns
        WHERE table_schema || '.' || table_name IN (${published}) ORDER BY 1, ordinal_position`;
      const lakeColumns = await rowsOf(lake.warehouse, columnsSql);
      expect(lakeColumns.length).toBeGreaterThan(50);
      expect(lakeColumns).toEqual(await h.sql(columnsSql));
      for (const sql of [
        'SELECT date, territory, sum(counts) AS n FROM app_downloads_standard GROUP BY ALL ORDER BY ALL',
        'SELECT date, sum(sessions) AS s FROM weekly.app_sessions_standard GROUP BY ALL ORDER BY ALL',
        'SELECT date, currency, sum(units) AS u, sum(proceeds) AS p FROM sales.daily GROUP BY ALL ORDER BY ALL',
        'SELECT table_name, granularity, count(*) AS n, max(day) AS d FROM orchard.vintages GROUP BY ALL ORDER BY ALL',
        'SELECT * FROM orchard.apps ORDER BY app_id',
        `SELECT k.instance_id, k.granularity, count(*) AS n FROM app_downloads_standard AS t
          JOIN orchard.segment_keys AS k ON k.segment_key = t._segment_key GROUP BY ALL ORDER BY ALL`,
      ]) {
        const rows = await rowsOf(lake.warehouse, sql);
        expect(rows, sql).toEqual(await h.sql(sql));
      }
      expect((await rowsOf(lake.warehouse, 'SELECT count(*) AS n FROM sales.daily'))[0]!.n).not.toBe('0');
    } finally {
      await lake.close();
    }
  }, 60_000);
});
