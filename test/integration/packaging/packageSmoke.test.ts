// A real `electron-builder --linux dir` run against a stand-in Electron folder (no download):
// proves the config packs the built app into app.asar, leaves every native DuckDB and keyring
// binary in app.asar.unpacked (where Electron can load it) and flips the hardening fuses
// (including the asar integrity check).
// Needs the build output (dist/): the test runner builds first; this file builds if it is missing.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';

const ROOT = path.resolve(__dirname, '../../..');
const BUILT_FILES = ['dist/main.js', 'dist/preload.js', 'dist/renderer/index.html'];
const ELECTRON_VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
/** Electron's fuse wire marker; a real binary carries it followed by version, length and states. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_ON = 49;
const FUSE_OFF = 48;

let work: string;
let appOutDir: string;
let builder: { status: number | null; output: string; seconds: number };

/** Native files shipped by the installed DuckDB and keyring packages (this OS's variants). */
function nativeFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.node$|^libduckdb\.(so|dylib|dll)$/.test(entry.name)) found.push(path.relative(ROOT, full));
    }
  };
  for (const scope of ['node_modules/@duckdb', 'node_modules/@napi-rs']) walk(path.join(ROOT, scope));
  return found;
}

// The stand-in is a Linux executable packed for Linux: on macOS and Windows CI builds the real
// installer instead and test/e2e/electron/packagedApp.spec.ts checks it.
const ON_LINUX = process.platform === 'linux';

beforeAll(() => {
  if (!ON_LINUX) return;
  if (!BUILT_FILES.every((f) => existsSync(path.join(ROOT, f)))) {
    const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8', timeout: 600_000 });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  }
  work = mkdtempSync(path.join(os.tmpdir(), 'orchard-package-'));
  // What electron-builder copies instead of a downloaded Electron: an executable carrying a fuse
  // wire in Electron's shipped state (run-as-node, NODE_OPTIONS, --inspect on) and a version file.
  const electronDist = path.join(work, 'electron-dist');
  mkdirSync(electronDist);
  const fuses = Buffer.from([1, 8, ...Buffer.from('10110001')]);
  writeFileSync(path.join(electronDist, 'electron'), Buffer.concat([Buffer.from(`#!/bin/sh\nexit 0\n${FUSE_SENTINEL}`), fuses]));
  chmodSync(path.join(electronDist, 'electron'), 0o755);
  writeFileSync(path.join(electronDist, 'version'), ELECTRON_VERSION);
  const out = path.join(work, 'out');
  const started = Date.now();
  const run = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules', 'electron-builder', 'cli.js'),
      '--linux',
      'dir',
      '--projectDir',
      ROOT,
      `-c.electronDist=${electronDist}`,
      `-c.electronVersion=${ELECTRON_VERSION}`,
      `-c.directories.output=${out}`,
    ],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 600_000,
      env: {
        ...process.env,
        // Anything electron-builder tried to fetch would go to a closed local port and fail the build.
        ELECTRON_BUILDER_CACHE: path.join(work, 'cache'),
        ELECTRON_MIRROR: 'http://127.0.0.1:9/',
        ELECTRON_BUILDER_BINARIES_MIRROR: 'http://127.0.0.1:9/',
        HTTPS_PROXY: 'http://127.0.0.1:9',
        HTTP_PROXY: 'http://127.0.0.1:9',
        CSC_IDENTITY_AUTO_DISCOVERY: 'false',
      },
    },
  );
  builder = { status: run.status, output: `${run.stdout}\n${run.stderr}`, seconds: (Date.now() - started) / 1000 };
  appOutDir = path.join(out, 'linux-unpacked');
  // Build plus packaging take ~1 min quiet: limits allow a machine five times slower and more.
}, 1_300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!ON_LINUX)('electron-builder --linux dir with a stand-in Electron', () => {
  it('succeeds without downloading anything', () => {
    expect(builder.status, builder.output).toBe(0);
    expect(builder.output).not.toMatch(/downloading/i);
    expect(existsSync(path.join(appOutDir, 'orchard'))).toBe(true);
  });

  it('packs the built app into app.asar, without sources or source maps', () => {
    const entries = listPackage(path.join(appOutDir, 'resources', 'app.asar'), { isPack: false }).map((e) => e.split(path.sep).join('/'));
    for (const file of ['/package.json', ...BUILT_FILES.map((f) => `/${f}`)]) expect(entries).toContain(file);
    expect(entries.filter((e) => e.endsWith('.map'))).toEqual([]);
    expect(entries.filter((e) => /^\/(main|renderer|shared|test|scripts|build)\//.test(e))).toEqual([]);
    expect(entries.filter((e) => e.startsWith('/node_modules/electron/') || e.startsWith('/node_modules/vitest/'))).toEqual([]);
  });

  it('keeps the DuckDB and keyring JavaScript inside app.asar, under its integrity hash', () => {
    const entries = listPackage(path.join(appOutDir, 'resources', 'app.asar'), { isPack: false }).map((e) => e.split(path.sep).join('/'));
    expect(entries).toContain('/node_modules/@duckdb/node-bindings/duckdb.js');
    expect(entries).toContain('/node_modules/@napi-rs/keyring/index.js');
    const unpacked = path.join(appOutDir, 'resources', 'app.asar.unpacked', 'node_modules', '@duckdb', 'node-bindings');
    expect(existsSync(path.join(unpacked, 'duckdb.js'))).toBe(false);
  });

  it('puts every DuckDB and keyring native binary in app.asar.unpacked', () => {
    const natives = nativeFiles();
    expect(natives.some((f) => f.startsWith('node_modules/@duckdb/') && f.endsWith('.node'))).toBe(true);
    expect(natives.some((f) => f.startsWith('node_modules/@napi-rs/') && f.endsWith('.node'))).toBe(true);
    for (const file of natives) {
      const unpacked = path.join(appOutDir, 'resources', 'app.asar.unpacked', file);
      expect(existsSync(unpacked), `${file} is not unpacked`).toBe(true);
      expect(statSync(unpacked).size).toBe(statSync(path.join(ROOT, file)).size);
    }
  });

  it('flips the fuses that would let the signed binary run arbitrary code as Node', async () => {
    const wire = (await getCurrentFuseWire(path.join(appOutDir, 'orchard'))) as unknown as Record<number, number>;
    expect(wire[FuseV1Options.RunAsNode]).toBe(FUSE_OFF);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FUSE_OFF);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FUSE_OFF);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FUSE_OFF);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FUSE_ON);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FUSE_ON);
  });
});
