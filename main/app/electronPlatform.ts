// The Platform for the Electron app (mirrors nodePlatform): data in userData (or ORCHARD_DATA_DIR,
// applied to userData before ready), settings in electron-store, secrets in the OS keychain, and
// Electron's net.fetch so the system proxy and certificates apply to App Store Connect calls.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { app, net } from 'electron';
import { createKeychainSecretStore } from '../credentials';
import type { Logger } from '../logging/logger';
import type { Platform } from '../platform/platform';
import { DEFAULT_SETTINGS, type OrchardSettings } from '../settings/orchardSettings';
import { createElectronSettingsStore } from './electronSettingsStore';

export interface ElectronPlatformOptions {
  logger: Logger;
  demo: boolean;
  now?: () => Date;
}

export function createElectronPlatform(opts: ElectronPlatformOptions): Platform {
  const dataDir = app.getPath('userData');
  mkdirSync(dataDir, { recursive: true });
  return {
    mode: 'electron',
    appVersion: app.getVersion(),
    dataDir,
    settings: createElectronSettingsStore<OrchardSettings>({ dir: dataDir, defaults: DEFAULT_SETTINGS }),
    // net.fetch takes a string or Request; services may pass a URL object.
    fetch: (input, init) => net.fetch(input instanceof URL ? input.href : input, init),
    logger: opts.logger,
    secretStore: createKeychainSecretStore(),
    env: process.env,
    demo: opts.demo,
    now: opts.now ?? (() => new Date()),
  };
}

/**
 * Call before ready: ORCHARD_DATA_DIR moves userData as a whole (warehouse, settings and
 * Chromium's profile), which also gives that instance its own single-instance lock.
 */
export function applyDataDirOverride(env: NodeJS.ProcessEnv = process.env): void {
  if (env.ORCHARD_DATA_DIR) app.setPath('userData', path.resolve(env.ORCHARD_DATA_DIR));
}
