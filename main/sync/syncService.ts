// Starts, cancels and reports syncs for the IPC layer: resolves the key and its client, runs the
// engine as a job, pushes progress and the final summary as events, learns the key's role.
import { OrchardError } from '../../shared/errors';
import { readRebuildMarker, rebuildInterruptedError } from './rebuildMarker';
import type { SyncProgress, SyncSummary } from '../../shared/sync';
import type { KeyService } from '../credentials';
import type { Logger } from '../logging/logger';
import type { AscSession } from '../session/ascSession';
import type { Warehouse } from '../warehouse';
import { createJobRegistry } from './jobRegistry';
import { runSync, type SyncOptions } from './syncEngine';
import { createWarehouseSyncStore, summaryFromRun } from './warehouseSyncStore';

export interface SyncServiceDeps {
  warehouse: Warehouse;
  session: AscSession;
  keys: KeyService;
  dataDir: string;
  now: () => Date;
  logger: Logger;
  onProgress: (p: SyncProgress) => void;
  onFinished: (s: SyncSummary) => void;
  /** Apps whose one-time history snapshot was already requested (persisted by the caller). */
  snapshotRequested: (appId: string) => boolean;
  markSnapshotRequested: (appId: string) => void;
}

export interface SyncService {
  start(options: Omit<SyncOptions, 'roleHint' | 'requestSnapshot'> & { keyId?: string }): Promise<{ jobId: string; done: Promise<SyncSummary> }>;
  cancel(jobId: string): boolean;
  running(): { jobId: string; appId: string }[];
  history(options: { appId?: string; limit?: number }): Promise<SyncSummary[]>;
  close(): Promise<void>;
}

/** The run could not even be recorded (e.g. the database is unwritable): still tell the user. */
function crashedSummary(appId: string, at: Date, error: unknown): SyncSummary {
  const e = error instanceof OrchardError ? error : new OrchardError('INTERNAL', error instanceof Error ? error.message : String(error));
  const t = at.toISOString();
  return {
    runId: '',
    appId,
    outcome: 'failed',
    startedAt: t,
    endedAt: t,
    reports: 0,
    instancesIngested: 0,
    instancesSkipped: 0,
    segmentsDownloaded: 0,
    bytesDownloaded: 0,
    rowsLoaded: 0,
    quarantined: 0,
    issues: [{ error: e.toPayload() }],
    notes: [],
  };
}

export function createSyncService(deps: SyncServiceDeps): SyncService {
  const jobs = createJobRegistry();
  const store = createWarehouseSyncStore(deps.warehouse);
  return {
    async start(options) {
      if (deps.warehouse.readOnly) throw new OrchardError('READ_ONLY', 'The warehouse is read-only: make the data folder writable to sync. Browsing and queries still work.');
      // A rebuild that did not finish left the warehouse short of what the cache holds.
      const unfinished = await readRebuildMarker(deps.dataDir);
      if (unfinished !== null) throw rebuildInterruptedError(unfinished);
      const { keyId, client } = await deps.session.clientFor(options.keyId);
      const roleHint = (await deps.keys.list()).find((k) => k.keyId === keyId)?.roleHint;
      let resolveDone!: (s: SyncSummary) => void;
      const done = new Promise<SyncSummary>((r) => (resolveDone = r));
      const job = jobs.start(options.appId, async ({ id, signal }) => {
        const summary = await runSync(
          { ...options, roleHint, requestSnapshot: !deps.snapshotRequested(options.appId) },
          {
            client,
            store,
            dataDir: deps.dataDir,
            now: deps.now,
            signal,
            jobId: id,
            onProgress: deps.onProgress,
            onRoleLearned: (hint) => void deps.keys.recordRoleHint(keyId, hint),
            onSnapshotAttempted: () => deps.markSnapshotRequested(options.appId),
          },
        ).catch((error: unknown) => crashedSummary(options.appId, deps.now(), error));
        deps.logger.info('sync.finished', { appId: options.appId, outcome: summary.outcome, rows: summary.rowsLoaded });
        deps.onFinished(summary);
        resolveDone(summary);
      });
      return { jobId: job.id, done };
    },
    cancel: (jobId) => jobs.cancel(jobId),
    running: () => jobs.running().map((j) => ({ jobId: j.id, appId: j.appId })),
    async history({ appId, limit }) {
      // A run still in progress has no outcome yet: it is shown by progress events, not history.
      const live = new Set(jobs.running().map((j) => j.appId));
      const runs = await deps.warehouse.metadata.listSyncRuns({ appId, limit: limit ?? 20 });
      return runs.filter((r) => r.outcome !== null || !live.has(r.appId ?? '')).map(summaryFromRun);
    },
    close: () => jobs.cancelAll(),
  };
}
