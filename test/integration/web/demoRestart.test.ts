// `npm run web -- --demo` started twice on one data folder, as a user who quits and comes back:
// each start makes a new session-only demo key, and the second start must leave that key the
// default (the first one's secret died with its process), list the apps by name and run its
// launch sync to success. The current source is bundled into a temp folder, so the test never
// runs a stale dist/web.js nor rewrites the dist/ others run.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/builtCli';
import { DEMO_APPS } from '../../fake-asc';
import { DEMO_KEY_LABEL } from '../../../main/web/demoMode';
import type { KeyInfo } from '../../../shared/keys';
import type { AppList } from '../../../shared/ipc/appsCommands';
import type { SyncSummary } from '../../../shared/sync';

const work = mkdtempSync(path.join(os.tmpdir(), 'orchard-demo-restart-'));
const webJs = path.join(work, 'web.js');
const dataDir = path.join(work, 'data');
const children: ChildProcess[] = [];

beforeAll(async () => {
  await build({
    entryPoints: [path.join(REPO_ROOT, 'main/web/webMain.ts')],
    outfile: webJs,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron', '@duckdb/node-api', '@duckdb/node-bindings', '@napi-rs/keyring'],
    define: { ORCHARD_VERSION: '"0.0.0-test"' },
    logLevel: 'warning',
  });
}, 120_000);

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

interface Running {
  child: ChildProcess;
  call<T>(command: string, payload?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/** Starts the demo and resolves once it prints its URL (with the session's token). */
function startDemo(): Promise<Running> {
  // The bundle lives outside the repo: its native externals resolve through NODE_PATH.
  const child = spawn(process.execPath, [webJs, '--demo', '--data-dir', dataDir, '--port', '0'], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_PATH: path.join(REPO_ROOT, 'node_modules') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c));
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`demo exited with ${code}: ${stderr.slice(-2000)}`)));
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c;
      const found = /(http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+)/.exec(stdout);
      if (!found) return;
      const [, base, token] = found as unknown as [string, string, string];
      resolve({
        child,
        async call<T>(command: string, payload: unknown = {}) {
          const res = await fetch(`${base}/ipc/${command}`, {
            method: 'POST',
            headers: { 'x-orchard-token': token, 'content-type': 'application/json', origin: base },
            body: JSON.stringify(payload),
          });
          const envelope = (await res.json()) as { ok: true; value: T } | { ok: false; error: { message: string } };
          if (!envelope.ok) throw new Error(`${command}: ${envelope.error.message}`);
          return envelope.value;
        },
        stop: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** Resolves with the first sync of `appId` that started after `since` and has ended. */
async function syncEndedAfter(demo: Running, appId: string, since: Date): Promise<SyncSummary> {
  for (;;) {
    const history = await demo.call<SyncSummary[]>('sync:history', { appId, limit: 5 });
    const run = history.find((s) => new Date(s.startedAt) >= since && s.endedAt !== '');
    if (run) return run;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('npm run web -- --demo, restarted on the same data folder', () => {
  it('makes the new demo key the default, drops the dead one, names the apps and syncs at launch', async () => {
    const app = DEMO_APPS[0];
    if (!app) throw new Error('the demo seeds apps');

    const first = await startDemo();
    const firstKeys = await first.call<KeyInfo[]>('keys:list');
    expect(firstKeys).toHaveLength(1);
    await first.call('apps:select', { appId: app.id });
    const firstStart = new Date();
    await first.call('sync:start', { appId: app.id });
    expect((await syncEndedAfter(first, app.id, firstStart)).outcome).toBe('succeeded');
    await first.stop();

    const secondStart = new Date();
    const second = await startDemo();
    const keys = await second.call<KeyInfo[]>('keys:list');
    expect(keys.map((k) => ({ label: k.label, status: k.status, isDefault: k.isDefault }))).toEqual([{ label: DEMO_KEY_LABEL, status: 'ready', isDefault: true }]);
    expect(keys[0]?.keyId).not.toBe(firstKeys[0]?.keyId);
    const apps = await second.call<AppList>('apps:list');
    expect(apps.keyId).toBe(keys[0]?.keyId);
    expect(apps.apps.map((a) => a.name).sort()).toEqual(DEMO_APPS.map((a) => a.name).sort());
    expect(await second.call('apps:selected')).toEqual({ selectedAppId: app.id });
    // Nobody starts this one: the launch sync does, with the new key.
    const launchSync = await syncEndedAfter(second, app.id, secondStart);
    expect(launchSync.outcome).toBe('succeeded');
    expect(launchSync.issues).toEqual([]);
    await second.stop();
  }, 240_000);
});
