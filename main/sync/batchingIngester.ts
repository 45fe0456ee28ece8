// Feeds the warehouse's single writer in batches: whatever instances finished downloading while
// the previous batch was loading go in together, because DuckDB reads many files in one
// read_csv far faster than one file per statement. A failed batch is retried one instance at a
// time, so one bad file fails only its own instance.
import { OrchardError } from '../../shared/errors';
import type { IngestRequest } from './syncStore';

export type IngestMany = (requests: IngestRequest[], signal?: AbortSignal) => Promise<{ instanceId: string; rows: number }[]>;

interface Pending {
  request: IngestRequest;
  resolve: (r: { rows: number }) => void;
  reject: (e: unknown) => void;
}

export interface BatchingIngester {
  submit(request: IngestRequest): Promise<{ rows: number }>;
}

export function createBatchingIngester(ingestMany: IngestMany, opts: { signal?: AbortSignal; onBatch?: (size: number) => void } = {}): BatchingIngester {
  let queue: Pending[] = [];
  let running = false;

  const settle = (batch: Pending[], results: { instanceId: string; rows: number }[]) => {
    const rows = new Map(results.map((r) => [r.instanceId, r.rows]));
    for (const p of batch) p.resolve({ rows: rows.get(p.request.ref.instance.id) ?? 0 });
  };

  const runBatch = async (batch: Pending[]) => {
    opts.onBatch?.(batch.length);
    try {
      settle(batch, await ingestMany(batch.map((p) => p.request), opts.signal));
      return;
    } catch (error) {
      const fatal = opts.signal?.aborted || (error instanceof OrchardError && (error.code === 'CANCELLED' || error.code === 'DISK_FULL'));
      if (batch.length === 1 || fatal) {
        for (const p of batch) p.reject(error);
        return;
      }
    }
    for (const p of batch) {
      try {
        settle([p], await ingestMany([p.request], opts.signal));
      } catch (error) {
        p.reject(error);
      }
    }
  };

  const drain = async () => {
    running = true;
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      await runBatch(batch);
    }
    running = false;
  };

  return {
    submit(request) {
      return new Promise((resolve, reject) => {
        queue.push({ request, resolve, reject });
        if (!running) void drain();
      });
    },
  };
}
