// One Node version everywhere (package.json engines, the README's set-up text, both workflows),
// and an Electron major that is pinned and inside Electron's support window today, by the
// hand-kept date table test/fixtures/electron-support.json.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSupportTable, supportOn, tableContradictions } from './electronSupport';
import { allSteps, loadWorkflow, ROOT, WORKFLOWS } from './workflowFiles';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string }; devDependencies: Record<string, string> };
const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> };
const table = loadSupportTable(ROOT);
const today = new Date().toISOString().slice(0, 10);

/** `>=22.12` → [22, 12]: the one form the engines field uses, so every other place can match it. */
function engineMinimum(): [number, number] {
  const m = /^>=(\d+)\.(\d+)$/.exec(pkg.engines.node);
  expect(m, `engines.node should read ">=MAJOR.MINOR", not ${pkg.engines.node}`).not.toBeNull();
  return [Number(m![1]), Number(m![2])];
}

describe('Node versions agree', () => {
  it('every workflow sets up the engines major of Node', () => {
    const [major] = engineMinimum();
    const versions = WORKFLOWS.flatMap((f) => allSteps(loadWorkflow(f)).filter((s) => s.uses?.startsWith('actions/setup-node@')).map((s) => String(s.with?.['node-version'])));
    expect(versions.length).toBe(WORKFLOWS.length);
    expect(new Set(versions)).toEqual(new Set([String(major)]));
  });

  it("the README's set-up section names the engines minimum, and no other Node version as a requirement", () => {
    const [major, minor] = engineMinimum();
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const setUp = readme.slice(readme.indexOf('## Set up'), readme.indexOf('\n## ', readme.indexOf('## Set up') + 1));
    expect(setUp).toContain(`Node.js ${major}.${minor} or newer`);
    const required = [...readme.matchAll(/Node(?:\.js)? (\d+(?:\.\d+)?) or newer/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set([`${major}.${minor}`]));
  });
});

describe('Electron support window (test/fixtures/electron-support.json)', () => {
  it('the table follows the policy: each major ends the day the third newer one ships', () => {
    expect(tableContradictions(table)).toEqual([]);
  });

  it('judges by the table: in support between its stable date and its end, out before and after', () => {
    const [a, b] = [table.majors[table.majors.length - 2]!, table.majors[0]!];
    expect(supportOn(table, a.major, a.stable)).toEqual({ supported: true, until: a.endOfSupport });
    expect(supportOn(table, a.major, a.endOfSupport)).toMatchObject({ supported: false, reason: expect.stringContaining('left support') });
    expect(supportOn(table, b.major, b.endOfSupport)).toMatchObject({ supported: false });
    expect(supportOn(table, a.major, '2000-01-01')).toMatchObject({ supported: false, reason: expect.stringContaining('not stable') });
    expect(supportOn(table, 999, a.stable)).toMatchObject({ supported: false, reason: expect.stringContaining('add its row') });
  });

  it('a table with a contradicting row is caught', () => {
    const broken = structuredClone(table);
    broken.majors[0]!.endOfSupport = '2099-01-01';
    expect(tableContradictions(broken).length).toBeGreaterThan(0);
  });

  it('electron is pinned to one major, and the lock file and node_modules hold that version', () => {
    const range = pkg.devDependencies.electron!;
    expect(range).toMatch(/^[~^]?\d+\.\d+\.\d+$/);
    const locked = lock.packages['node_modules/electron']!.version;
    expect(locked.split('.')[0]).toBe(range.replace(/^[~^]/, '').split('.')[0]);
    const installed = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
    expect(installed).toBe(locked);
  });

  it(`the locked Electron major is supported today (${today})`, () => {
    const major = Number(lock.packages['node_modules/electron']!.version.split('.')[0]);
    const verdict = supportOn(table, major, today);
    expect(verdict, verdict.supported ? '' : verdict.reason).toMatchObject({ supported: true });
  });
});
