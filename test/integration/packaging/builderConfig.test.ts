// electron-builder.yml checked by electron-builder's own loader and schema validation (what the
// CLI runs before building), without building; plus the promises the config makes to the app.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Configuration } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';

const ROOT = path.resolve(__dirname, '../../..');
const quietDebugLogger = { isEnabled: false, add() {} } as unknown as Parameters<typeof validateConfiguration>[1];

let config: Configuration;

beforeAll(async () => {
  config = await getConfig(ROOT, path.join(ROOT, 'electron-builder.yml'), null);
}, 150_000);

const validate = (c: Configuration) => validateConfiguration(c, quietDebugLogger);

describe('electron-builder.yml', () => {
  it('passes electron-builder schema validation', async () => {
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it.each([
    ['an unknown top-level key', (c: Record<string, unknown>) => (c.asarUnpak = ['node_modules/@duckdb/**'])],
    ['an unknown mac key', (c: Record<string, unknown>) => ((c.mac as Record<string, unknown>).hardenedRuntim = true)],
    ['a wrongly typed nsis option', (c: Record<string, unknown>) => ((c.nsis as Record<string, unknown>).oneClick = 'sometimes')],
  ])('fails validation with %s', async (_label, spoil) => {
    const bad = structuredClone(config) as Record<string, unknown>;
    spoil(bad);
    await expect(validate(bad as Configuration)).rejects.toThrow(/Invalid configuration object/);
  });

  it('identifies the app and writes installers to out/', () => {
    expect(config).toMatchObject({ appId: 'dev.orchard.app', productName: 'Orchard', directories: { output: 'out' } });
  });

  it('packs the built app, including the package.json main entry, and leaves source maps out', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string };
    // The loader normalises `files` to file sets: [{ filter: [...] }].
    const patterns = (config.files as { filter: string[] }[]).flatMap((set) => set.filter);
    expect(patterns).toEqual(expect.arrayContaining(['package.json', pkg.main, 'dist/preload.js', 'dist/renderer/**', '!**/*.map']));
  });

  it('keeps only the native binaries outside the asar and never rebuilds them', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['**/*.node', '**/libduckdb.*', '**/duckdb.dll']);
    expect(config.npmRebuild).toBe(false);
  });

  it('leaves the architecture to the command line, so each dmg is built on its own machine', () => {
    // An arch list here wins over `--arm64`/`--x64` and would build a dmg with the host's natives.
    expect(config.mac?.target).toEqual(['dmg']);
  });

  it('ships the VC++ runtime beside the Windows keyring module when the workflow provides it', () => {
    const keyringWin = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', '@napi-rs', 'keyring', 'package.json'), 'utf8')) as { optionalDependencies: Record<string, string> };
    expect(Object.keys(keyringWin.optionalDependencies)).toContain('@napi-rs/keyring-win32-x64-msvc');
    expect(config.win?.extraResources).toEqual([
      { from: 'build/win-runtime', to: 'app.asar.unpacked/node_modules/@napi-rs/keyring-win32-x64-msvc', filter: ['vcruntime140.dll', 'vcruntime140_1.dll'] },
    ]);
  });

  it('flips the fuses: no Node mode, only the signed asar, checked against its embedded hash', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('signs macOS builds with the hardened runtime and an entitlements file that exists', () => {
    const mac = config.mac!;
    expect(mac).toMatchObject({ hardenedRuntime: true, category: 'public.app-category.developer-tools' });
    for (const file of [mac.entitlements!, mac.entitlementsInherit!]) {
      const plist = readFileSync(path.join(ROOT, file), 'utf8');
      expect(plist).toContain('<key>com.apple.security.cs.allow-jit</key>');
      expect(plist).not.toContain('com.apple.security.cs.disable-library-validation');
    }
  });

  it('builds a per-user NSIS installer that lets the user choose the folder', () => {
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true });
  });

  it('points every platform at a PNG icon of at least 512×512', () => {
    for (const icon of [config.mac?.icon, config.win?.icon, config.linux?.icon]) {
      const png = readFileSync(path.join(ROOT, String(icon)));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
      expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512);
    }
  });
});
