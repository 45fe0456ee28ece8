// Size is not identity: a cached file changed in place (one byte, same size) is hashed when its
// time differs from the manifest's, or when its load fails; a bad copy is fetched again while
// Apple lists its instance, or reported as a hole the rebuild does not load once Apple has not.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/logging/logger';
import { matchesChecksum } from '../../../main/sync/cacheCheck';
import { rebuildFromCache } from '../../../main/sync/rebuild';
import { absoluteFile, listCachedInstances, readManifest, type CachedInstance } from '../../../main/sync/segmentManifest';
import { openWarehouseWithHealth } from '../../../main/sync/warehouseAccess';
import { withProvenance } from '../../support/rowProvenance';
import { APP_ID, type SyncHarness } from '../sync/syncHarness';
import { DOWNLOADS, ONLY_DOWNLOADS, deleteWarehouseFile, harnessPast35Days } from './durabilityHarness';

let h: SyncHarness;
let listedNow: Set<string>;
let cached: CachedInstance[];

/**
 * Flips one byte in the middle of the deflate stream: same size, different content. `keepTime`: as
 * if the time had been kept (a copy tool, a restore), the manifest is made to note the new time.
 */
async function flipMiddleByte(instance: CachedInstance, keepTime: boolean): Promise<void> {
  const file = absoluteFile(h.dataDir, instance.manifest.segments[0]!.file);
  const before = await stat(file);
  const bytes = await readFile(file);
  const at = Math.floor(bytes.length / 2);
  bytes[at] = bytes[at]! ^ 0x5a;
  await writeFile(file, bytes);
  const after = await stat(file);
  expect(after.size).toBe(before.size);
  if (!keepTime) return;
  const manifest = JSON.parse(await readFile(instance.manifestPath, 'utf8')) as { segments: { mtimeMs: number }[] };
  manifest.segments[0]!.mtimeMs = after.mtimeMs;
  await writeFile(instance.manifestPath, JSON.stringify(manifest));
}

beforeAll(async () => {
  h = await harnessPast35Days();
  listedNow = new Set(h.fake.instances({ appId: APP_ID }).map((i) => i.id));
  cached = (await listCachedInstances(h.dataDir)).instances;
}, 600_000);
afterAll(async () => h?.close());

describe('cached files verified by content', () => {
  it('re-downloads a file changed in place while Apple still lists its instance, and the manifest stays right', async () => {
    const victim = cached.filter((c) => listedNow.has(c.manifest.instanceId)).at(-1)!;
    const file = absoluteFile(h.dataDir, victim.manifest.segments[0]!.file);
    const original = await readFile(file);
    await flipMiddleByte(victim, false);

    h.fake.resetStats();
    const first = await h.sync(ONLY_DOWNLOADS);
    expect(first.outcome, JSON.stringify(first.issues)).toBe('succeeded');
    expect(h.fake.stats().downloads).toBe(1);
    expect(first.segmentsDownloaded).toBe(1);
    expect(await readFile(file)).toEqual(original);
    const manifest = (await readManifest(victim.manifestPath))!;
    const entry = manifest.segments[0]!;
    expect(entry.mtimeMs).toBe((await stat(file)).mtimeMs);
    expect(await matchesChecksum(file, entry.checksum)).toBe(true);

    h.fake.resetStats();
    const second = await h.sync(ONLY_DOWNLOADS);
    expect(second.outcome).toBe('succeeded');
    expect(h.fake.stats().downloads).toBe(0);
  }, 300_000);

  it('an expired instance whose file changed (time kept or not) is a hole: the rebuild names it and loads none of it', async () => {
    const expired = cached.filter((c) => !listedNow.has(c.manifest.instanceId)).slice(0, 2);
    expect(expired).toHaveLength(2);
    // One with its time changed (found by the cheap check), one with its time kept (found when its load fails).
    await flipMiddleByte(expired[0]!, false);
    await flipMiddleByte(expired[1]!, true);

    const synced = await h.sync(ONLY_DOWNLOADS);
    expect(synced.notes.filter((n) => /not fetched again/.test(n)).join('\n')).toContain(expired[0]!.manifest.processingDate);
    await h.warehouse.close();
    await deleteWarehouseFile(h.dataDir);
    const { warehouse } = await openWarehouseWithHealth({ dataDir: h.dataDir, logger: silentLogger, damaged: 'report' });
    try {
      const summary = await rebuildFromCache({ warehouse, dataDir: h.dataDir });
      expect(summary.outcome).toBe('partial');
      expect(summary.failures).toEqual([]);
      expect(new Set(summary.holes.map((x) => x.instanceId))).toEqual(new Set(expired.map((e) => e.manifest.instanceId)));
      expect(summary.holes.every((x) => x.problem === 'damaged')).toBe(true);
      const loaded = await warehouse.metadata.read(
        `SELECT COUNT(*) AS n FROM ${withProvenance(`raw.${DOWNLOADS.table}`)} WHERE _instance_id IN (${expired.map((e) => `'${e.manifest.instanceId}'`).join(', ')})`,
      );
      expect(Number(loaded[0]?.n)).toBe(0);
      // Every loaded row names its file, so a missing key cannot hide the expired instances' rows.
      const unkeyed = await warehouse.metadata.read(
        `SELECT COUNT(*) AS n FROM raw.${DOWNLOADS.table} AS t ANTI JOIN orchard.segment_keys AS k ON k.segment_key = t._segment_key`,
      );
      expect(Number(unkeyed[0]?.n)).toBe(0);
      expect(summary.instancesLoaded).toBe(cached.length - 2);
      // The file whose time was kept is distrusted from now on: the cheap check hashes it.
      expect((await readManifest(expired[1]!.manifestPath))!.segments[0]!.mtimeMs).toBe(-1);
    } finally {
      await warehouse.close();
    }
  }, 300_000);
});
