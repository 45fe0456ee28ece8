// The download-and-load phase of a sync: bounded parallel downloads of the pending instances,
// each verified instance handed to the batching ingester, then every load awaited. Per-instance
// failures become issues; cancellation, a full disk or a rejected key stop the phase.
import path from 'node:path';
import { OrchardError } from '../../shared/errors';
import type { SyncIssue, SyncProgress } from '../../shared/sync';
import { toOrchardError } from '../warehouse/errors';
import { createBatchingIngester } from './batchingIngester';
import { processInstance, type PipelineDeps } from './instancePipeline';
import { runPool } from './pool';
import type { ProgressTracker } from './progress';
import { countLabel, plural } from './wording';
import type { InstanceRef, SyncStore } from './syncStore';

/** Errors after which continuing with other instances is pointless. */
const FATAL = new Set(['CANCELLED', 'DISK_FULL', 'AUTH_FAILED', 'SECRET_STORE_UNAVAILABLE']);

export interface PhaseTotals {
  ingested: number;
  segments: number;
  bytes: number;
  rows: number;
  quarantined: number;
}

export interface PhaseResult {
  totals: PhaseTotals;
  issues: SyncIssue[];
  notes: string[];
  fatal: OrchardError | null;
}

export async function downloadAndLoad(
  pending: InstanceRef[],
  deps: Pick<PipelineDeps, 'api' | 'fetchSegment'> & { store: SyncStore; dataDir: string; concurrency: number; progress: ProgressTracker; signal?: AbortSignal },
): Promise<PhaseResult> {
  const { progress, signal, store } = deps;
  const totals: PhaseTotals = { ingested: 0, segments: 0, bytes: 0, rows: 0, quarantined: 0 };
  const issues: SyncIssue[] = [];
  const notes: string[] = [];
  let fatal: OrchardError | null = null;
  let downloading = pending.length;
  const refsById = new Map(pending.map((ref) => [ref.instance.id, ref]));
  /** Instances already counted in `instances.done` (with the rows counted for them): each counts once, however it ends or is told again. */
  const counted = new Map<string, number>();
  const countOnce = (id: string, rows = 0): boolean => {
    if (counted.has(id)) return false;
    counted.set(id, rows);
    return true;
  };
  /** A batch told as loaded can still roll back (a cancel, a bad file): its rows, and unless it is over its count, are taken back. */
  const takeBack = (id: string, over: boolean) => {
    const rows = counted.get(id);
    if (rows === undefined) return;
    // Over (failed on its own): still done, with no rows. Stopped by a cancel or a full disk: not done.
    if (over) counted.set(id, 0);
    else counted.delete(id);
    progress.update((p) => {
      p.rows -= rows;
      if (!over) p.instances.done -= 1;
    });
  };
  // A batch is one transaction over many report tables: progress moves as each table's instances load.
  const loaded = (ids: readonly string[], rowsById: ReadonlyMap<string, number>) =>
    progress.update((p) => {
      for (const id of ids) {
        const rows = rowsById.get(id) ?? 0;
        if (!countOnce(id, rows)) continue;
        p.instances.done += 1;
        p.rows += rows;
        const ref = refsById.get(id);
        p.phase = 'loading';
        p.message = `Loaded ${countLabel(p.instances.done)} of ${plural(p.instances.total, 'instance')}${ref ? ` — ${ref.reportName}, ${ref.instance.processingDate}` : ''}`;
      }
    });
  const ingester = createBatchingIngester((requests, sig, onLoaded) => store.ingestMany(requests, sig, onLoaded), {
    signal,
    upstreamIdle: () => downloading === 0,
    onBatch: (size) => progress.phase('loading', `Loading ${plural(size, 'instance')} into the database…`),
    onLoaded: loaded,
  });
  const loads: Promise<void>[] = [];

  const finished = (ref: InstanceRef) => {
    if (countOnce(ref.instance.id)) progress.update((p) => (p.instances.done += 1));
  };
  /** An instance that failed on its own is done; one stopped by a cancel or a full disk is not. */
  const fail = (ref: InstanceRef, error: unknown) => {
    const e = asOrchardError(error);
    takeBack(ref.instance.id, !FATAL.has(e.code));
    if (FATAL.has(e.code)) {
      fatal ??= e;
      return;
    }
    if (e.code === 'CHECKSUM_MISMATCH' && e.details?.reason !== 'cache-damaged') totals.quarantined += 1;
    issues.push({ reportName: ref.reportName, instanceId: ref.instance.id, error: e.toPayload() });
    finished(ref);
  };
  // Download progress in instances: whole ones done plus each in-flight one's share of its bytes.
  const inFlight = new Map<string, { done: number; total: number }>();
  let downloadsEnded = 0;
  const downloadShare = () =>
    downloadsEnded + [...inFlight.values()].reduce((n, f) => n + (f.total > 0 ? Math.max(0, Math.min(1, f.done / f.total)) : 0), 0);
  const track = (ref: InstanceRef, mutate: (f: { done: number; total: number }, p: SyncProgress) => void) =>
    progress.update((p) => {
      const f = inFlight.get(ref.instance.id) ?? { done: 0, total: 0 };
      inFlight.set(ref.instance.id, f);
      mutate(f, p);
      p.download = { done: downloadShare(), total: pending.length };
    });
  const downloadEnded = (ref: InstanceRef) => {
    inFlight.delete(ref.instance.id);
    downloadsEnded += 1;
    progress.update((p) => {
      p.download = { done: downloadShare(), total: pending.length };
      p.downloadedInstances = downloadsEnded;
      p.message = `Downloaded ${countLabel(downloadsEnded)} of ${plural(pending.length, 'instance')} — ${ref.reportName}, ${ref.instance.granularity.toLowerCase()} ${ref.instance.processingDate}`;
    });
  };

  await runPool(pending, Math.max(1, deps.concurrency), async (ref) => {
    try {
      if (fatal) return;
      let outcome;
      try {
        outcome = await processInstance(ref, {
          api: deps.api,
          fetchSegment: deps.fetchSegment,
          store,
          cacheDir: path.join(deps.dataDir, 'segments'),
          quarantineDir: path.join(deps.dataDir, 'quarantine'),
          ingest: (request) => ingester.submit(request),
          signal,
          onSegmentsListed: (n, bytes) => track(ref, (f, p) => ((f.total += bytes), (p.segments.total += n), (p.bytes.total += bytes))),
          onSegmentDone: (_reused, reusedBytes = 0) => track(ref, (f, p) => ((f.done += reusedBytes), (p.segments.done += 1))),
          onBytes: (n) => track(ref, (f, p) => ((f.done += n), (p.bytes.done += n))),
        });
      } catch (error) {
        // A download stopped by a cancel is not downloaded; one that failed on its own is over.
        if (FATAL.has(asOrchardError(error).code)) inFlight.delete(ref.instance.id);
        else downloadEnded(ref);
        throw error;
      }
      downloadEnded(ref);
      if (outcome.kind === 'not-ready') {
        notes.push(`${ref.reportName} (${ref.instance.processingDate}) is listed but its files are not ready yet; the next sync picks it up.`);
        return finished(ref);
      }
      totals.segments += outcome.downloaded;
      totals.bytes += outcome.bytes;
      loads.push(
        outcome.ingested.then(
          ({ rows }) => {
            totals.ingested += 1;
            totals.rows += rows;
            // Counted already when its table loaded (`loaded`); a store that does not tell is counted here.
            loaded([ref.instance.id], new Map([[ref.instance.id, rows]]));
          },
          (error: unknown) => fail(ref, error),
        ),
      );
    } catch (error) {
      fail(ref, error);
    } finally {
      downloading -= 1;
      ingester.kick();
    }
  });
  await Promise.all(loads);
  return { totals, issues, notes, fatal };
}

/** DuckDB's raw errors too (a COMMIT that found the disk full is not wrapped by the ingest): named as the rest. */
export function asOrchardError(error: unknown): OrchardError {
  if (error instanceof OrchardError) return error;
  if (error instanceof Error && error.name === 'AbortError') return new OrchardError('CANCELLED', 'The sync was cancelled.');
  return toOrchardError(error, (message) => new OrchardError('INTERNAL', message));
}
