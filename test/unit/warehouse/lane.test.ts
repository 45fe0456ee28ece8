import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectionLane } from '../../../main/warehouse/lane';

const ENDLESS = 'SELECT count(*) FROM range(1000000) a, range(1000000) b WHERE a.range + b.range = -1';

let instance: DuckDBInstance;
let lane: ConnectionLane;
beforeEach(async () => {
  instance = await DuckDBInstance.create(':memory:');
  lane = new ConnectionLane(await instance.connect());
});
afterEach(async () => {
  await lane.close();
  instance.closeSync();
});

describe('ConnectionLane', () => {
  it('runs tasks one at a time, in order', async () => {
    const order: string[] = [];
    const task = (name: string) => lane.run(async (c: DuckDBConnection) => {
      order.push(`start ${name}`);
      await c.run('SELECT 1');
      order.push(`end ${name}`);
    });
    await Promise.all([task('a'), task('b')]);
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b']);
  });

  it('interrupts the running statement of an aborted task, even one started right after the abort', async () => {
    const controller = new AbortController();
    const running = lane.run(async (c) => {
      controller.abort();
      await c.run(ENDLESS);
    }, controller.signal);
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('drops a queued task whose signal aborts, without waiting for the one ahead', async () => {
    const first = new AbortController();
    const ahead = lane.run((c) => c.run(ENDLESS), first.signal);
    const controller = new AbortController();
    const queued = lane.run(async () => 'ran', controller.signal);
    controller.abort();
    await expect(queued).rejects.toMatchObject({ code: 'CANCELLED' });
    first.abort();
    await expect(ahead).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('rolls a cancelled transaction back and leaves the connection usable', async () => {
    await lane.run((c) => c.run('CREATE TABLE t (n INTEGER)'));
    const controller = new AbortController();
    const txn = lane.transaction(async (c) => {
      await c.run('INSERT INTO t VALUES (1)');
      setImmediate(() => controller.abort());
      await c.run(ENDLESS);
    }, controller.signal);
    await expect(txn).rejects.toMatchObject({ code: 'CANCELLED' });
    const count = await lane.run(async (c) => (await c.runAndReadAll('SELECT count(*) FROM t')).getRowsJson());
    expect(count).toEqual([['0']]);
    await lane.transaction((c) => c.run('INSERT INTO t VALUES (2)'));
    expect(await lane.run(async (c) => (await c.runAndReadAll('SELECT sum(n) FROM t')).getRowsJson())).toEqual([['2']]);
  });
});
