// Interruptions are told truthfully: Ctrl-C or SIGTERM while loading is acknowledged, exits 130/143
// and records the run as cancelled with what it kept; a run killed outright is recorded as
// interrupted by the next start; a run that cannot be recorded (disk full) still ends with its summary.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSync } from '../../../main/sync/syncEngine';
import type { SyncStore } from '../../../main/sync/syncStore';
import { createWarehouseSyncStore } from '../../../main/sync/warehouseSyncStore';
import { startFakeAsc, type FakeAsc } from '../../fake-asc';
import { ensureCliBuilt, runCli } from '../../support/builtCli';
import { makeTestApiKey, type TestApiKey } from '../../support/testKeys';
import { APP_ID, startSyncHarness } from '../sync/syncHarness';

let fake: FakeAsc;
let key: TestApiKey;
let dir: string;
let keyFile: string;

beforeAll(async () => {
  ensureCliBuilt();
  // Real time (the child signs tokens with its own clock), and enough rows that loading lasts a while.
  fake = await startFakeAsc({ seed: 5, inactivityDays: Infinity, rowsScale: 150, followWallClock: true });
  fake.addApp({ id: APP_ID, name: 'Example App', bundleId: 'com.example.app', sku: 'EX' });
  key = makeTestApiKey();
  fake.registerKey({ keyId: key.keyId, issuerId: key.issuerId, publicKeyPem: key.publicKeyPem, role: 'ADMIN' });
  fake.createRequest(APP_ID, 'ONGOING', { createdAt: new Date(Date.now() - 12 * 86_400_000) });
  dir = await mkdtemp(path.join(os.tmpdir(), 'orchard-interrupt-'));
  keyFile = path.join(dir, `AuthKey_${key.keyId}.p8`);
  await writeFile(keyFile, key.privateKeyPem);
}, 300_000);
afterAll(async () => {
  await fake?.close();
  await rm(dir, { recursive: true, force: true });
});

const syncArgs = (dataDir: string) => ['sync', '--app', APP_ID, '--key-file', keyFile, '--issuer-id', key.issuerId, '--base-url', fake.baseUrl, '--data-dir', dataDir, '--concurrency', '2'];
/** The load phase is announced before its first batch starts. */
const loading = (text: string) => /\[loading\] +Loading \d+ instance/.test(text);
/** How the summary lines count instances: "1 instance", "1,234 instances". */
const instances = (n: number) => `${n.toLocaleString('en-US')} instance${n === 1 ? '' : 's'}`;

async function records(dataDir: string): Promise<{ runs: { outcome: string; counts: Record<string, number>; errors: { kind: string; message?: string }[] }[]; ingested: number }> {
  const q = await runCli(['query', '--data-dir', dataDir, '--format', 'json',
    `SELECT outcome, CAST(counts AS VARCHAR) AS counts, CAST(errors AS VARCHAR) AS errors,
       (SELECT COUNT(*) FROM orchard.instances WHERE state = 'ingested') AS ingested
     FROM orchard.sync_runs ORDER BY started_at`]);
  expect(q.code, q.stderr).toBe(0);
  const rows = JSON.parse(q.stdout) as { outcome: string; counts: string; errors: string; ingested: number }[];
  return { runs: rows.map((r) => ({ outcome: r.outcome, counts: JSON.parse(r.counts), errors: JSON.parse(r.errors) })), ingested: rows[0]?.ingested ?? 0 };
}

describe('interruptions', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s while loading is acknowledged, exits %i and records a cancelled run with what it kept', async (signal, exitCode) => {
    const dataDir = path.join(dir, signal);
    const run = await runCli(syncArgs(dataDir), { env: { ORCHARD_PROGRESS_INTERVAL_MS: '0' }, onStderr: (text) => loading(text) && signal });
    expect(run.code, run.stderr).toBe(exitCode);
    expect(run.stderr).toMatch(/Stopping the sync after the current batch…/);
    expect(run.stderr).toMatch(/Sync cancelled: .*?([\d,]+) instances? loaded/);
    const { runs, ingested } = await records(dataDir);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.outcome).toBe('cancelled');
    expect(runs[0]!.counts.instancesIngested).toBe(ingested);
    // Stopped in the load phase: not everything listed was loaded, and the summary says so.
    const listed = Number(/instances \d+\/(\d+)/.exec(run.stderr)?.[1]);
    expect(listed).toBeGreaterThan(ingested);
    expect(run.stderr).toContain(`${instances(ingested)} loaded`);
  }, 600_000);

  it('a run killed outright is recorded as interrupted, with what it kept, by the next start', async () => {
    const dataDir = path.join(dir, 'killed');
    const killed = await runCli(syncArgs(dataDir), { env: { ORCHARD_PROGRESS_INTERVAL_MS: '0' }, onStderr: loading });
    expect(killed.signal).toBe('SIGKILL');
    const status = await runCli(['status', '--data-dir', dataDir]);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/last sync: interrupted/);
    expect(status.stdout).toMatch(/stopped before this sync finished/);
    const { runs, ingested } = await records(dataDir);
    expect(runs.map((r) => r.outcome)).toEqual(['interrupted']);
    expect(runs[0]!.counts.instancesIngested).toBe(ingested);
    expect(runs[0]!.errors[0]?.message).toContain(`Kept: ${instances(ingested)} loaded`);
  }, 600_000);

  it('a run whose record cannot be written (disk full) still ends with its summary', async () => {
    const h = await startSyncHarness();
    try {
      const store: SyncStore = {
        ...createWarehouseSyncStore(h.warehouse),
        finishRun: async () => {
          throw new Error('TransactionContext Error: Failed to commit: could not write file "orchard.duckdb.wal": No space left on device');
        },
      };
      const summary = await runSync({ appId: APP_ID }, { client: h.client, store, dataDir: h.dataDir, now: () => h.fake.clock.now(), onProgress: () => undefined });
      expect(summary.outcome).toBe('succeeded');
      expect(summary.notes.join(' ')).toMatch(/could not be recorded in the warehouse \(The disk is full: .*\); the next start marks it interrupted/);
    } finally {
      await h.close();
    }
  }, 120_000);
});
