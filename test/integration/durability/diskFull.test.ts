// A disk that fills up while loading is told like one that fills up while downloading: one clear
// DISK_FULL message, the run stops (no error per report), and the CLI's rebuild exits 5 keeping the
// previous warehouse. Needs a small real tmpfs (root on Linux, as on CI); skipped where none can be mounted.
import { execFileSync } from 'node:child_process';
import { cp, mkdir, rm, statfs, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/logging/logger';
import { runSync } from '../../../main/sync/syncEngine';
import { readRebuildMarker } from '../../../main/sync/rebuildMarker';
import { createWarehouseSyncStore } from '../../../main/sync/warehouseSyncStore';
import { openWarehouse } from '../../../main/warehouse';
import { ensureCliBuilt, runCli } from '../../support/builtCli';
import { APP_ID, type SyncHarness } from '../sync/syncHarness';
import { ONLY_DOWNLOADS, harnessPast35Days } from './durabilityHarness';

const mountPoint = `/tmp/orchard-full-${process.pid}`;
function tryMount(): boolean {
  try {
    execFileSync('mkdir', ['-p', mountPoint]);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', mountPoint], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const mounted = process.platform === 'linux' && tryMount();

let h: SyncHarness;

/** A copy of the data folder's cache on the tmpfs. */
async function fullFolder(name: string): Promise<string> {
  const dir = path.join(mountPoint, name);
  await mkdir(dir, { recursive: true });
  await cp(path.join(h.dataDir, 'segments'), path.join(dir, 'segments'), { recursive: true });
  return dir;
}

async function fill(dir: string, leaveBytes: number): Promise<void> {
  const { bavail, bsize } = await statfs(mountPoint);
  await writeFile(path.join(dir, 'filler'), Buffer.alloc(Math.max(0, Number(bavail) * Number(bsize) - leaveBytes)));
}

beforeAll(async () => {
  if (!mounted) return;
  ensureCliBuilt();
  h = await harnessPast35Days();
}, 600_000);
afterAll(async () => {
  await h?.close();
  if (mounted) execFileSync('umount', [mountPoint]);
  await rm(mountPoint, { recursive: true, force: true });
});

describe.skipIf(!mounted)('a full disk while loading', () => {
  it('stops a sync with one DISK_FULL problem, not one raw error per report', async () => {
    const dir = await fullFolder('sync');
    const warehouse = await openWarehouse({ dataDir: dir, logger: silentLogger });
    try {
      await fill(dir, 256 * 1024);
      const summary = await runSync(
        { appId: APP_ID, concurrency: 3, ...ONLY_DOWNLOADS },
        { client: h.client, store: createWarehouseSyncStore(warehouse), dataDir: dir, now: () => h.fake.clock.now(), onProgress: () => undefined },
      );
      expect(summary.outcome, JSON.stringify(summary.issues.map((i) => [i.error.code, i.error.message.slice(0, 200)]))).toBe('failed');
      expect(summary.issues).toHaveLength(1);
      expect(summary.issues[0]!.error).toMatchObject({ code: 'DISK_FULL', message: expect.stringMatching(/^The disk is full: .*run stopped/) });
      expect(summary.instancesIngested).toBeLessThan(20);
    } finally {
      await warehouse.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it('stops `orchard rebuild` with exit 5, the previous warehouse kept and the marker left', async () => {
    const dir = await fullFolder('rebuild');
    await (await openWarehouse({ dataDir: dir, logger: silentLogger })).close();
    await fill(dir, 3 * 1024 * 1024);
    const run = await runCli(['rebuild', '--data-dir', dir]);
    expect(run.code, run.stderr).toBe(5);
    expect(run.stderr).toMatch(/The disk is full/);
    expect(run.stderr).not.toMatch(/IO Error/);
    expect((await readRebuildMarker(dir))?.state).toBe('failed');
    const status = await runCli(['status', '--data-dir', dir]);
    expect(status.code).toBe(4);
  }, 300_000);
});
