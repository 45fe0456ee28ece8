// The lake's housekeeping on a small hand-made warehouse file: partitions rewritten only when
// their rows change, old files and manifests removed once no kept snapshot names them and the
// grace period is over (never a file Orchard did not write), the publish lock's stale rules, and
// a lake in the layout before schema 7 (rows carry `_instance_id`, no orchard.segment_keys) still opening.
import { mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLake, publishLake, readCurrentSnapshot } from '../../../main/lake';
import { LOCK_FILE, acquireLakeLock } from '../../../main/lake/lakeLock';
import { readLake, rowsOf } from './lakeHarness';

let dir: string;
let warehouse: string;
let lakeDir: string;

async function sql(...statements: string[]): Promise<void> {
  const instance = await DuckDBInstance.create(warehouse);
  const connection = await instance.connect();
  for (const s of statements) await connection.run(s);
  connection.closeSync();
  instance.closeSync();
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orchard-lake-life-'));
  warehouse = path.join(dir, 'orchard.duckdb');
  lakeDir = path.join(dir, 'lake');
  await sql(
    'CREATE SCHEMA "user"',
    `CREATE TABLE main.app_things AS SELECT CAST(1000 + range % 2 AS VARCHAR) AS app_apple_identifier,
       DATE '2025-01-01' + CAST(range % 90 AS INTEGER) AS date, range AS counts FROM range(900)`,
    `CREATE TABLE "user".targets AS SELECT range AS id, 'x' || range AS label FROM range(10)`,
  );
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const files = async (sub: string) => (await readdir(path.join(lakeDir, sub), { recursive: true })).filter((f) => String(f).endsWith('.parquet')).map(String).sort();

describe('lake housekeeping', () => {
  it('rewrites only changed partitions and removes what no kept snapshot names after the grace period', async () => {
    const first = await publishLake({ path: warehouse }, lakeDir);
    expect(first.written.partitions).toBe(2 * 3 + 1);
    const before = await files('main/app_things');
    expect(before).toHaveLength(6);
    await writeFile(path.join(lakeDir, 'main', 'notes.txt'), 'mine');

    await sql(`UPDATE main.app_things SET counts = counts + 1 WHERE app_apple_identifier = '1001' AND date = DATE '2025-02-11'`);
    const second = await publishLake({ path: warehouse }, lakeDir, { keepSnapshots: 1, graceMs: 0 });
    expect(second.written).toMatchObject({ partitions: 1, files: 1 });
    expect(second.deleted).toEqual({ files: 1, manifests: 1 });
    const after = await files('main/app_things');
    expect(after.filter((f) => !before.includes(f))).toEqual([expect.stringMatching(/^app_id=1001\/month=2025-02\/s2_/)]);
    expect(before.filter((f) => !after.includes(f))).toEqual([expect.stringMatching(/^app_id=1001\/month=2025-02\/s1_/)]);
    expect(await readdir(path.join(lakeDir, '_orchard', 'snapshots'))).toEqual(['2.json']);
    expect((await stat(path.join(lakeDir, 'main', 'notes.txt'))).isFile()).toBe(true);

    const lake = await readLake(lakeDir);
    const rows = lake.tables.get('main.app_things')!;
    expect(rows.reduce((n, r) => n + Number(r.counts), 0)).toBe((899 * 900) / 2 + 10);
    expect(lake.tables.get('user.targets')).toHaveLength(10);
  }, 60_000);

  it('keeps an unreferenced file during the grace period and a schema change rewrites the table', async () => {
    await publishLake({ path: warehouse }, lakeDir);
    await sql('ALTER TABLE main.app_things ADD COLUMN extra VARCHAR');
    const second = await publishLake({ path: warehouse }, lakeDir, { keepSnapshots: 1 });
    expect(second.written.partitions).toBe(6);
    expect(second.deleted.files).toBe(0);
    expect(await files('main/app_things')).toHaveLength(12);
    expect((await readCurrentSnapshot(lakeDir))!.snapshot.tables.find((t) => t.name === 'app_things')!.columns.at(-1)).toEqual({ name: 'extra', type: 'VARCHAR' });
  }, 60_000);

  it('opens a lake published before schema 7: views whose rows carry _instance_id still give raw.<report>', async () => {
    const oldRows = (latest: number) => `SELECT '1000' AS app_apple_identifier, DATE '2025-01-01' + CAST(range AS INTEGER) AS date,
      range * ${latest} AS counts, 'i${latest}-' || range AS _instance_id FROM range(5)`;
    await sql(
      `CREATE SCHEMA weekly`,
      `CREATE TABLE main.app_old AS ${oldRows(1)}`,
      `CREATE TABLE weekly.app_old AS ${oldRows(2)}`,
    );
    await publishLake({ path: warehouse }, lakeDir);
    const published = (await readCurrentSnapshot(lakeDir))!.snapshot.tables.map((t) => `${t.schema}.${t.name}`);
    expect(published).toEqual(expect.arrayContaining(['main.app_old', 'weekly.app_old', 'main.app_things']));
    expect(published).not.toContain('orchard.segment_keys');
    const lake = await openLake(lakeDir);
    try {
      const raw = await rowsOf(lake.warehouse, `SELECT _latest, _instance_id, CAST(counts AS VARCHAR) AS counts FROM raw.app_old ORDER BY ALL`);
      expect(raw).toEqual([1, 2].flatMap((latest) => [0, 1, 2, 3, 4].map((r) => ({ _latest: latest, _instance_id: `i${latest}-${r}`, counts: String(r * latest) }))));
      // A view without a provenance column is not a report: it gets no raw view.
      const rawViews = await rowsOf(lake.warehouse, `SELECT view_name FROM duckdb_views() WHERE schema_name = 'raw' AND NOT internal ORDER BY 1`);
      expect(rawViews.map((r) => r.view_name)).toEqual(['app_old']);
    } finally {
      await lake.close();
    }
  }, 60_000);

  it('refuses a live lock, takes over a dead or silent one', async () => {
    const held = await acquireLakeLock(lakeDir);
    await expect(acquireLakeLock(lakeDir)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(`pid ${process.pid}`) });
    await held.release();

    const lockFile = path.join(lakeDir, '_orchard', LOCK_FILE);
    // A process of this host that no longer exists (pid beyond the kernel's maximum).
    await writeFile(lockFile, JSON.stringify({ host: os.hostname(), user: 'x', pid: 2 ** 30, startedAt: new Date().toISOString() }));
    await (await acquireLakeLock(lakeDir)).release();

    // Another machine's lock, live a moment ago: refused; untouched for longer than the stale limit: taken.
    await writeFile(lockFile, JSON.stringify({ host: 'elsewhere', user: 'x', pid: 1, startedAt: new Date().toISOString() }));
    await expect(acquireLakeLock(lakeDir, { staleAfterMs: 60_000 })).rejects.toMatchObject({ code: 'CONFLICT' });
    const old = new Date(Date.now() - 120_000);
    await utimes(lockFile, old, old);
    const taken = await acquireLakeLock(lakeDir, { staleAfterMs: 60_000 });
    expect(taken.owner.pid).toBe(process.pid);
    await taken.release();
  });
});
