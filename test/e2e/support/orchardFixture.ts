// Each test gets its own data folder and its own Orchard services behind a fresh loopback
// bridge serving the built renderer (dist/renderer), and a page opened on the launch URL.
import { test as base, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createServices, type Services } from '../../../main/services';
import { createNodePlatform } from '../../../main/platform/nodePlatform';
// Debug logs go to <dataDir>/logs like the app's, so the key-material scan covers them too.
import { createLogger } from '../../../main/logging/logger';
import { createFileSink } from '../../../main/logging/fileSink';
import { startBridgeServer, type BridgeServer } from '../../../main/web/bridgeServer';
import { createKeychainSecretStore, createMemorySecretStore, type SecretStore } from '../../../main/credentials';
import { startFakeAsc, type FakeAsc } from '../../fake-asc';

export interface OrchardHarness {
  dataDir: string;
  secretStore: SecretStore;
  services: Services;
  bridge: BridgeServer;
}

export const REPO_ROOT = path.resolve(__dirname, '../../..');

/** The real keychain when a Secret Service answers (CI runs inside scripts/with-keyring.sh), under
 *  a throwaway service name; otherwise process memory. */
async function e2eSecretStore(): Promise<SecretStore> {
  const keychain = createKeychainSecretStore(`Orchard-e2e-${process.pid}-${Date.now()}`, { probeTimeoutMs: 3000 });
  return (await keychain.available()).ok ? keychain : createMemorySecretStore();
}

/** A keychain that is not there (Linux without a Secret Service, a locked keychain). */
function unavailableSecretStore(): SecretStore {
  const reason = 'No Secret Service is running on this computer.';
  const refuse = async (): Promise<never> => {
    throw new Error(reason);
  };
  return { kind: 'keychain', available: async () => ({ ok: false, reason }), get: refuse, set: refuse, delete: refuse };
}

export const test = base.extend<{ fakeAsc: FakeAsc; orchard: OrchardHarness; app: Page; allowedConsoleErrors: RegExp[]; keychain: 'real-or-memory' | 'unavailable'; orchardEnv: Record<string, string> }>({
  /** Extra environment Orchard starts with (a spec overrides this fixture, e.g. ORCHARD_LAKE_DIR). */
  orchardEnv: async ({}, use) => use({}),
  keychain: ['real-or-memory', { option: true }],
  // Each test's own fake App Store Connect, on wall-clock time (the app signs tokens with it).
  fakeAsc: async ({}, use) => {
    const fake = await startFakeAsc({ followWallClock: true, inactivityDays: Infinity });
    await use(fake);
    await fake.close();
  },
  // Console errors fail a test unless it declares them expected (test.use({ allowedConsoleErrors })).
  allowedConsoleErrors: [[], { option: true }],
  orchard: async ({ fakeAsc, keychain, orchardEnv }, use) => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'orchard-e2e-'));
    const secretStore = keychain === 'unavailable' ? unavailableSecretStore() : await e2eSecretStore();
    const env = { ...process.env, ORCHARD_ASC_BASE_URL: fakeAsc.baseUrl, ...orchardEnv };
    const services = await createServices(createNodePlatform({ dataDir, logger: createLogger({ minLevel: 'debug', sink: createFileSink(dataDir) }), appVersion: 'e2e', secretStore, env, now: () => fakeAsc.clock.now() }));
    const bridge = await startBridgeServer({
      dispatch: services.dispatch,
      events: services.events,
      staticDir: path.join(REPO_ROOT, 'dist', 'renderer'),
      downloads: { tickets: services.downloads, folder: path.join(dataDir, 'exports') },
    });
    await use({ dataDir, secretStore, services, bridge });
    await bridge.close();
    await services.close();
    await rm(dataDir, { recursive: true, force: true });
  },
  app: async ({ page, orchard, allowedConsoleErrors }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(orchard.bridge.launchUrl);
    await page.locator('.shell[data-state="ready"]').waitFor();
    await use(page);
    const unexpected = errors.filter((e) => !allowedConsoleErrors.some((re) => re.test(e)));
    if (unexpected.length) throw new Error(`The page logged errors:\n${unexpected.join('\n')}`);
  },
});

export { expect } from '@playwright/test';
