// A whole sync of one app: requests -> listing -> download + ingest (bounded concurrency, one
// writer) -> summary. Per-instance failures make the run 'partial' and are listed; cancellation,
// a full disk or a rejected key stop it. What was verified or ingested before a stop is kept, so
// the next run resumes without downloading it again.
import { randomUUID } from 'node:crypto';
import { OrchardError, type ErrorPayload } from '../../shared/errors';
import type { Granularity } from '../../shared/ascTypes';
import type { RoleHint } from '../../shared/keys';
import type { SyncIssue, SyncProgress, SyncSummary } from '../../shared/sync';
import type { AscClient } from '../asc/client';
import { asOrchardError, downloadAndLoad } from './downloadPhase';
import { holeNotes, withCacheHoles } from './cacheCheck';
import { listWork } from './listing';
import { createProgressTracker } from './progress';
import { ensureRequests } from './requestLifecycle';
import type { SyncStore } from './syncStore';
import { plural } from './wording';

export interface SyncOptions {
  appId: string;
  reportNames?: readonly string[];
  granularities?: readonly Granularity[];
  concurrency?: number;
  recreateStopped?: boolean;
  requestSnapshot?: boolean;
  roleHint?: RoleHint;
}

export interface SyncDeps {
  client: Pick<AscClient, 'listReportRequests' | 'createReportRequest' | 'deleteReportRequest' | 'listReports' | 'listInstances' | 'listSegments' | 'fetchSegment'>;
  store: SyncStore;
  dataDir: string;
  now: () => Date;
  onProgress: (p: SyncProgress) => void;
  onRoleLearned?: (hint: RoleHint) => void;
  onSnapshotAttempted?: () => void;
  signal?: AbortSignal;
  jobId?: string;
  /** Least time between progress events (default 150 ms); tests pass 0 to see every step. */
  progressIntervalMs?: number;
}


export async function runSync(options: SyncOptions, deps: SyncDeps): Promise<SyncSummary> {
  const { client, store, signal } = deps;
  const startedAt = deps.now().toISOString();
  const runId = await store.startRun(options.appId, startedAt);
  const progress = createProgressTracker({ jobId: deps.jobId ?? randomUUID(), appId: options.appId }, deps.onProgress, Date.now, deps.progressIntervalMs);
  const issues: SyncIssue[] = [];
  const notes: string[] = [];
  const totals = { reports: 0, ingested: 0, skipped: 0, segments: 0, bytes: 0, rows: 0, quarantined: 0 };
  let fatal: OrchardError | null = null;

  try {
    progress.phase('requests', 'Checking report requests…');
    const lifecycle = await ensureRequests({
      appId: options.appId,
      api: client,
      roleHint: options.roleHint,
      recreateStopped: options.recreateStopped ?? false,
      requestSnapshot: options.requestSnapshot ?? false,
      signal,
    });
    notes.push(...lifecycle.notes);
    if (lifecycle.learnedRole) deps.onRoleLearned?.(lifecycle.learnedRole);
    if (lifecycle.snapshotAttempted) deps.onSnapshotAttempted?.();
    await store.saveRequests(options.appId, lifecycle.requests);

    progress.phase('listing', 'Listing reports and instances…');
    // Cached files deleted or changed behind Orchard's back are fetched again while Apple has them.
    const cache = await withCacheHoles(store, deps.dataDir);
    const work = await listWork({
      appId: options.appId,
      api: client,
      store: cache.store,
      requests: lifecycle.requests,
      reportNames: options.reportNames,
      granularities: options.granularities,
      today: deps.now(),
      signal,
      onReportListed: (total) => progress.update((p) => ((p.reports.total = total), (p.reports.done += 1))),
    });
    notes.push(...work.notes, ...holeNotes(cache.holes, new Set(work.pending.map((r) => r.instance.id))));
    totals.reports = work.reportCount;
    totals.skipped = work.alreadyIngested;
    progress.update((p) => ((p.instances.total = work.pending.length), (p.download = { done: 0, total: work.pending.length })));

    progress.phase('downloading', work.pending.length ? `Downloading ${work.pending.length} report instance${work.pending.length === 1 ? '' : 's'}…` : 'Everything is up to date.');
    const phase = await downloadAndLoad(work.pending, {
      api: client,
      fetchSegment: client.fetchSegment,
      store,
      dataDir: deps.dataDir,
      concurrency: options.concurrency ?? 4,
      progress,
      signal,
    });
    Object.assign(totals, phase.totals);
    issues.push(...phase.issues);
    notes.push(...phase.notes);
    fatal = phase.fatal;
  } catch (error) {
    fatal ??= asOrchardError(error);
  }
  // A stop that came while the last batch was already committing still ends the run as cancelled.
  if (signal?.aborted) fatal ??= new OrchardError('CANCELLED', 'The sync was cancelled.');

  if (fatal) issues.unshift({ error: fatal.toPayload() });
  const summary: SyncSummary = {
    runId,
    appId: options.appId,
    outcome: fatal ? (fatal.code === 'CANCELLED' ? 'cancelled' : 'failed') : issues.length ? 'partial' : 'succeeded',
    startedAt,
    endedAt: deps.now().toISOString(),
    reports: totals.reports,
    instancesIngested: totals.ingested,
    instancesSkipped: totals.skipped,
    segmentsDownloaded: totals.segments,
    bytesDownloaded: totals.bytes,
    rowsLoaded: totals.rows,
    quarantined: totals.quarantined,
    issues,
    notes,
  };
  await store.finishRun(summary).catch((error: unknown) => {
    // Usually a full disk: the summary is still told; the next start marks the run interrupted.
    summary.notes.push(`This run could not be recorded in the warehouse (${asOrchardError(error).message}); the next start marks it interrupted.`);
  });
  progress.finish(summary.outcome, summaryLine(summary));
  return summary;
}


export function summaryLine(s: SyncSummary): string {
  const base = `${plural(s.instancesIngested, 'instance')} loaded, ${plural(s.rowsLoaded, 'row')}, ${plural(s.segmentsDownloaded, 'file')} downloaded`;
  switch (s.outcome) {
    case 'succeeded':
      return `Sync finished: ${base}.`;
    case 'partial':
      return `Sync finished with ${plural(s.issues.length, 'problem')}: ${base}.`;
    case 'cancelled':
      return `Sync cancelled: ${base} before it stopped; the rest resumes next time.`;
    case 'failed':
      return `Sync failed: ${(s.issues[0]?.error as ErrorPayload | undefined)?.message ?? 'unknown error'}`;
    case 'interrupted':
      return `Sync interrupted: ${base}; the next sync resumes it.`;
  }
}
