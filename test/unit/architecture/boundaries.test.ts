// Which layer may import what (the design card's layout, enforced): only main/app imports
// electron; shared/ imports neither Node, Electron, the DOM side nor main; the renderer imports
// neither Node, Electron nor main. Reads the sources as text, so it also covers type imports.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true })
    .map(String)
    .filter((f) => /\.(ts|tsx)$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => path.join(dir, f));
}

function imports(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"\n]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? '');
}

function violations(dir: string, forbidden: (spec: string, file: string) => boolean): string[] {
  return sources(dir).flatMap((file) => imports(file).filter((spec) => forbidden(spec, file)).map((spec) => `${file} imports ${spec}`));
}

const NODE_BUILTIN = /^node:|^(fs|path|os|crypto|child_process|http|https|net|stream|zlib|url|util)(\/|$)/;
const resolvesInto = (spec: string, file: string, dir: string) => spec.startsWith('.') && path.resolve(root, path.dirname(file), spec).startsWith(path.join(root, dir) + path.sep);

describe('layer boundaries', () => {
  it('only main/app imports electron', () => {
    expect(violations('main', (spec, file) => (spec === 'electron' || spec.startsWith('electron/')) && !file.startsWith(`main${path.sep}app${path.sep}`))).toEqual([]);
  });

  it('shared/ is free of Node, Electron, main and renderer', () => {
    expect(
      violations('shared', (spec, file) => NODE_BUILTIN.test(spec) || spec === 'electron' || resolvesInto(spec, file, 'main') || resolvesInto(spec, file, 'renderer')),
    ).toEqual([]);
  });

  it('the renderer reaches main only through the IPC contract', () => {
    expect(violations('renderer', (spec, file) => NODE_BUILTIN.test(spec) || spec === 'electron' || resolvesInto(spec, file, 'main'))).toEqual([]);
  });

  it('the checks see imports at all', () => {
    expect(imports(path.join('main', 'app', 'electronMain.ts'))).toContain('electron');
  });
});
