// Issue 9 item 6: exports wrote anywhere. Replayed over the real bridge: a path is refused by the
// schema, names cannot climb out of the exports folder, an existing file is never replaced without
// the user, errors reveal nothing about other folders, and the finished file reaches the browser
// only through a one-time download URL.
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DesktopDialogs } from '../../main/platform/desktopDialogs';
import type { QueryResult } from '../../shared/workbench';
import { startSecurityHarness, type SecurityHarness } from './securityHarness';

let h: SecurityHarness;
let outside: string;
beforeEach(async () => {
  outside = await mkdtemp(path.join(os.tmpdir(), 'orchard-security-outside-'));
});
afterEach(async () => {
  await h?.close();
  await rm(outside, { recursive: true, force: true });
});

async function result(harness: SecurityHarness): Promise<QueryResult> {
  const run = await harness.call('query:run', { runId: crypto.randomUUID(), sql: 'SELECT range AS n FROM range(3)' });
  return run.result ?? harness.call('query:wait', { runId: run.runId });
}

const exportsDir = () => path.join(h.dataDir, 'exports');
const filesIn = async (dir: string) => (await readdir(dir).catch(() => [])).filter((f) => f !== '.partial').sort();

describe('browser mode', () => {
  beforeEach(async () => {
    h = await startSecurityHarness();
  });

  it('refuses any path, the old overwrite flag, and names that climb out; nothing is written anywhere', async () => {
    const { resultId } = await result(h);
    await writeFile(path.join(outside, 'victim.csv'), 'keep me');
    const base = { exportId: crypto.randomUUID(), resultId, format: 'csv' };
    const attempts = [
      { ...base, path: '/etc/orchard-x.csv' },
      { ...base, path: path.join(outside, 'victim.csv'), overwrite: true },
      { ...base, fileName: 'x', path: path.join(outside, 'x.csv') },
      { ...base, fileName: 'x', overwrite: true },
      ...['../../x', '../victim', `${outside}/victim`, '/etc/orchard-x', '..\\..\\x', 'a/../../x', '.x', '~/x', ''].map((fileName) => ({ ...base, fileName })),
    ];
    for (const attempt of attempts) {
      const reply = await h.invoke('query:export', attempt);
      expect(reply, JSON.stringify(attempt)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
    expect(await readFile(path.join(outside, 'victim.csv'), 'utf8')).toBe('keep me');
    expect(await readdir(outside)).toEqual(['victim.csv']);
    await expect(readFile('/etc/orchard-x.csv')).rejects.toThrow();
    expect(await filesIn(exportsDir())).toEqual([]);
  });

  it('answers the same for a folder that exists and one that does not (no existence oracle)', async () => {
    const { resultId } = await result(h);
    await mkdir(path.join(outside, 'exists'));
    const ask = async (target: string) => (await h.invoke('query:export', { exportId: crypto.randomUUID(), resultId, format: 'csv', path: target })) as { ok: false; error: unknown };
    const existing = await ask(path.join(outside, 'exists', 'x.csv'));
    const missing = await ask(path.join(outside, 'missing', 'x.csv'));
    expect(JSON.stringify(existing).replace('exists', 'missing')).toBe(JSON.stringify(missing));
    expect(JSON.stringify(existing)).not.toContain(outside);
  });

  it('takes an upper-case extension as the format’s, writes only into the exports folder, never over a file', async () => {
    const { resultId } = await result(h);
    await mkdir(exportsDir(), { recursive: true });
    await writeFile(path.join(exportsDir(), 'Report.csv'), 'older export');
    const done = await h.call('query:export', { exportId: crypto.randomUUID(), resultId, format: 'csv', fileName: 'Report.CSV' });
    expect(done.fileName).toBe('Report (2).csv');
    expect(path.dirname(done.path)).toBe(exportsDir());
    expect(await readFile(path.join(exportsDir(), 'Report.csv'), 'utf8')).toBe('older export');
    expect(await filesIn(exportsDir())).toEqual(['Report (2).csv', 'Report.csv']);
  });

  it('hands the file to the browser once, as an attachment, through a ticket URL only', async () => {
    const { resultId } = await result(h);
    const done = await h.call('query:export', { exportId: crypto.randomUUID(), resultId, format: 'csv', fileName: 'Ventes été' });
    const url = done.download?.url ?? '';
    expect(url).toMatch(/^\/download\/[A-Za-z0-9_-]{43}$/);
    expect(url).not.toContain(h.bridge.token);
    // A foreign page cannot fetch it, and the token does not stand in for the ticket.
    expect((await h.send({ path: url, headers: { Origin: 'https://evil.example' } })).status).toBe(403);
    expect((await h.send({ path: `/download/${h.bridge.token}` })).status).toBe(404);
    const first = await h.send({ path: url });
    expect(first.status).toBe(200);
    expect(first.body).toBe('n\n0\n1\n2\n');
    expect(first.headers['content-disposition']).toBe(`attachment; filename="Ventes _t_.csv"; filename*=UTF-8''Ventes%20%C3%A9t%C3%A9.csv`);
    expect(first.headers['content-type']).toBe('application/octet-stream');
    expect((await h.send({ path: url })).status).toBe(404);
    expect((await h.send({ path: '/download/../../etc/passwd' })).status).toBe(404);
  });
});

describe('desktop app', () => {
  it('writes where the native save dialog said, whatever the renderer asked for', async () => {
    const chosen = path.join(outside, 'chosen.csv');
    const proposed: string[] = [];
    const dialogs: DesktopDialogs = { saveFile: async (r) => (proposed.push(r.defaultName), chosen), confirm: async () => false };
    h = await startSecurityHarness({ dialogs });
    const { resultId } = await result(h);
    expect(await h.invoke('query:export', { exportId: crypto.randomUUID(), resultId, format: 'csv', fileName: 'x', path: '/etc/x.csv' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const done = await h.call('query:export', { exportId: crypto.randomUUID(), resultId, format: 'csv', fileName: 'mine' });
    expect(proposed).toEqual(['mine.csv']);
    expect(done).toMatchObject({ path: chosen, fileName: 'chosen.csv' });
    expect(done.download).toBeUndefined();
    expect(await readFile(chosen, 'utf8')).toBe('n\n0\n1\n2\n');
    expect(await filesIn(exportsDir())).toEqual([]);
  });
});
