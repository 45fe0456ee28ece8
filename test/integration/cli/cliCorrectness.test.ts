// The CLI says what is wrong in one line and never does something surprising: read commands refuse
// a folder without a warehouse (nothing is created), data-dir mistakes and unknown report names exit
// 2, an unknown app ID is named as such, `query | head` ends quietly, JSON is one array with exact
// numbers, several apps sync in one run, and status shows this computer's side.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAsc, type FakeAsc } from '../../fake-asc';
import { CLI, REPO_ROOT, ensureCliBuilt, runCli } from '../../support/builtCli';
import { makeTestApiKey, type TestApiKey } from '../../support/testKeys';

const APPS = ['1476097583', '1500000001'];
let fake: FakeAsc;
let key: TestApiKey;
let dir: string;
let dataDir: string;
let keyFile: string;
const keyArgs = () => ['--key-file', keyFile, '--issuer-id', key.issuerId, '--base-url', fake.baseUrl];
const ONE_REPORT = ['--reports', 'app downloads standard', '--granularity', 'DAILY'];

// Every test spawns processes: limits are generous so a machine five times slower still passes.
beforeAll(async () => {
  ensureCliBuilt();
  fake = await startFakeAsc({ seed: 11, inactivityDays: Infinity, rowsScale: 5, followWallClock: true });
  fake.addApp({ id: APPS[0]!, name: 'First', bundleId: 'com.example.first', sku: 'A' });
  fake.addApp({ id: APPS[1]!, name: 'Second', bundleId: 'com.example.second', sku: 'B' });
  key = makeTestApiKey();
  fake.registerKey({ keyId: key.keyId, issuerId: key.issuerId, publicKeyPem: key.publicKeyPem, role: 'ADMIN' });
  for (const app of APPS) fake.createRequest(app, 'ONGOING', { createdAt: new Date(Date.now() - 8 * 86_400_000) });
  dir = await mkdtemp(path.join(os.tmpdir(), 'orchard-cli-correct-'));
  dataDir = path.join(dir, 'data');
  keyFile = path.join(dir, `AuthKey_${key.keyId}.p8`);
  await writeFile(keyFile, key.privateKeyPem);
}, 600_000);
afterAll(async () => {
  await fake?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('orchard CLI correctness', () => {
  it('syncs several apps in one run, one summary each, and status shows this computer', async () => {
    const sync = await runCli(['sync', '--app', APPS[0]!, '--app', APPS[1]!, ...keyArgs(), '--data-dir', dataDir, ...ONE_REPORT]);
    expect(sync.code, sync.stderr).toBe(0);
    for (const app of APPS) expect(sync.stderr).toMatch(new RegExp(`App ${app}: Sync succeeded: 1 report, [1-9][\\d,]* instances? loaded`));
    const q = await runCli(['query', '--data-dir', dataDir, '--format', 'json', 'SELECT app_id, COUNT(*) AS n FROM orchard.instances GROUP BY 1 ORDER BY 1']);
    expect((JSON.parse(q.stdout) as { app_id: string }[]).map((r) => r.app_id)).toEqual(APPS);
    const status = await runCli(['status', '--data-dir', dataDir]);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/last sync: succeeded/);
    expect(status.stdout).toMatch(/instances listed but not loaded yet: 0/);
    expect(status.stdout).toMatch(/quarantined files: 0/);
    expect(status.stdout).toMatch(/\d{4}-\d{2}-\d{2} +DAILY +App Downloads Standard/);
  }, 600_000);

  it('prints JSON as one array with exact numbers as numbers, and jsonl as lines', async () => {
    const sql = "SELECT 1::BIGINT AS a, 9007199254740993::BIGINT AS big, 2.50::DECIMAL(18,2) AS usd, 'x' AS s UNION ALL SELECT 2, 3, 0.10, NULL";
    const json = await runCli(['query', '--data-dir', dataDir, '--format', 'json', sql]);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([{ a: 1, big: '9007199254740993', usd: 2.5, s: 'x' }, { a: 2, big: 3, usd: 0.1, s: null }]);
    const lines = await runCli(['query', '--data-dir', dataDir, '--format', 'jsonl', 'SELECT range AS n FROM range(3)']);
    expect(lines.stdout).toBe('{"n":0}\n{"n":1}\n{"n":2}\n');
  }, 600_000);

  it('ends quietly when the reader of `query` goes away (query | head)', async () => {
    const child = spawn(process.execPath, [CLI, 'query', '--data-dir', dataDir, '--format', 'csv', 'SELECT range AS n, repeat(\'x\', 50) AS pad FROM range(2000000)'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    let first = '';
    child.stdout.once('data', (c: Buffer) => {
      first = String(c);
      child.stdout.destroy();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(first.startsWith('n,pad\n0,')).toBe(true);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 600_000);

  it('refuses a data folder without a warehouse, a file and a missing folder in one line, creating nothing', async () => {
    const empty = path.join(dir, 'empty');
    await mkdir(empty);
    const file = path.join(dir, 'a-file');
    await writeFile(file, 'not a folder');
    const missing = path.join(dir, 'typo');
    for (const [args, reason] of [
      [['query', '--data-dir', empty, 'SELECT 1'], /No Orchard warehouse in .*empty/],
      [['status', '--data-dir', empty], /No Orchard warehouse in .*empty/],
      [['query', '--data-dir', missing, 'SELECT 1'], /No data folder at .*typo.*nothing was created/],
      [['query', '--data-dir', file, 'SELECT 1'], /a-file is a file, not a folder/],
      [['sync', '--app', APPS[0]!, ...keyArgs(), '--data-dir', file], /a-file is a file/],
    ] as const) {
      const run = await runCli([...args]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(reason);
    }
    expect(await readdir(empty)).toEqual([]);
    expect(existsSync(missing)).toBe(false);
  }, 600_000);

  it('names an unknown report or app for what it is (exit 2)', async () => {
    const report = await runCli(['sync', '--app', APPS[0]!, ...keyArgs(), '--data-dir', dataDir, '--reports', 'No Such Report']);
    expect(report.code).toBe(2);
    expect(report.stderr.split('\n')[0]).toMatch(/Unknown report "No Such Report"\. Known reports: .*App Downloads Standard.*App Sessions Standard/);
    const app = await runCli(['sync', '--app', '999999999', ...keyArgs(), '--data-dir', dataDir]);
    expect(app.code).toBe(2);
    expect(app.stderr).toMatch(/Apple knows no app with ID 999999999/);
    expect(app.stderr).not.toMatch(/35 days/);
  }, 600_000);
});
