// The app:// handler's responses, against real files in a temp folder: the renderer's files with
// the CSP header, and nothing outside that folder.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { respondWithRendererFile } from '../../../main/app/rendererFiles';
import { CONTENT_SECURITY_POLICY } from '../../../shared/csp';

let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'orchard-app-files-'));
  root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Orchard</title>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(root, 'assets', 'app.js.map'), '{"version":3,"sources":["../src/app.ts"]}');
  await writeFile(path.join(base, 'secret.txt'), 'outside the renderer folder');
});

afterAll(() => rm(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => respondWithRendererFile(root, { url, method });

describe('respondWithRendererFile', () => {
  it('serves index.html for the root with the CSP and type headers', async () => {
    const res = await get('app://orchard/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Orchard</title>');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('never serves source maps, even when the build left them there', async () => {
    for (const url of ['app://orchard/assets/app.js.map', 'app://orchard/assets/APP.JS.MAP']) expect((await get(url)).status, url).toBe(404);
  });

  it('serves scripts as JavaScript', async () => {
    const res = await get('app://orchard/assets/app.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toBe('console.log(1)');
  });

  it.each(['app://orchard/..%2fsecret.txt', 'app://orchard/assets/..%2f..%2fsecret.txt', 'app://orchard/%2e%2e/secret.txt', 'app://orchard/../secret.txt'])(
    'never serves a file outside the renderer folder (%s)',
    async (url) => {
      const res = await get(url);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('outside the renderer folder');
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    },
  );

  it('answers 404 for missing files, folders and other hosts', async () => {
    expect((await get('app://orchard/missing.js')).status).toBe(404);
    expect((await get('app://orchard/assets')).status).toBe(404);
    expect((await get('app://elsewhere/index.html')).status).toBe(404);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://orchard/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get('app://orchard/index.html', 'POST')).status).toBe(405);
  });
});
