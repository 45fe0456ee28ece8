// The lake through the CLI as a user runs it: publish, query the lake like the warehouse, a second
// publisher refused, publishes SIGKILLed at several points (the lake stays whole, the next one
// completes), a reader following current.json during a publish, and a restatement that rewrites
// only the partitions whose rows changed.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCurrentSnapshot } from '../../../main/lake';
import { acquireLakeLock } from '../../../main/lake/lakeLock';
import { buildLakeCli, runLakeCli } from './lakeCli';
import { expectReportTotalsEqual, readLake, startLakeHarness, type LakeHarness, type LakeRead } from './lakeHarness';

let h: LakeHarness;
let cli: string;
beforeAll(async () => {
  [h, cli] = await Promise.all([startLakeHarness(), buildLakeCli()]);
  await h.syncAll();
}, 300_000);
afterAll(() => h?.close());

const publish = (onStderr?: (text: string) => boolean) => runLakeCli(cli, ['publish', '--lake', h.lakeDir, '--data-dir', h.dataDir], onStderr);

/** Per table and partition, the partition's rows as sorted JSON lines: what a reader sees. */
function contents(lake: LakeRead): Map<string, string> {
  const out = new Map<string, string>();
  for (const table of lake.snapshot.tables) {
    const byKey = new Map<string, string[]>();
    const rows = lake.tables.get(`${table.schema}.${table.name}`) ?? [];
    for (const r of rows) {
      const key = table.partitionBy.map((p) => `${p.name}=${String(r[p.name])}`).join('/');
      byKey.set(key, [...(byKey.get(key) ?? []), JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))]);
    }
    for (const [key, lines] of byKey) out.set(`${table.schema}.${table.name}/${key}`, lines.sort().join('\n'));
  }
  return out;
}

/** Parquet files on disk modified since `since` (killed publishes' leftovers are older). */
async function parquetFilesSince(since: number): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string) => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.name.endsWith('.parquet') && (await stat(full)).mtimeMs >= since) found.push(full);
    }
  };
  await walk(h.lakeDir);
  return found;
}

describe('orchard publish / query --lake', () => {
  it('publishes, and query --lake answers as query on the warehouse does', async () => {
    const run = await publish();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Published snapshot 1 to .*: \d+ tables/);
    expect(run.stderr).toMatch(/\[publish writing\] main\.app_downloads_standard/);
    for (const sql of [
      'SELECT date, sum(counts) AS n FROM app_downloads_standard GROUP BY ALL ORDER BY ALL',
      'SELECT date, currency, sum(units) AS u, sum(proceeds) AS p FROM sales.daily GROUP BY ALL ORDER BY ALL',
      'SELECT * FROM weekly.app_crashes ORDER BY ALL',
    ]) {
      const [lake, warehouse] = await Promise.all([
        runLakeCli(cli, ['query', '--lake', h.lakeDir, '--format', 'csv', sql]),
        runLakeCli(cli, ['query', '--data-dir', h.dataDir, '--format', 'csv', sql]),
      ]);
      expect(lake.code, lake.stderr).toBe(0);
      expect(lake.stdout.split('\n').length, sql).toBeGreaterThan(5);
      expect(lake.stdout, sql).toBe(warehouse.stdout);
      expect(lake.stderr).toMatch(/snapshot 1, published .* by .*@.* \(read-only\)/);
    }
  }, 180_000);

  it('refuses a second publisher while the lock is held', async () => {
    const lock = await acquireLakeLock(h.lakeDir);
    try {
      const run = await publish();
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(/Another publish to this lake is running: .*pid \d+/);
    } finally {
      await lock.release();
    }
  }, 60_000);

  it('survives SIGKILL at several points, then writes only the partitions a restatement changed', async () => {
    const before = await readLake(h.lakeDir);
    const beforeContents = contents(before);
    // Apple restates the last days and adds new ones.
    h.fake.clock.advanceDays(3);
    await h.syncAll();

    const killAt: ((stderr: string) => boolean)[] = [
      (s) => /\[publish writing\]/.test(s),
      (s) => (s.match(/\[publish writing\]/g) ?? []).length >= 6,
      (s) => /\[publish checksums\]/.test(s),
      (s) => /\[publish committing\]/.test(s),
    ];
    for (const [i, when] of killAt.entries()) {
      const run = await publish(when);
      expect(run.signal, `kill point ${i}: ${run.stderr}`).toBe('SIGKILL');
      // Whatever was killed, current.json names a whole snapshot whose files match their checksums.
      const lake = await readLake(h.lakeDir);
      if (lake.snapshot.snapshot === before.snapshot.snapshot) expect(contents(lake)).toEqual(beforeContents);
    }

    // A reader following current.json while the publish runs never sees a mix of snapshots.
    const seen = new Set<number>();
    let publishing = true;
    const reader = (async () => {
      while (publishing) seen.add((await readLake(h.lakeDir)).snapshot.snapshot);
    })();
    const started = Date.now();
    const done = await publish();
    publishing = false;
    await reader;
    expect(done.code, done.stderr).toBe(0);
    expect(seen.size).toBeGreaterThan(0);

    const after = await readLake(h.lakeDir);
    expect(await expectReportTotalsEqual(h, after)).toEqual(new Set(['main', 'weekly', 'monthly']));
    // Only partitions whose rows differ from the earlier snapshot got files of the new one.
    const afterContents = contents(after);
    const changed = [...afterContents].filter(([key, rows]) => beforeContents.get(key) !== rows).map(([key]) => key).sort();
    const n = after.snapshot.snapshot;
    const written = after.snapshot.tables.flatMap((t) => t.partitions.filter((p) => p.files.some((f) => path.basename(f.path).startsWith(`s${n}_`)))
      .map((p) => `${t.schema}.${t.name}/${p.key}`)).sort();
    expect(written).toEqual(changed);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.length).toBeLessThan(afterContents.size / 2);
    // Counted on disk: the files this publish wrote are exactly those of the changed partitions.
    const onDisk = await parquetFilesSince(started - 1);
    expect(onDisk.length).toBe(after.snapshot.tables.flatMap((t) => t.partitions.filter((p) => written.includes(`${t.schema}.${t.name}/${p.key}`)).flatMap((p) => p.files)).length);
    expect((await readCurrentSnapshot(h.lakeDir))?.current.snapshot).toBe(n);
  }, 400_000);
});
