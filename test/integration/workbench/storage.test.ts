import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, failure, newId, type WorkbenchHarness } from './harness';

let h: WorkbenchHarness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.cleanup();
});

describe('tabs', () => {
  it('starts with one tab, and remembers saved tabs across a restart', async () => {
    const first = await h.call('query:tabs', {});
    expect(first.tabs).toHaveLength(1);
    expect(first.activeId).toBe(first.tabs[0]?.id);
    const state = {
      tabs: [
        { id: 'a1', title: 'Downloads', sql: 'SELECT 1' },
        { id: 'b2', title: 'Crashes', sql: 'SELECT 2', savedName: 'crashes' },
      ],
      activeId: 'b2',
    };
    expect(await h.call('query:saveTabs', state)).toEqual({ saved: true });
    expect(await h.reopen().tabs()).toEqual(state);
  });

  it('falls back to a fresh tab when the file was damaged or edited into something invalid', async () => {
    const file = path.join(h.dataDir, 'workbench', 'tabs.json');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '{"tabs": [{"id": "../x", "title": 5}], "activeId": 1}');
    expect((await h.call('query:tabs', {})).tabs).toHaveLength(1);
    await writeFile(file, 'not json');
    expect((await h.call('query:tabs', {})).tabs[0]?.title).toBe('Query 1');
  });
});

describe('history', () => {
  it('records every run with its outcome, is searchable, survives a restart and can be cleared', async () => {
    await h.call('query:run', { runId: newId(), sql: 'SELECT 1 AS first_query' });
    await failure(h.call('query:run', { runId: newId(), sql: 'SELECT nope_column' }));
    await h.call('query:run', { runId: newId(), sql: 'SELECT range FROM range(5000)' }).then((r) => r.result ?? h.call('query:wait', { runId: r.runId }));
    await expect.poll(async () => (await h.reopen().history({})).length).toBe(3);
    const entries = await h.call('query:history', {});
    expect(entries.map((e) => [e.outcome, e.rows ?? null])).toEqual([['succeeded', 5000], ['failed', null], ['succeeded', 1]]);
    expect(entries[1]?.error).toMatch(/nope_column/);
    expect((await h.call('query:history', { search: 'FIRST_query' })).map((e) => e.sql)).toEqual(['SELECT 1 AS first_query']);
    expect(await h.reopen().history({})).toEqual(entries);
    await h.call('query:clearHistory', { confirmation: (await h.call('confirm:prepare', { action: 'query:clearHistory' })).ticket });
    expect(await h.call('query:history', {})).toEqual([]);
    await expect.poll(async () => (await h.reopen().history({})).length).toBe(0);
  });

  it('keeps at most 20,000 characters of a pasted giant statement', async () => {
    const giant = `SELECT 1 AS one -- ${'x'.repeat(30_000)}`;
    await h.call('query:run', { runId: newId(), sql: giant });
    await expect.poll(async () => (await h.call('query:history', {})).length).toBe(1);
    const [entry] = await h.call('query:history', {});
    expect(entry?.sql.startsWith(giant.slice(0, 20_000))).toBe(true);
    expect(entry?.sql).toMatch(/-- \(cut: the statement had 30019 characters\)$/);
  });
});

describe('saved queries', () => {
  it('are plain .sql files in <dataDir>/queries that can be listed, overwritten and deleted', async () => {
    const saved = await h.call('query:save', { name: 'Downloads by week', sql: 'SELECT 1' });
    expect(saved).toMatchObject({ name: 'Downloads by week', fileName: 'Downloads by week.sql', sql: 'SELECT 1\n' });
    const folder = path.join(h.dataDir, 'queries');
    expect(await readFile(path.join(folder, 'Downloads by week.sql'), 'utf8')).toBe('SELECT 1\n');
    expect((await failure(h.call('query:save', { name: 'Downloads by week', sql: 'SELECT 2\n' }))).code).toBe('CONFLICT');
    const overwrite = await h.call('confirm:prepare', { action: 'query:overwriteSaved', name: 'Downloads by week' });
    await h.call('query:save', { name: 'Downloads by week', sql: 'SELECT 2\n', confirmation: overwrite.ticket });
    // A file someone put there by hand (or pulled from git) shows up too.
    await writeFile(path.join(folder, 'from git.sql'), 'SELECT 3\n');
    await writeFile(path.join(folder, 'notes.txt'), 'not a query');
    const list = await h.call('query:savedList', {});
    expect(list.folder).toBe(folder);
    expect(list.queries.map((q) => [q.name, q.sql])).toEqual([['Downloads by week', 'SELECT 2\n'], ['from git', 'SELECT 3\n']]);
    const ticket = async () => (await h.call('confirm:prepare', { action: 'query:deleteSaved', name: 'from git' })).ticket;
    expect(await h.call('query:deleteSaved', { name: 'from git', confirmation: await ticket() })).toEqual({ deleted: true });
    expect(await h.call('query:deleteSaved', { name: 'from git', confirmation: await ticket() })).toEqual({ deleted: false });
    expect((await readdir(folder)).sort()).toEqual(['Downloads by week.sql', 'notes.txt']);
  });
});
