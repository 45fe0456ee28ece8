// The headless CLI as a user runs it (a child process on the built bundle) against the fake App
// Store Connect: sync with a one-run key file, status, query, exit codes — and a sync killed in
// the middle that the next run completes with correct totals and no partial instance.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAsc, type FakeAsc } from '../../fake-asc';
import { makeTestApiKey, type TestApiKey } from '../../support/testKeys';
import { ensureCliBuilt, runCli } from '../../support/builtCli';
import { withProvenance } from '../../support/rowProvenance';

const APP = '1476097583';
let fake: FakeAsc;
let key: TestApiKey;
let dir: string;
let keyFile: string;

// Every test here spawns processes: limits are generous so a machine five times slower still passes.
beforeAll(async () => {
  ensureCliBuilt();
  // Real time: the child signs tokens with its own clock.
  fake = await startFakeAsc({ seed: 3, inactivityDays: Infinity, rowsScale: 40, followWallClock: true });
  fake.addApp({ id: APP, name: 'Example App', bundleId: 'com.example.app', sku: 'EX' });
  key = makeTestApiKey();
  fake.registerKey({ keyId: key.keyId, issuerId: key.issuerId, publicKeyPem: key.publicKeyPem, role: 'ADMIN' });
  fake.createRequest(APP, 'ONGOING', { createdAt: new Date(Date.now() - 12 * 86_400_000) });
  dir = await mkdtemp(path.join(os.tmpdir(), 'orchard-cli-'));
  keyFile = path.join(dir, `AuthKey_${key.keyId}.p8`);
  await writeFile(keyFile, key.privateKeyPem);
}, 600_000);
afterAll(async () => {
  await fake?.close();
  await rm(dir, { recursive: true, force: true });
});

const keyArgs = () => ['--key-file', keyFile, '--issuer-id', key.issuerId, '--base-url', fake.baseUrl];

async function totalsFromCli(dataDir: string): Promise<[string, number][]> {
  const q = await runCli(['query', '--data-dir', dataDir, '--format', 'jsonl',
    `SELECT CAST(date AS VARCHAR) AS d, SUM(counts) AS t FROM ${withProvenance('main.app_downloads_standard')} WHERE _granularity='DAILY' GROUP BY 1 ORDER BY 1`]);
  expect(q.code, q.stderr).toBe(0);
  return q.stdout.trim().split('\n').map((l) => JSON.parse(l) as { d: string; t: number }).map((r) => [r.d, r.t]);
}

function truth(): [string, number][] {
  return [...fake.latestTotals({ appId: APP, reportName: 'App Downloads Standard', granularity: 'DAILY', metric: 'Counts' })].sort(([a], [b]) => a.localeCompare(b));
}

describe('orchard CLI', () => {
  it('syncs with a one-run key file, reports status and answers queries', async () => {
    const dataDir = path.join(dir, 'data1');
    const sync = await runCli(['sync', '--app', APP, ...keyArgs(), '--data-dir', dataDir, '--reports', 'App Downloads Standard', '--granularity', 'DAILY']);
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stderr).toMatch(/Sync succeeded: 1 report, [\d,]+ instances? loaded/);
    expect(await totalsFromCli(dataDir)).toEqual(truth());

    const status = await runCli(['status', '--app', APP, ...keyArgs(), '--data-dir', dataDir]);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/ONGOING/);
    expect(status.stdout).toMatch(/available +App Downloads Standard/);

    const csv = await runCli(['query', '--data-dir', dataDir, '--format', 'csv', 'SELECT 1 AS a, NULL AS b, \'x,y\' AS c']);
    expect(csv.stdout).toBe('a,b,c\n1,,"x,y"\n');
    // The key file was used for that run only: nothing Orchard wrote holds the key.
    const body = key.privateKeyPem.split('\n')[1]!;
    for (const f of await readdir(dataDir, { recursive: true })) {
      const p = path.join(dataDir, String(f));
      const text = await readFile(p).catch(() => null);
      if (text) expect(text.includes(body), p).toBe(false);
    }
  }, 600_000);

  it('exits 2 with a one-line reason for usage and credential errors, 2 for a SQL typo', async () => {
    const usage = await runCli(['sync']);
    expect(usage.code).toBe(2);
    expect(usage.stderr.split('\n')[0]).toMatch(/--app/);
    const wrongIssuer = await runCli(['sync', '--app', APP, '--key-file', keyFile, '--issuer-id', '11111111-2222-3333-4444-555555555555', '--base-url', fake.baseUrl, '--data-dir', path.join(dir, 'd2')]);
    expect(wrongIssuer.code).toBe(2);
    expect(wrongIssuer.stderr).toMatch(/problem: .*(issuer|key|credentials)/i);
    const typo = await runCli(['query', '--data-dir', path.join(dir, 'data1'), 'SELEC 1']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/syntax error/i);
  }, 600_000);

  it('a sync killed mid-ingest is completed by the next run with correct totals and no partial instance', async () => {
    const dataDir = path.join(dir, 'killed');
    const killed = await runCli(['sync', '--app', APP, ...keyArgs(), '--data-dir', dataDir, '--concurrency', '2'], {
      env: { ORCHARD_PROGRESS_INTERVAL_MS: '0' },
      onStderr: (text) => /\[loading\]/.test(text) && /rows \d+/.test(text),
    });
    expect(killed.signal).toBe('SIGKILL');
    const resumed = await runCli(['sync', '--app', APP, ...keyArgs(), '--data-dir', dataDir]);
    expect(resumed.code, resumed.stderr).toBe(0);
    // Loading progress now moves table by table inside a batch, before it commits: the kill may land
    // before the first commit, so what must hold is the resumed totals and no partial instance.
    expect(resumed.stderr).toMatch(/[\d,]+ already loaded/);
    expect(await totalsFromCli(dataDir)).toEqual(truth());
    const check = await runCli(['query', '--data-dir', dataDir, '--format', 'json',
      `SELECT COUNT(*) AS bad FROM orchard.instances i LEFT JOIN (SELECT _instance_id, COUNT(*) AS n FROM ${withProvenance('raw.app_downloads_standard')} GROUP BY 1) r ON r._instance_id = i.instance_id
       WHERE i.report_name = 'App Downloads Standard' AND ((i.state = 'ingested') <> (r.n IS NOT NULL AND r.n = i.row_count))`]);
    expect(JSON.parse(check.stdout)).toEqual([{ bad: 0 }]);
  }, 600_000);
});
