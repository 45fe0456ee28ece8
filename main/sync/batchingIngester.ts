// Feeds the warehouse's single writer in batches, because DuckDB reads many files in one
// read_csv far faster than one file per statement, and a transaction of at least a row group
// skips the WAL. A batch starts when nothing is still downloading (the caller says so through
// `upstreamIdle` and `kick`) or when enough bytes wait, so a long sync still loads while it
// downloads. A failed batch is retried one instance at a time, so one bad file fails only its own
// instance; a full disk or a cancel stops every batch still waiting instead.
import { OrchardError } from '../../shared/errors';
import { toOrchardError } from '../warehouse/errors';
import type { InstancesLoaded } from '../warehouse/types';
import type { IngestRequest } from './syncStore';

export type IngestMany = (requests: IngestRequest[], signal?: AbortSignal, onLoaded?: InstancesLoaded) => Promise<{ instanceId: string; rows: number }[]>;

interface Pending {
  request: IngestRequest;
  resolve: (r: { rows: number }) => void;
  reject: (e: unknown) => void;
}

export interface BatchingIngester {
  submit(request: IngestRequest): Promise<{ rows: number }>;
  /** Re-checks whether a batch should start (call when the upstream becomes idle). */
  kick(): void;
}

export interface BatchingOptions {
  signal?: AbortSignal;
  /** True when no more instances are on their way (default: always, i.e. load at once). */
  upstreamIdle?: () => boolean;
  /** Start a batch anyway once this many gzip bytes wait (default 32 MB). */
  minBatchBytes?: number;
  onBatch?: (size: number) => void;
  /** Each report table's instances as the batch loads them (before it commits; a retried instance is told again). */
  onLoaded?: InstancesLoaded;
}

export function createBatchingIngester(ingestMany: IngestMany, opts: BatchingOptions = {}): BatchingIngester {
  let queue: Pending[] = [];
  let running = false;
  /** Set by a full disk or a cancel: what is queued or submitted later fails with it, untried. */
  let stopped: OrchardError | undefined;
  const minBytes = opts.minBatchBytes ?? 32 * 1024 * 1024;
  const idle = opts.upstreamIdle ?? (() => true);
  const queuedBytes = () => queue.reduce((n, p) => n + p.request.segments.reduce((m, s) => m + s.bytes, 0), 0);
  const ready = () => queue.length > 0 && (idle() || queuedBytes() >= minBytes || opts.signal?.aborted === true);

  const settle = (batch: Pending[], results: { instanceId: string; rows: number }[]) => {
    const rows = new Map(results.map((r) => [r.instanceId, r.rows]));
    for (const p of batch) p.resolve({ rows: rows.get(p.request.ref.instance.id) ?? 0 });
  };

  const runBatch = async (batch: Pending[]) => {
    opts.onBatch?.(batch.length);
    try {
      settle(batch, await ingestMany(batch.map((p) => p.request), opts.signal, opts.onLoaded));
      return;
    } catch (error) {
      const named = toOrchardError(error, (message) => new OrchardError('INTERNAL', message));
      const fatal = opts.signal?.aborted || named.code === 'CANCELLED' || named.code === 'DISK_FULL';
      if (fatal) stopped ??= named;
      if (batch.length === 1 || fatal) {
        for (const p of batch) p.reject(fatal ? named : error);
        return;
      }
    }
    for (const p of batch) {
      if (stopped) {
        p.reject(stopped);
        continue;
      }
      try {
        settle([p], await ingestMany([p.request], opts.signal, opts.onLoaded));
      } catch (error) {
        const named = toOrchardError(error, (message) => new OrchardError('INTERNAL', message));
        if (named.code === 'DISK_FULL' || named.code === 'CANCELLED') stopped ??= named;
        p.reject(error);
      }
    }
  };

  const drain = async () => {
    running = true;
    while (ready()) {
      const batch = queue;
      queue = [];
      if (stopped) for (const p of batch) p.reject(stopped);
      else await runBatch(batch);
    }
    running = false;
  };
  const kick = () => {
    if (!running && ready()) void drain();
  };

  return {
    submit(request) {
      if (stopped) return Promise.reject(stopped);
      return new Promise((resolve, reject) => {
        queue.push({ request, resolve, reject });
        kick();
      });
    },
    kick,
  };
}
