// The real Electron app (dist/main.js + dist/preload.js over app://orchard): it opens on the
// Overview, page code sees only `window.orchard = { invoke, on }` and no Node, calls reach the
// services, and window.open is denied. Skipped, with the reason, where Electron is not installed.
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { electronSkipReason, REPO_ROOT } from './electronBinary';

const skipReason = electronSkipReason();
test.skip(skipReason !== null, skipReason ?? '');

type PageBridge = {
  invoke(command: string, payload: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
};
type PageWindow = Window & { orchard?: PageBridge; require?: unknown; process?: unknown };

let app: ElectronApplication;
let page: Page;
let dataDir: string;

test.beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'orchard-electron-e2e-'));
  // Chromium refuses to run as root without --no-sandbox (CI containers); the app's own
  // contextIsolation/sandbox web preferences are what the checks below look at.
  const rootUser = process.platform === 'linux' && process.getuid?.() === 0;
  app = await electron.launch({
    args: [...(rootUser ? ['--no-sandbox'] : []), REPO_ROOT],
    cwd: REPO_ROOT,
    env: { ...process.env, ORCHARD_DATA_DIR: dataDir, ELECTRON_RUN_AS_NODE: '' },
  });
  page = await app.firstWindow();
  await page.locator('.shell[data-state="ready"]').waitFor();
});

test.afterEach(async () => {
  await app?.close();
  await rm(dataDir, { recursive: true, force: true });
});

test('opens the Overview from app://orchard in desktop mode', async () => {
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(page.getByText('Desktop app')).toBeVisible();
  expect(page.url()).toBe('app://orchard/index.html');
});

test('page code sees exactly window.orchard = { invoke, on } and no Node', async () => {
  const surface = await page.evaluate(() => {
    const w = window as PageWindow;
    return { keys: Object.keys(w.orchard ?? {}).sort(), require: typeof w.require, process: typeof w.process };
  });
  expect(surface).toEqual({ keys: ['invoke', 'on'], require: 'undefined', process: 'undefined' });
});

test('calls reach the services; unknown commands stop in the preload', async () => {
  const info = await page.evaluate(() => (window as PageWindow).orchard!.invoke('app:info', {}));
  expect(info).toMatchObject({ ok: true, value: { mode: 'electron', dataDir: path.resolve(dataDir) } });
  const unknown = await page.evaluate(() => (window as PageWindow).orchard!.invoke('electron-store-get-data', {}));
  expect(unknown).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
});

test('the page is served with the CSP header and cannot open windows', async () => {
  const csp = await page.evaluate(async () => (await fetch('app://orchard/index.html')).headers.get('content-security-policy'));
  expect(csp).toContain("script-src 'self'");
  const opened = await page.evaluate(() => window.open('file:///etc/hosts') === null);
  expect(opened).toBe(true);
  expect(app.windows()).toHaveLength(1);
});
