// The tile queue: never more than the limit in flight, tiles start in page order, a settled tile
// lets the next one start, and stopping starts nothing more.
import { describe, expect, it } from 'vitest';
import { startTileQueue } from '../../../renderer/features/dashboards/tileQueue';
import { tileCsv } from '../../../renderer/features/dashboards/tileCsv';

function deferred() {
  let resolve!: (v: string) => void;
  const promise = new Promise<string>((r) => (resolve = r));
  return { promise, resolve };
}

describe('startTileQueue', () => {
  it('runs at most `concurrency` tiles, in order', async () => {
    const pending = new Map<string, ReturnType<typeof deferred>>();
    const started: string[] = [];
    const settled: string[] = [];
    const queue = startTileQueue(['a', 'b', 'c', 'd'], 2, (id) => {
      started.push(id);
      const d = deferred();
      pending.set(id, d);
      return d.promise;
    }, (id) => settled.push(id));
    expect(started).toEqual(['a', 'b']);
    pending.get('b')?.resolve('b');
    await pending.get('b')?.promise;
    await Promise.resolve();
    expect(settled).toEqual(['b']);
    expect(started).toEqual(['a', 'b', 'c']);
    expect(queue.stop()).toEqual(['d']);
    pending.get('a')?.resolve('a');
    await pending.get('a')?.promise;
    await Promise.resolve();
    expect(started).toEqual(['a', 'b', 'c']);
    expect(queue.running()).toBe(1);
  });

  it('reports failures as outcomes', async () => {
    const outcomes: boolean[] = [];
    await new Promise<void>((done) => {
      startTileQueue(['x'], 3, () => Promise.reject(new Error('boom')), (_, o) => {
        outcomes.push(o.ok);
        done();
      });
    });
    expect(outcomes).toEqual([false]);
  });
});

describe('tileCsv', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas', () => {
    expect(tileCsv(['label', 'value'], [['Korea, Republic of', 3], ['=1+1', null], ['say "hi"', 1.5]])).toBe(
      'label,value\r\n"Korea, Republic of",3\r\n\'=1+1,\r\n"say ""hi""",1.5\r\n',
    );
  });
});
