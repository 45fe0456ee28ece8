// `npm start`'s launcher, run for real against throwaway project folders: with no Electron binary
// it prints one line and exits 1 (no download output); with one, it runs it on the project root.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = path.resolve(__dirname, '../../../scripts/start-electron.mjs');
const dirs: string[] = [];

/** A project folder holding a copy of the launcher, built output, and optionally an `electron` package. */
function project(opts: { electronBinary: 'missing' | 'present' | 'path-only' }): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'orchard-start-'));
  dirs.push(root);
  mkdirSync(path.join(root, 'scripts'));
  mkdirSync(path.join(root, 'dist'));
  writeFileSync(path.join(root, 'scripts', 'start-electron.mjs'), readFileSync(SCRIPT));
  writeFileSync(path.join(root, 'dist', 'main.js'), '');
  if (opts.electronBinary !== 'missing') {
    const binary = path.join(root, 'fake-electron');
    const pkg = path.join(root, 'node_modules', 'electron');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(path.join(pkg, 'index.js'), `module.exports = ${JSON.stringify(binary)};\n`);
    if (opts.electronBinary === 'present') {
      // Records its arguments and environment, then exits with a recognisable code.
      writeFileSync(
        binary,
        `#!/bin/sh\nprintf '%s\\n' "$@" > "${root}/args.txt"\necho "run-as-node=\${ELECTRON_RUN_AS_NODE:-unset}" > "${root}/env.txt"\nexit 7\n`,
      );
      chmodSync(binary, 0o755);
    }
  }
  return root;
}

function start(root: string, args: string[] = []) {
  return spawnSync(process.execPath, [path.join(root, 'scripts', 'start-electron.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NODE_PATH: '' },
    timeout: 120_000,
  });
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// Each test spawns Node: limits allow a machine five times slower.
describe('scripts/start-electron.mjs', { timeout: 150_000 }, () => {
  it.each(['missing', 'path-only'] as const)('prints exactly one line and exits 1 when the binary is %s', (electronBinary) => {
    const res = start(project({ electronBinary }));
    expect(res.status).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toBe(
      'Orchard: the Electron binary is not available on this machine (it is downloaded from GitHub on first use). Run "npm run web" to use Orchard in your browser ("npm run web -- --demo" to try it with generated demo data).\n',
    );
  });

  it.runIf(process.platform !== 'win32')('runs the binary on the project root with the extra arguments, and passes its exit code on', () => {
    const root = project({ electronBinary: 'present' });
    const res = start(root, ['--demo']);
    expect(res.status).toBe(7);
    expect(readFileSync(path.join(root, 'args.txt'), 'utf8')).toBe(`${root}\n--demo\n`);
    expect(readFileSync(path.join(root, 'env.txt'), 'utf8')).toBe('run-as-node=unset\n');
  });

  it('asks for a build when dist/main.js is missing', () => {
    const root = project({ electronBinary: 'present' });
    rmSync(path.join(root, 'dist', 'main.js'));
    const res = start(root);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/^Orchard: dist\/main\.js is missing/);
  });
});
