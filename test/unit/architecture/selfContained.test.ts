// A plain clone must pass its own tests with nothing beside it (issue 23): no source, test, script
// or config may resolve a path above the project root. The scanner is checked on planted climbs
// first, so a scan that finds nothing in the repository means something.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { insideRoot, pathUses, shellPathUses, type PathUse } from './pathClimbs';

const root = path.resolve(__dirname, '../../..');
const CODE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

function files(dir: string, pattern: RegExp): string[] {
  if (!existsSync(path.join(root, dir))) return [];
  return readdirSync(path.join(root, dir), { recursive: true })
    .map(String)
    .filter((f) => pattern.test(f) && !f.split(path.sep).includes('node_modules'))
    .map((f) => path.join(dir, f));
}

function codeFiles(): string[] {
  const topLevel = readdirSync(root).filter((f) => CODE.test(f));
  return [...['main', 'shared', 'renderer', 'test', 'scripts'].flatMap((d) => files(d, CODE)), ...topLevel];
}

const escapes = (uses: PathUse[]) => uses.filter((u) => !insideRoot(root, u.resolved)).map((u) => `${u.file}:${u.line} ${u.code} -> ${u.resolved}`);
const scan = (relFile: string, text: string) => escapes(pathUses(root, relFile, text));

/** Paths in JSON/YAML configs are relative to the root: any that climbs out is a finding. */
function configEscapes(): string[] {
  const found: string[] = [];
  const check = (file: string, what: string, p: string) => {
    if (!insideRoot(root, path.resolve(root, p))) found.push(`${file} ${what}: ${p}`);
  };
  for (const file of readdirSync(root).filter((f) => /^tsconfig.*\.json$/.test(f))) {
    const parsed = ts.parseConfigFileTextToJson(file, readFileSync(path.join(root, file), 'utf8')).config as Record<string, unknown>;
    for (const key of ['include', 'exclude', 'files'] as const) {
      for (const p of (parsed[key] as string[] | undefined) ?? []) check(file, key, p);
    }
    if (typeof parsed.extends === 'string') check(file, 'extends', parsed.extends);
  }
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string; bin: Record<string, string>; scripts: Record<string, string> };
  check('package.json', 'main', pkg.main);
  for (const [name, target] of Object.entries(pkg.bin)) check('package.json', `bin ${name}`, target);
  for (const [name, command] of Object.entries(pkg.scripts)) {
    for (const token of command.split(/\s+/).filter((t) => t.startsWith('..'))) check('package.json', `script ${name}`, token);
  }
  const builder = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
  for (const m of builder.matchAll(/^\s*(?:-\s+|[\w]+:\s+)["']?(!?\.\.[^\s"']*)/gm)) check('electron-builder.yml', 'path', (m[1] ?? '').replace(/^!/, ''));
  return found;
}

describe('the scanner', () => {
  const planted = 'test/support/planted.ts';
  it('finds climbs through every way the code builds paths', () => {
    const text = [
      `import path, { resolve } from 'node:path';`,
      `import { dirname } from 'node:path';`,
      `import { fileURLToPath } from 'node:url';`,
      `import data from '../../../shared/spec/x.json';`,
      `const a = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/spec/x.json');`,
      `const ROOT = path.resolve(__dirname, '../..');`,
      `const b = path.join(ROOT, '..', 'shared', somethingUnknown);`,
      `const c = new URL('../../../x.json', import.meta.url);`,
      `const d = path.resolve(import.meta.dirname, '../..', '..');`,
      `const e = path.resolve('..', 'shared');`,
      `vi.mock('../../../../elsewhere/module');`,
    ].join('\n');
    const found = scan(planted, text);
    expect(found.map((f) => Number(f.split(' ')[0]?.split(':')[1]))).toEqual([4, 5, 7, 8, 9, 10, 11]);
    expect(found[0]?.endsWith(['', 'shared', 'spec', 'x.json'].join(path.sep))).toBe(true);
  });

  it('accepts paths that stay inside, and leaves alone what it cannot know', () => {
    const text = [
      `import path from 'node:path';`,
      `import { resolve } from 'node:path';`,
      `import { thing } from '../../main/app/thing';`,
      `const ROOT = path.resolve(__dirname, '../..');`,
      `const a = path.join(ROOT, 'test', 'fixtures', 'apple');`,
      `const b = path.join(someDir, '..', 'sibling');`,
      `const c = new Promise<void>((resolve) => resolve());`,
      `const d = '../../../../tmp/evil/x';`,
    ].join('\n');
    expect(scan(planted, text)).toEqual([]);
    expect(pathUses(root, planted, text).map((u) => u.line)).toEqual([3, 4, 5]);
  });

  it('reads shell scripts relative to their own folder', () => {
    expect(shellPathUses(root, '.ci/run', 'cd "$(dirname "$0")/.."').map((u) => u.resolved)).toEqual([root]);
    expect(shellPathUses(root, '.ci/run', 'cd "$(dirname "$0")/../.."').map((u) => insideRoot(root, u.resolved))).toEqual([false]);
  });
});

describe('the repository', () => {
  it('resolves no path above the project root in sources, tests and scripts', () => {
    const all = codeFiles().flatMap((f) => pathUses(root, f, readFileSync(path.join(root, f), 'utf8')));
    expect(escapes(all)).toEqual([]);
    // The scan must have seen the repository's real path building, e.g. the vendored OpenAPI extract.
    const spec = all.find((u) => u.file === path.join('test', 'support', 'openapi.ts') && u.resolved.endsWith('asc-openapi-3.7-analytics.json'));
    expect(spec?.resolved).toBe(path.join(root, 'test', 'fixtures', 'apple', 'asc-openapi-3.7-analytics.json'));
    expect(existsSync(spec?.resolved ?? '')).toBe(true);
  });

  it('keeps shell scripts inside the root', () => {
    const shell = [...files('scripts', /\.sh$/), path.join('.ci', 'run')].filter((f) => existsSync(path.join(root, f)));
    const uses = shell.flatMap((f) => shellPathUses(root, f, readFileSync(path.join(root, f), 'utf8')));
    expect(uses.length).toBeGreaterThan(0);
    expect(escapes(uses)).toEqual([]);
  });

  it('keeps config paths (tsconfig, package.json, electron-builder.yml) inside the root', () => {
    expect(configEscapes()).toEqual([]);
  });
});
