// Each test gets its own data folder and its own Orchard services behind a fresh loopback
// bridge serving the built renderer (dist/renderer), and a page opened on the launch URL.
import { test as base, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createServices, type Services } from '../../../main/services';
import { createNodePlatform } from '../../../main/platform/nodePlatform';
import { silentLogger } from '../../../main/logging/logger';
import { startBridgeServer, type BridgeServer } from '../../../main/web/bridgeServer';

export interface OrchardHarness {
  dataDir: string;
  services: Services;
  bridge: BridgeServer;
}

export const REPO_ROOT = path.resolve(__dirname, '../../..');

export const test = base.extend<{ orchard: OrchardHarness; app: Page; allowedConsoleErrors: RegExp[] }>({
  // Console errors fail a test unless it declares them expected (test.use({ allowedConsoleErrors })).
  allowedConsoleErrors: [[], { option: true }],
  orchard: async ({}, use) => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'orchard-e2e-'));
    const services = await createServices(createNodePlatform({ dataDir, logger: silentLogger, appVersion: 'e2e' }));
    const bridge = await startBridgeServer({
      dispatch: services.dispatch,
      events: services.events,
      staticDir: path.join(REPO_ROOT, 'dist', 'renderer'),
    });
    await use({ dataDir, services, bridge });
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
