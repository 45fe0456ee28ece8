import { describe, expect, it } from 'vitest';
import { OrchardError } from '../../../shared/errors';
import { createBatchingIngester, type IngestMany } from '../../../main/sync/batchingIngester';
import type { IngestRequest } from '../../../main/sync/syncStore';

const req = (id: string): IngestRequest => ({
  ref: { appId: '1', reportId: 'r', reportName: 'R', category: 'COMMERCE', accessType: 'ONGOING', instance: { id, granularity: 'DAILY', processingDate: '2025-01-01' } },
  segments: [],
});

function fakeWriter(bad = new Set<string>()) {
  const batches: string[][] = [];
  let release: () => void = () => undefined;
  let gate = Promise.resolve();
  const ingestMany: IngestMany = async (requests) => {
    batches.push(requests.map((r) => r.ref.instance.id));
    await gate;
    const failing = requests.find((r) => bad.has(r.ref.instance.id));
    if (failing) throw new OrchardError('BAD_INPUT', `bad file in ${failing.ref.instance.id}`);
    return requests.map((r) => ({ instanceId: r.ref.instance.id, rows: r.ref.instance.id.length }));
  };
  return {
    batches,
    ingestMany,
    hold() {
      gate = new Promise((r) => (release = r));
    },
    release: () => release(),
  };
}

describe('batching ingester', () => {
  it('groups what arrives while a batch is loading into the next batch', async () => {
    const w = fakeWriter();
    const ingester = createBatchingIngester(w.ingestMany);
    w.hold();
    const first = ingester.submit(req('a'));
    const rest = ['bb', 'ccc', 'dddd'].map((id) => ingester.submit(req(id)));
    w.release();
    await expect(first).resolves.toEqual({ rows: 1 });
    await expect(Promise.all(rest)).resolves.toEqual([{ rows: 2 }, { rows: 3 }, { rows: 4 }]);
    expect(w.batches).toEqual([['a'], ['bb', 'ccc', 'dddd']]);
  });

  it('isolates a bad instance by retrying the failed batch one by one', async () => {
    const w = fakeWriter(new Set(['bad']));
    const ingester = createBatchingIngester(w.ingestMany);
    w.hold();
    const first = ingester.submit(req('x'));
    const good = ingester.submit(req('good'));
    const bad = ingester.submit(req('bad'));
    w.release();
    await first;
    await expect(good).resolves.toEqual({ rows: 4 });
    await expect(bad).rejects.toThrow('bad file in bad');
    expect(w.batches).toEqual([['x'], ['good', 'bad'], ['good'], ['bad']]);
  });

  it('does not retry one by one after a cancel', async () => {
    const controller = new AbortController();
    const batches: number[] = [];
    const ingester = createBatchingIngester(
      async (r) => {
        batches.push(r.length);
        controller.abort();
        throw new OrchardError('CANCELLED', 'cancelled');
      },
      { signal: controller.signal },
    );
    const all = [ingester.submit(req('a'))];
    await expect(all[0]).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(batches).toEqual([1]);
  });
});
