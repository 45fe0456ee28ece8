// The download-and-load phase of a sync: bounded parallel downloads of the pending instances,
// each verified instance handed to the batching ingester, then every load awaited. Per-instance
// failures become issues; cancellation, a full disk or a rejected key stop the phase.
import path from 'node:path';
import { OrchardError } from '../../shared/errors';
import type { SyncIssue } from '../../shared/sync';
import { createBatchingIngester } from './batchingIngester';
import { processInstance, type PipelineDeps } from './instancePipeline';
import { runPool } from './pool';
import type { ProgressTracker } from './progress';
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
  const ingester = createBatchingIngester((requests, sig) => store.ingestMany(requests, sig), {
    signal,
    upstreamIdle: () => downloading === 0,
    // Announced before the batch starts, so a stop during loading can be aimed at it.
    onBatch: (n) => progress.phase('loading', `Loading ${n} instance(s)…`),
  });
  const loads: Promise<void>[] = [];

  const fail = (ref: InstanceRef, error: unknown) => {
    const e = asOrchardError(error);
    if (FATAL.has(e.code)) fatal ??= e;
    else {
      if (e.code === 'CHECKSUM_MISMATCH') totals.quarantined += 1;
      issues.push({ reportName: ref.reportName, instanceId: ref.instance.id, error: e.toPayload() });
    }
  };
  const finished = () => progress.update((p) => (p.instances.done += 1));

  await runPool(pending, Math.max(1, deps.concurrency), async (ref) => {
    try {
      if (fatal) return finished();
      const outcome = await processInstance(ref, {
        api: deps.api,
        fetchSegment: deps.fetchSegment,
        store,
        cacheDir: path.join(deps.dataDir, 'segments'),
        quarantineDir: path.join(deps.dataDir, 'quarantine'),
        ingest: (request) => ingester.submit(request),
        signal,
        onSegmentsListed: (n) => progress.update((p) => (p.segments.total += n)),
        onSegmentDone: () => progress.update((p) => (p.segments.done += 1)),
        onBytes: (n) => progress.update((p) => (p.bytes.done += n)),
        onLoading: (r) => progress.update((p) => (p.message = `Downloaded ${r.reportName}, ${r.instance.granularity.toLowerCase()} ${r.instance.processingDate}`)),
      });
      if (outcome.kind === 'not-ready') {
        notes.push(`${ref.reportName} (${ref.instance.processingDate}) is listed but its files are not ready yet; the next sync picks it up.`);
        return finished();
      }
      totals.segments += outcome.downloaded;
      totals.bytes += outcome.bytes;
      loads.push(
        outcome.ingested.then(
          ({ rows }) => {
            totals.ingested += 1;
            totals.rows += rows;
            progress.update((p) => ((p.rows += rows), (p.phase = 'loading'), (p.message = `Loaded ${ref.reportName}, ${ref.instance.processingDate}`)));
            finished();
          },
          (error: unknown) => {
            fail(ref, error);
            finished();
          },
        ),
      );
    } catch (error) {
      fail(ref, error);
      finished();
    } finally {
      downloading -= 1;
      ingester.kick();
    }
  });
  await Promise.all(loads);
  return { totals, issues, notes, fatal };
}

export function asOrchardError(error: unknown): OrchardError {
  if (error instanceof OrchardError) return error;
  if (error instanceof Error && error.name === 'AbortError') return new OrchardError('CANCELLED', 'The sync was cancelled.');
  return new OrchardError('INTERNAL', error instanceof Error ? error.message : String(error));
}
