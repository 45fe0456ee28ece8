// First launch of the packaged app (issue 23): the installer built on this machine is installed or
// unpacked like a user would, started, and driven through its own window. It must show the first
// page, keep an API key in the real OS keychain, load DuckDB's native module from
// app.asar.unpacked, finish a sync against the fake App Store Connect, quit cleanly, and start
// again on the same data with the key read back from the keychain. Runs where CI built an
// installer (ORCHARD_PACKAGED_APP); skipped elsewhere with that reason.
import { expect, test } from '@playwright/test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createKeychainSecretStore } from '../../../main/credentials';
import { startFakeAsc, type FakeAsc } from '../../fake-asc';
import { makeTestApiKey, type TestApiKey } from '../../support/testKeys';
import { REPO_ROOT } from './electronBinary';
import { installArtefact, launchApp, type InstalledApp, type RunningApp } from './packagedApp';

const ARTEFACT = process.env.ORCHARD_PACKAGED_APP;
const APP_ID = '1476097583';
const DAY_MS = 86_400_000;

test.skip(!ARTEFACT, 'No packaged app here: set ORCHARD_PACKAGED_APP to an installer built on this machine (CI does after electron-builder)');
test.setTimeout(900_000);

type Envelope = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
type PageWindow = Window & { orchard: { invoke(command: string, payload: unknown): Promise<Envelope>; on(event: string, listener: (payload: unknown) => void): () => void } };

async function invoke<T>(app: RunningApp, command: string, input: unknown): Promise<T> {
  const envelope = await app.page.evaluate(([c, i]) => (window as unknown as PageWindow).orchard.invoke(c, i), [command, input] as const);
  if (!envelope.ok) throw new Error(`${command} failed: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value as T;
}

/** Starts a sync from the page and resolves with its sync:finished summary. */
async function syncFromPage(app: RunningApp): Promise<Record<string, unknown>> {
  const envelope = await app.page.evaluate(async (appId) => {
    const bridge = (window as unknown as PageWindow).orchard;
    const finished = new Promise<unknown>((resolve) => {
      const off = bridge.on('sync:finished', (summary) => {
        off();
        resolve(summary);
      });
    });
    const started = await bridge.invoke('sync:start', { appId });
    return started.ok ? { ok: true as const, value: await finished } : started;
  }, APP_ID);
  if (!envelope.ok) throw new Error(`sync:start failed: ${JSON.stringify(envelope.error)}`);
  return envelope.value as Record<string, unknown>;
}

let work: string;
let installed: InstalledApp;
let fake: FakeAsc;
let key: TestApiKey;
let env: Record<string, string>;

test.beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'orchard-packaged-'));
  installed = installArtefact(path.resolve(REPO_ROOT, ARTEFACT!), path.join(work, 'install'));
  fake = await startFakeAsc({ followWallClock: true, inactivityDays: Infinity });
  fake.addApp({ id: APP_ID, name: 'Example App', bundleId: 'com.example.app', sku: 'EXAMPLE' });
  // A request Apple has been serving for a week, so the first sync finds reports to download.
  fake.createRequest(APP_ID, 'ONGOING', { createdAt: new Date(Date.now() - 8 * DAY_MS) });
  key = makeTestApiKey();
  fake.registerKey({ keyId: key.keyId, issuerId: key.issuerId, publicKeyPem: key.publicKeyPem, role: 'ADMIN' });
  env = { ORCHARD_DATA_DIR: path.join(work, 'data'), ORCHARD_ASC_BASE_URL: fake.baseUrl, ORCHARD_UPDATE_FEED_URL: 'off' };
});

test.afterAll(async () => {
  await fake?.close();
  // macOS would ask the user before another program touches Orchard's keychain item; CI's
  // macOS runners are thrown away after the job, so the entry is left there.
  if (key && process.platform !== 'darwin') await createKeychainSecretStore().delete(key.keyId).catch(() => false);
  installed?.uninstall();
  if (work) await rm(work, { recursive: true, force: true });
});

test('ships the native modules built for this machine outside the asar', () => {
  const unpacked = path.join(installed.resources, 'app.asar.unpacked', 'node_modules');
  const bindings = readdirSync(path.join(unpacked, '@duckdb')).filter((d) => d.startsWith('node-bindings-'));
  expect(bindings).toEqual([`node-bindings-${process.platform}-${process.arch}`]);
  expect(existsSync(path.join(unpacked, '@duckdb', bindings[0]!, 'duckdb.node'))).toBe(true);
  const keyring = readdirSync(path.join(unpacked, '@napi-rs')).filter((d) => d.startsWith('keyring-'));
  expect(keyring).toHaveLength(1);
  expect(keyring[0]).toContain(`${process.platform}-${process.arch}`);
  if (process.platform === 'win32') expect(existsSync(path.join(unpacked, '@napi-rs', keyring[0]!, 'vcruntime140.dll'))).toBe(true);
});

test('first launch, key in the OS keychain, a sync, a clean quit, and a second start on the same data', async () => {
  const version = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  let app = await launchApp(installed, env);

  await test.step('the window shows the first page', async () => {
    await app.page.locator('.shell[data-state="ready"]').waitFor({ timeout: 120_000 });
    await expect(app.page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
    expect(await invoke(app, 'app:info', {})).toMatchObject({ mode: 'electron', version, dataDir: path.resolve(env.ORCHARD_DATA_DIR!) });
  });

  await test.step('the key goes into the OS keychain', async () => {
    expect(await invoke(app, 'keys:storeStatus', {})).toEqual({ available: true, backend: 'keychain' });
    await invoke(app, 'keys:add', { pem: key.privateKeyPem, keyId: key.keyId, issuerId: key.issuerId, individual: false, label: 'Packaged test key' });
    expect(await invoke(app, 'keys:list', {})).toEqual([expect.objectContaining({ keyId: key.keyId, storage: 'keychain' })]);
  });

  await test.step('DuckDB loads from the packaged app and a sync completes', async () => {
    expect(await invoke(app, 'warehouse:health', {})).toMatchObject({ state: 'ok' });
    const summary = await syncFromPage(app);
    expect(summary).toMatchObject({ appId: APP_ID, outcome: 'succeeded' });
    expect(summary.instancesIngested).toBeGreaterThan(0);
    expect(summary.rowsLoaded).toBeGreaterThan(0);
  });

  await test.step('the app quits cleanly', async () => {
    expect(await app.quit(), app.output()).toBe(0);
    expect(readFileSync(path.join(env.ORCHARD_DATA_DIR!, 'logs', 'orchard.log'), 'utf8')).toContain('app.ready');
  });

  await test.step('a second start opens the same warehouse and reads the key back from the keychain', async () => {
    app = await launchApp(installed, env);
    await app.page.locator('.shell[data-state="ready"]').waitFor({ timeout: 120_000 });
    expect(await invoke(app, 'warehouse:health', {})).toMatchObject({ state: 'ok' });
    const history = await invoke<Array<{ outcome: string; rowsLoaded: number }>>(app, 'sync:history', { appId: APP_ID });
    expect(history[0]).toMatchObject({ outcome: 'succeeded', rowsLoaded: expect.any(Number) });
    // Signing a token needs the private key, which after a restart only the keychain holds.
    expect(await invoke(app, 'keys:test', { keyId: key.keyId })).toMatchObject({ status: 'works' });
    expect(await app.quit(), app.output()).toBe(0);
  });
});
