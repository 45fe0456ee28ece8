// The CI and release workflows (issue 23) validate against GitHub's workflow schema here, so a
// typo fails `npm test` rather than the first push; and they keep the promises the README makes.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allSteps, loadWorkflow, validateWorkflow, WORKFLOWS } from './workflowFiles';

const [CI, RELEASE] = WORKFLOWS as [string, string];
const scratch = mkdtempSync(path.join(os.tmpdir(), 'orchard-workflows-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of `file` with one edit applied; the edit must change the text. */
function mutated(file: string, from: string | RegExp, to: string): string {
  const text = readFileSync(file, 'utf8');
  const changed = text.replace(from, to);
  expect(changed, `the mutation ${String(from)} did not apply`).not.toBe(text);
  const copy = path.join(scratch, `${path.basename(file, '.yml')}-${Math.random().toString(36).slice(2)}.yml`);
  writeFileSync(copy, changed);
  return copy;
}

describe('workflow files validate with action-validator', () => {
  it.each([['ci.yml', CI], ['release.yml', RELEASE]])('%s is a valid workflow', (_name, file) => {
    const result = validateWorkflow(file);
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it('an unchanged copy validates too (the mutations below are what fails)', () => {
    const copy = path.join(scratch, 'copy.yml');
    copyFileSync(CI, copy);
    expect(validateWorkflow(copy).status).toBe(0);
  });

  it.each([
    ['a misspelt key (runs_on)', CI, /runs-on:/, 'runs_on:'],
    ['an unknown event (pull_requst)', CI, /pull_request:/, 'pull_requst:'],
    ['a wrongly typed timeout', RELEASE, /timeout-minutes: 60/, 'timeout-minutes: an hour'],
    ['steps spelt step', RELEASE, /\n {4}steps:/, '\n    step:'],
  ])('fails with %s', (_label, file, from, to) => {
    const result = validateWorkflow(mutated(file, from, to));
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/errors/);
  });
});

describe('ci.yml', () => {
  const wf = loadWorkflow(CI);
  const job = wf.jobs.test!;
  const steps = allSteps(wf);

  it('runs on push and pull request, on both Macs, Windows and Linux', () => {
    expect(Object.keys(wf.on).sort()).toEqual(['pull_request', 'push']);
    expect(job['runs-on']).toBe('${{ matrix.os }}');
    expect(job.strategy!.matrix.include!.map((m) => m.os).sort()).toEqual(['macos-15-intel', 'macos-latest', 'ubuntu-latest', 'windows-latest']);
  });

  it('runs npm ci and npm test, on Linux under xvfb-run, with the Electron specs required', () => {
    const runs = steps.map((s) => s.run ?? '');
    expect(runs).toContain('npm ci');
    expect(steps.find((s) => s.run === 'npm test')?.if).toBe("runner.os != 'Linux'");
    expect(steps.find((s) => s.run === 'xvfb-run -a npm test')?.if).toBe("runner.os == 'Linux'");
    expect(job.env?.ORCHARD_REQUIRE_ELECTRON).toBe('1');
    expect(runs.join('\n')).toMatch(/ORCHARD_CHROMIUM=.*chromium\.executablePath\(\)/);
  });

  it('packages the app and runs the first-launch spec on every runner', () => {
    const launch = steps.find((s) => s.run?.includes('test/e2e/electron/packagedApp.spec.ts'));
    expect(launch?.run).toContain('ORCHARD_PACKAGED_APP=');
    expect(launch?.if).toBeUndefined();
    expect(steps.some((s) => s.run?.includes('npx electron-builder ${{ matrix.package }} --publish never'))).toBe(true);
  });
});

describe('release.yml', () => {
  const wf = loadWorkflow(RELEASE);
  const build = wf.jobs.build!;
  const steps = allSteps(wf);

  it('runs on version tags only and builds arm64 and x64 dmgs and the NSIS installer on their own machines', () => {
    expect(wf.on).toEqual({ push: { tags: ['v*.*.*'] } });
    const matrix = build.strategy!.matrix.include!;
    expect(matrix.map((m) => [m.os, m.package])).toEqual([
      ['macos-latest', '--mac dmg --arm64'],
      ['macos-15-intel', '--mac dmg --x64'],
      ['windows-latest', '--win nsis --x64'],
    ]);
  });

  it('signs only with the documented secrets and warns in the log when they are missing', () => {
    const text = readFileSync(RELEASE, 'utf8');
    for (const secret of ['MAC_CSC_LINK', 'MAC_CSC_KEY_PASSWORD', 'WIN_CSC_LINK', 'WIN_CSC_KEY_PASSWORD', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID']) {
      expect(text).toContain(`secrets.${secret}`);
    }
    const decide = steps.find((s) => s.name?.startsWith('Signing and notarization'))!;
    expect(decide.run).toContain('::warning title=Unsigned build::');
    expect(decide.run).toContain('::warning title=Not notarized::');
    expect(steps.find((s) => s.name === 'Package (signed)')?.if).toBe("steps.signing.outputs.signed == 'true'");
    expect(steps.find((s) => s.name === 'Package (unsigned)')?.env?.CSC_IDENTITY_AUTO_DISCOVERY).toBe('false');
  });

  it('checks each dmg carries its own architecture and starts, then attaches the installers to the release', () => {
    expect(steps.some((s) => s.run?.includes('node-bindings-darwin-$want'))).toBe(true);
    expect(steps.find((s) => s.run === 'npm run build')?.env?.ORCHARD_UPDATE_FEED_URL).toBe('https://api.github.com/repos/${{ github.repository }}/releases/latest');
    expect(steps.some((s) => s.run?.includes('grep -q "api.github.com/repos/${{ github.repository }}/releases/latest" dist/main.js'))).toBe(true);
    expect(steps.some((s) => s.run?.includes('test/e2e/electron/packagedApp.spec.ts'))).toBe(true);
    const publish = wf.jobs.publish!;
    expect(publish.needs).toBe('build');
    expect(publish.permissions).toEqual({ contents: 'write' });
    expect(publish.steps.map((s) => s.run ?? '').join('\n')).toContain('gh release upload "$GITHUB_REF_NAME" installers/*');
    expect(wf.permissions).toEqual({ contents: 'read' });
  });
});
