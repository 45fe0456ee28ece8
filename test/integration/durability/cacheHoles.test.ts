// A cached file deleted or changed behind Orchard's back is noticed cheaply on the next sync (size
// and modification time against the manifest) and fetched again while Apple still lists its
// instance, or reported as a hole once Apple has deleted it; `orchard verify` hashes every file.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCache } from '../../../main/sync/cacheCheck';
import { absoluteFile, listCachedInstances, type CachedInstance } from '../../../main/sync/segmentManifest';
import { ensureCliBuilt, runCli } from '../../support/builtCli';
import { APP_ID, sortedEntries, type SyncHarness } from '../sync/syncHarness';
import { ONLY_DOWNLOADS, harnessPast35Days, truth } from './durabilityHarness';

let h: SyncHarness;
let listedNow: Set<string>;
let cached: CachedInstance[];

beforeAll(async () => {
  ensureCliBuilt();
  h = await harnessPast35Days();
  listedNow = new Set(h.fake.instances({ appId: APP_ID }).map((i) => i.id));
  cached = (await listCachedInstances(h.dataDir)).instances;
}, 600_000);
afterAll(async () => h?.close());

describe('the cache checked against its manifests', () => {
  it('re-fetches a deleted file Apple still has, and reports a deleted file Apple no longer has as a hole', async () => {
    const stillListed = cached.filter((c) => listedNow.has(c.manifest.instanceId)).at(-1)!;
    const expired = cached.find((c) => !listedNow.has(c.manifest.instanceId))!;
    expect(stillListed && expired).toBeTruthy();
    const refetch = absoluteFile(h.dataDir, stillListed.manifest.segments[0]!.file);
    const lost = absoluteFile(h.dataDir, expired.manifest.segments[0]!.file);
    const original = await readFile(refetch);
    await rm(refetch);
    await rm(lost);

    h.fake.resetStats();
    const summary = await h.sync(ONLY_DOWNLOADS);
    expect(summary.outcome).toBe('succeeded');
    expect(summary.segmentsDownloaded).toBe(1);
    expect(h.fake.stats().downloads).toBe(1);
    expect(await readFile(refetch)).toEqual(original);
    const hole = summary.notes.filter((n) => /not fetched again/.test(n));
    expect(hole).toHaveLength(1);
    expect(hole[0]).toContain(expired.manifest.processingDate);
    // The rows loaded before the file went missing are still in the warehouse.
    expect(sortedEntries(await h.viewTotals('app_downloads_standard', 'counts'))).toEqual(sortedEntries(truth(h, 'everProduced')));
  }, 300_000);

  it('finds a file changed in place (same size) by its MD5, and `orchard verify` lists every problem', async () => {
    const victim = cached.filter((c) => listedNow.has(c.manifest.instanceId))[0]!;
    const file = absoluteFile(h.dataDir, victim.manifest.segments[0]!.file);
    const bytes = await readFile(file);
    bytes[bytes.length - 5] = bytes[bytes.length - 5]! ^ 0xff;
    await writeFile(file, bytes);
    const cheap = await checkCache(h.dataDir);
    expect(cheap.problems.map((p) => [p.instance.manifest.instanceId, p.problem])).toEqual(
      expect.arrayContaining([[victim.manifest.instanceId, 'damaged']]),
    );
    const verify = await runCli(['verify', '--data-dir', h.dataDir]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(new RegExp(`damaged +App Downloads Standard daily ${victim.manifest.processingDate}`));
    expect(verify.stdout).toMatch(/missing +App Downloads Standard daily/);
    expect(verify.stderr).toMatch(/Verified [\d,]+ files? .* 2 missing or damaged/);
  }, 300_000);
});
