// `npm run web -- --help` (the built dist/web.js) prints its options and starts nothing; an
// unknown option says where the list is.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/builtCli';

const WEB = path.join(REPO_ROOT, 'dist', 'web.js');

beforeAll(() => {
  if (!existsSync(WEB)) execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build-main.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
});

describe('dist/web.js', () => {
  it('--help lists --port with its default, --data-dir and --demo, and exits 0 without serving', () => {
    const run = spawnSync(process.execPath, [WEB, '--help'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: npm run web -- \[options\]/);
    expect(run.stdout).toMatch(/--port N +port to listen on \(default: 0, a free port the system picks/);
    expect(run.stdout).toContain('--data-dir DIR');
    expect(run.stdout).toContain('--demo');
    expect(run.stdout).not.toContain('is running');
  });

  it('an unknown option fails with one line pointing to --help', () => {
    const run = spawnSync(process.execPath, [WEB, '--prot', '4870'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('npm run web -- --help lists the options');
  });
});
