// The app's swappable warehouse over two real DuckDB files: a swap waits for the work in flight,
// refuses work asked for meanwhile with CONFLICT, interrupts what outlives its grace (CONFLICT too,
// never a crash), moves the dashboards' generation on, and a failed open restores the previous file;
// held writes are refused while reads go on.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type OpenWarehouse } from '../../../main/warehouse/open';
import { createSwappableWarehouse } from '../../../main/warehouse/swappableWarehouse';
import { OrchardError } from '../../../shared/errors';

let root: string;
/** Two data folders whose warehouses answer differently: which one a call reached is visible. */
let first: string;
let second: string;

async function labelled(dataDir: string, label: string): Promise<void> {
  const w = await openWarehouse({ dataDir });
  await w.metadata.read(`CREATE TABLE label AS SELECT '${label}' AS name`);
  await w.close();
}

const nameOf = async (w: Pick<OpenWarehouse, 'metadata'>) => String((await w.metadata.read('SELECT name FROM label'))[0]?.name);
const conflict = (reason: string) => expect.objectContaining({ code: 'CONFLICT', details: expect.objectContaining({ reason }) });

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'orchard-swap-'));
  first = path.join(root, 'first');
  second = path.join(root, 'second');
  await labelled(first, 'first');
  await labelled(second, 'second');
});
afterAll(async () => rm(root, { recursive: true, force: true }));

describe('a swappable warehouse', () => {
  it('waits for work in flight, refuses new work during the swap, then answers from the new file', async () => {
    const w = createSwappableWarehouse(await openWarehouse({ dataDir: first }));
    try {
      const before = w.insights.generation();
      let finish!: () => void;
      let started!: () => void;
      const running = new Promise<void>((resolve) => (started = resolve));
      const inFlight = w.insights.session(async (read) => {
        started();
        await new Promise<void>((resolve) => (finish = resolve));
        return (await read('SELECT name FROM label')).rows[0]?.[0];
      });
      await running;
      const swapped = w.swap(() => openWarehouse({ dataDir: second }), () => openWarehouse({ dataDir: first }));
      await expect(nameOf(w)).rejects.toEqual(conflict('replacing'));
      finish();
      expect(await inFlight).toBe('first');
      await swapped;
      expect(await nameOf(w)).toBe('second');
      expect(w.insights.generation()).toBeGreaterThan(before);
    } finally {
      await w.close();
    }
  });

  it('interrupts work that outlives the grace with CONFLICT, and a result of the old file says it was replaced', async () => {
    const w = createSwappableWarehouse(await openWarehouse({ dataDir: first }), { graceMs: 0 });
    try {
      const kept = await w.query.runQuery('SELECT name FROM label');
      let started!: () => void;
      const running = new Promise<void>((resolve) => (started = resolve));
      const endless = w.insights.session(async (read) => {
        started();
        return read('SELECT count(*) FROM range(1000000000000) a');
      });
      await running;
      await w.swap(() => openWarehouse({ dataDir: second }), () => openWarehouse({ dataDir: first }));
      await expect(endless).rejects.toEqual(conflict('replaced'));
      await expect(w.query.fetchPage(kept.resultId, { offset: 0, limit: 10 })).rejects.toEqual(conflict('replaced'));
      await w.query.releaseResult(kept.resultId);
      const fresh = await w.query.runQuery('SELECT name FROM label');
      expect((await w.query.fetchPage(fresh.resultId, { offset: 0, limit: 10 })).rows).toEqual([['second']]);
    } finally {
      await w.close();
    }
  });

  it('restores the previous file when the new one will not open', async () => {
    const w = createSwappableWarehouse(await openWarehouse({ dataDir: first }));
    try {
      const failed = w.swap(() => Promise.reject(new OrchardError('WAREHOUSE_DAMAGED', 'will not open')), () => openWarehouse({ dataDir: first }));
      await expect(failed).rejects.toThrow('will not open');
      expect(await nameOf(w)).toBe('first');
    } finally {
      await w.close();
    }
  });

  it('refuses writes while they are held, keeps reads going, and lets them through once released', async () => {
    const w = createSwappableWarehouse(await openWarehouse({ dataDir: first }));
    try {
      const release = await w.holdWrites('A rebuild is running.');
      await expect(w.metadata.upsertApps([{ appId: '1', name: 'One' }])).rejects.toEqual(conflict('writes-held'));
      await expect(w.holdWrites('another')).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await nameOf(w)).toBe('first');
      const closing = w.close();
      release();
      await closing;
    } finally {
      await w.close();
    }
    const reopened = createSwappableWarehouse(await openWarehouse({ dataDir: first }));
    try {
      await reopened.metadata.upsertApps([{ appId: '1', name: 'One' }]);
      expect(await reopened.metadata.read(`SELECT name FROM orchard.apps WHERE app_id = '1'`)).toEqual([{ name: 'One' }]);
    } finally {
      await reopened.close();
    }
  });
});
