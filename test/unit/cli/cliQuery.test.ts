// `orchard query` honours backpressure: while the reader is slow, no further page is fetched or
// written, so memory stays bounded whatever the result size.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { printQuery } from '../../../main/cli/cliQuery';
import type { Warehouse } from '../../../main/warehouse';

describe('query output backpressure', () => {
  it('waits for drain before fetching the next page', async () => {
    const fetched: number[] = [];
    const warehouse = {
      query: {
        runQuery: async () => ({ resultId: 'r', columns: [{ name: 'n', type: 'BIGINT' }], totalRows: 20_000, elapsedMs: 0 }),
        fetchPage: async (_id: string, page: { offset: number; limit: number }) => {
          fetched.push(page.offset);
          return { resultId: 'r', offset: page.offset, rows: Array.from({ length: Math.min(page.limit, 20_000 - page.offset) }, (_, i) => [String(page.offset + i)]) };
        },
        releaseResult: async () => undefined,
      },
    } as unknown as Warehouse;
    const chunks: string[] = [];
    let release: (() => void) | undefined;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        chunks.push(String(chunk));
        release = done;
      },
    });
    const printing = printQuery(warehouse, 'SELECT', 'csv', slow);
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    // The reader has not taken the first page yet: nothing more was fetched.
    expect(fetched).toEqual([0]);
    while (release) {
      const next = release;
      release = undefined;
      next();
      await new Promise((r) => setImmediate(r));
    }
    await printing;
    expect(fetched).toEqual([0, 5000, 10000, 15000]);
    expect(chunks.join('').trim().split('\n')).toHaveLength(20_001);
  });
});
