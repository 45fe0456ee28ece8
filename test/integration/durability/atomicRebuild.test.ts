// `orchard rebuild` is atomic: killed (SIGKILL) at several points it leaves the previous warehouse
// exactly as it was plus a marker that status and query report and that makes sync refuse; the
// next rebuild then restores every date. A swap cut short is finished or undone on the next open.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREVIOUS_FILE, REBUILD_MARKER, REBUILDING_FILE, readRebuildMarker, recoverRebuild, writeRebuildMarker } from '../../../main/sync/rebuildMarker';
import { DATABASE_FILE } from '../../../main/warehouse';
import { runCli } from '../../support/builtCli';
import { APP_ID, type SyncHarness } from '../sync/syncHarness';
import { cliDownloadsTotals, cliHarnessPast35Days, deleteWarehouseFile, truth, type CliHarness } from './durabilityHarness';

let h: SyncHarness;
let keyArgs: string[];
let cli: CliHarness | undefined;

async function totals(): Promise<Map<string, number>> {
  return new Map((await cliDownloadsTotals(h.dataDir)).trim().split('\n').filter(Boolean).map((line) => {
    const row = JSON.parse(line) as { d: string; t: string | number };
    return [row.d, Number(row.t)];
  }));
}

const leftovers = async () => (await readdir(h.dataDir)).filter((n) => n === REBUILDING_FILE || n === PREVIOUS_FILE || n.startsWith(`${REBUILDING_FILE}.`));

beforeAll(async () => {
  cli = await cliHarnessPast35Days();
  ({ h, keyArgs } = cli);
}, 600_000);
afterAll(async () => {
  await cli?.close();
});

describe('an atomic rebuild', () => {
  it('killed while checking, loading or verifying keeps the previous warehouse, reports the marker, and sync refuses', async () => {
    const before = await totals();
    expect(before.size).toBeGreaterThan(30);
    for (const point of [/\[rebuild checking\]/, /\[rebuild loading\] Loading/, /\[rebuild verifying\]/]) {
      const killed = await runCli(['rebuild', '--data-dir', h.dataDir], { onStderr: (text) => point.test(text) });
      expect(killed.signal, `${point}: ${killed.stderr}`).toBe('SIGKILL');

      const status = await runCli(['status', '--data-dir', h.dataDir]);
      expect(status.code, status.stderr).toBe(4);
      expect(status.stdout + status.stderr).toMatch(/rebuild was interrupted — run `orchard rebuild`/);
      expect(await leftovers()).toEqual([]);
      expect(await totals()).toEqual(before);

      const sync = await runCli(['sync', '--app', APP_ID, ...keyArgs, '--data-dir', h.dataDir]);
      expect(sync.code, sync.stderr).toBe(4);
      expect(sync.stderr).toMatch(/rebuild was interrupted/);
      expect(sync.stderr).not.toMatch(/succeeded/);
    }

    const rebuilt = await runCli(['rebuild', '--data-dir', h.dataDir]);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(rebuilt.stderr).toMatch(/Rebuild succeeded/);
    expect(await readRebuildMarker(h.dataDir)).toBeNull();
    expect(await leftovers()).toEqual([]);
    const status = await runCli(['status', '--data-dir', h.dataDir]);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).not.toMatch(/interrupted/);
  }, 600_000);

  it('after the warehouse was lost, a killed rebuild never leaves a warehouse that passes for complete; the next restores every date', async () => {
    await deleteWarehouseFile(h.dataDir);
    const killed = await runCli(['rebuild', '--data-dir', h.dataDir], { onStderr: (text) => /\[rebuild loading\] Loading/.test(text) });
    expect(killed.signal).toBe('SIGKILL');
    const query = await runCli(['query', '--data-dir', h.dataDir, 'SELECT 1']);
    expect(query.stderr).toMatch(/rebuild was interrupted/);
    const verify = await runCli(['verify', '--data-dir', h.dataDir]);
    expect(verify.code, verify.stderr).toBe(4);
    expect(verify.stderr).toMatch(/rebuild was interrupted/);
    const sync = await runCli(['sync', '--app', APP_ID, ...keyArgs, '--data-dir', h.dataDir]);
    expect(sync.code).toBe(4);

    const rebuilt = await runCli(['rebuild', '--data-dir', h.dataDir]);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    const after = await totals();
    expect([...after.entries()].sort()).toEqual([...truth(h, 'everProduced').entries()].sort());
  }, 600_000);
});

describe('a swap cut short', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'orchard-swap-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));
  const marker = (state: 'building' | 'swapping') => writeRebuildMarker(dir, { startedAt: 'x', pid: 2 ** 22 + 1, state });
  const files = async () => (await readdir(dir)).sort();

  it('is finished when the new file was complete, and undone while it was still being built', async () => {
    // Cut between the two renames: the new file is put in place.
    await writeFile(path.join(dir, PREVIOUS_FILE), 'old');
    await writeFile(path.join(dir, REBUILDING_FILE), 'new');
    await marker('swapping');
    expect(await recoverRebuild(dir)).toBeNull();
    expect(await files()).toEqual([DATABASE_FILE]);

    // Cut while building: the half-built file goes, the previous stays, the marker stays.
    await writeFile(path.join(dir, REBUILDING_FILE), 'half');
    await marker('building');
    expect(await recoverRebuild(dir)).not.toBeNull();
    expect(await files()).toEqual([DATABASE_FILE, REBUILD_MARKER]);
    expect((await readRebuildMarker(dir))?.state).toBe('failed');

    // Cut after the current file was renamed aside, before the swap was marked complete: put back.
    await rm(path.join(dir, REBUILD_MARKER));
    await writeFile(path.join(dir, PREVIOUS_FILE), 'old');
    await rm(path.join(dir, DATABASE_FILE));
    await marker('building');
    expect(await recoverRebuild(dir)).not.toBeNull();
    expect(await files()).toEqual([DATABASE_FILE, REBUILD_MARKER]);
  });
});
