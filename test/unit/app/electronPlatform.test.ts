// The Electron platform with a fake app/net, and its electron-store settings against a real
// folder: the app writes the same settings.json the browser mode and CLI read through conf.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const fakes = vi.hoisted(() => ({
  paths: new Map<string, string>(),
  fetched: [] as unknown[],
}));
vi.mock('electron', () => ({
  app: {
    getPath: (name: string) => fakes.paths.get(name),
    setPath: (name: string, value: string) => void fakes.paths.set(name, value),
    getVersion: () => '1.2.3',
  },
  net: {
    fetch: async (input: unknown) => {
      fakes.fetched.push(input);
      return new Response('ok');
    },
  },
}));

import { silentLogger } from '../../../main/logging/logger';
import { createConfSettingsStore } from '../../../main/settings/confSettingsStore';
import { DEFAULT_SETTINGS, type OrchardSettings } from '../../../main/settings/orchardSettings';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orchard-electron-platform-'));
  // electron-store is loaded by Node itself (not through vitest's mocks) and imports the real
  // `electron` package, which would try to download its binary; this override makes it return
  // a path string instead, and electron-store then needs only the absolute `cwd` we pass.
  vi.stubEnv('ELECTRON_OVERRIDE_DIST_PATH', dir);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

describe('electron platform', () => {
  it('moves userData to ORCHARD_DATA_DIR when set, and only then', async () => {
    const { applyDataDirOverride } = await import('../../../main/app/electronPlatform');
    fakes.paths.set('userData', '/home/me/.config/Orchard');
    applyDataDirOverride({});
    expect(fakes.paths.get('userData')).toBe('/home/me/.config/Orchard');
    applyDataDirOverride({ ORCHARD_DATA_DIR: path.join(dir, 'data') });
    expect(fakes.paths.get('userData')).toBe(path.join(dir, 'data'));
  });

  it('builds an electron-mode platform on userData with net.fetch', async () => {
    const { createElectronPlatform } = await import('../../../main/app/electronPlatform');
    fakes.paths.set('userData', path.join(dir, 'user-data'));
    const platform = createElectronPlatform({ logger: silentLogger, demo: true });
    expect(platform).toMatchObject({ mode: 'electron', appVersion: '1.2.3', dataDir: path.join(dir, 'user-data'), demo: true });
    expect(platform.settings.path).toBe(path.join(dir, 'user-data', 'settings.json'));
    await platform.fetch(new URL('https://api.appstoreconnect.apple.com/v1/apps'));
    await platform.fetch('https://api.appstoreconnect.apple.com/v1/apps?limit=1');
    expect(fakes.fetched).toEqual(['https://api.appstoreconnect.apple.com/v1/apps', 'https://api.appstoreconnect.apple.com/v1/apps?limit=1']);
  });

  it('shares its settings file with the conf store used by browser mode and the CLI', async () => {
    const { createElectronSettingsStore } = await import('../../../main/app/electronSettingsStore');
    const shared = path.join(dir, 'shared');
    const electronSide = createElectronSettingsStore<OrchardSettings>({ dir: shared, defaults: DEFAULT_SETTINGS });
    expect(electronSide.get('preferences')).toEqual(DEFAULT_SETTINGS.preferences);
    electronSide.set('preferences', { ...DEFAULT_SETTINGS.preferences, theme: 'dark' });
    const nodeSide = createConfSettingsStore<OrchardSettings>({ dir: shared, defaults: DEFAULT_SETTINGS });
    expect(nodeSide.path).toBe(electronSide.path);
    expect(nodeSide.get('preferences').theme).toBe('dark');
  });
});
