// The scale bench's process figures (issue 13), measured on the real CLI (dist/cli.js) as a user
// runs it, against the fake App Store Connect, into the bench's big warehouse: peak RSS of a sync
// (the child's own getrusage maxRSS, written at exit by a preload) and where it was reached (the
// child's /proc status sampled per progress phase, rssPhases.ts), API calls per app of a second
// sync with nothing new (counted by the fake), and the time of `orchard status` on that warehouse.
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sampleRssByPhase, type PhaseRss } from './rssPhases';
import { startFakeAsc } from '../fake-asc';
import { makeTestApiKey } from '../support/testKeys';
import { CLI, REPO_ROOT, ensureCliBuilt } from '../support/builtCli';

export interface SyncFigures {
  apps: number;
  activity: number;
  /** The first sync's summary line per app. */
  summary: string;
  syncSeconds: number;
  peakRssBytes: number;
  /** The first sync's resident set per phase, in the order the phases came. */
  rssPhases: PhaseRss[];
  noOpCallsPerApp: number;
  noOpDownloads: number;
  statusSeconds: number;
}

interface ChildRun {
  code: number | null;
  stderr: string;
  seconds: number;
  maxRssBytes: number;
  rssPhases: PhaseRss[];
}

/** Writes the child's peak resident set (getrusage, kilobytes on Linux) to a file as it exits. */
const PRELOAD = `process.on('exit', () => {
  require('node:fs').writeFileSync(process.env.ORCHARD_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS * 1024));
});\n`;

function runChild(args: readonly string[], preload: string, rssFile: string): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    // Every progress event, so each phase change is seen when it happens.
    const child = spawn(process.execPath, ['--require', preload, CLI, ...args], {
      cwd: REPO_ROOT, env: { ...process.env, ORCHARD_BENCH_RSS_FILE: rssFile, ORCHARD_PROGRESS_INTERVAL_MS: '0' }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    const sampler = sampleRssByPhase(child.pid);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
      sampler.saw(String(chunk));
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const rssPhases = sampler.stop();
      readFile(rssFile, 'utf8').then((text) => resolve({ code, stderr, seconds, maxRssBytes: Number(text), rssPhases }), reject);
    });
  });
}

/** `apps` fake apps with a month of ONGOING data each (every report, rows × `activity`), synced into `dataDir`. */
export async function measureSync(work: string, dataDir: string, apps: number, activity: number): Promise<SyncFigures> {
  ensureCliBuilt();
  const fake = await startFakeAsc({ seed: 13, inactivityDays: Infinity, followWallClock: true, varyJson: false });
  try {
    const key = makeTestApiKey();
    fake.registerKey({ keyId: key.keyId, issuerId: key.issuerId, publicKeyPem: key.publicKeyPem, role: 'ADMIN' });
    for (let i = 0; i < apps; i += 1) {
      const id = String(1476097583 + i);
      fake.addApp({ id, name: `Scale App ${i}`, bundleId: `com.example.scale${i}`, sku: `SCALE${i}`, activity });
      fake.createRequest(id, 'ONGOING', { createdAt: new Date(Date.now() - 30 * 86_400_000) });
    }
    const keyFile = path.join(work, `AuthKey_${key.keyId}.p8`);
    const preload = path.join(work, 'rss-preload.cjs');
    await writeFile(keyFile, key.privateKeyPem);
    await writeFile(preload, PRELOAD);
    const syncArgs = ['sync', '--all-apps', '--key-file', keyFile, '--issuer-id', key.issuerId, '--base-url', fake.baseUrl, '--data-dir', dataDir];
    const rssFile = path.join(work, 'rss.txt');
    const first = await runChild(syncArgs, preload, rssFile);
    if (first.code !== 0) throw new Error(`sync exited ${first.code}: ${first.stderr.slice(-2000)}`);
    fake.resetStats();
    const second = await runChild(syncArgs, preload, rssFile);
    if (second.code !== 0) throw new Error(`second sync exited ${second.code}: ${second.stderr.slice(-2000)}`);
    const stats = fake.stats();
    let statusSeconds = Infinity;
    for (let i = 0; i < 3; i += 1) {
      const status = await runChild(['status', '--data-dir', dataDir], preload, rssFile);
      if (status.code !== 0) throw new Error(`status exited ${status.code}: ${status.stderr.slice(-2000)}`);
      statusSeconds = Math.min(statusSeconds, status.seconds);
    }
    const summary = first.stderr.split('\n').filter((line) => /^(App \d+: )?Sync \w+: /.test(line)).join('\n    ');
    return {
      apps, activity, summary, syncSeconds: first.seconds, peakRssBytes: first.maxRssBytes, rssPhases: first.rssPhases,
      noOpCallsPerApp: stats.apiCalls / apps, noOpDownloads: stats.downloads, statusSeconds,
    };
  } finally {
    await fake.close();
  }
}
