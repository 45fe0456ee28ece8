// The app's side of the Parquet lake: the folder it publishes to (chosen in main only, kept in
// settings), Publish now as a cancellable job with progress, a publish after every successful sync,
// and how the last one ended. Each publish runs while the warehouse pauses its writes, so the
// read-only DuckDB that publishLake opens on the same file sees exactly what is committed.
import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { OrchardError } from '../../shared/errors';
import type {
  LakeFinished, LakeFolderChooser, LakeLastPublish, LakePublishProgress, LakePublishTrigger, LakeStatus,
} from '../../shared/ipc/lakeCommands';
import type { Logger } from '../logging/logger';
import type { Warehouse } from '../warehouse/types';
import { publishFailure } from './lakeFailure';
import { META_DIR } from './lakeManifest';
import type { LakeSettings } from './lakeSettings';
import { publishLake, type PublishOptions } from './publishLake';

export interface LakeFolderSource {
  kind: LakeFolderChooser;
  /** The folder the user picked, or null when they cancelled. Never anything the renderer sent. */
  choose(): Promise<string | null>;
}

export interface LakeServiceDeps {
  warehouse: Pick<Warehouse, 'path' | 'readOnly' | 'whileWritesPaused'>;
  settings: LakeSettings;
  chooser: LakeFolderSource;
  /** Set when this Orchard shows an opened lake: publishing is refused with this reason. */
  unavailable?: string;
  now: () => Date;
  logger: Logger;
  onProgress: (progress: LakePublishProgress) => void;
  onFinished: (finished: LakeFinished) => void;
  /** Passed to publishLake (tests shorten the grace period). */
  publishOptions?: Pick<PublishOptions, 'keepSnapshots' | 'graceMs' | 'staleLockAfterMs'>;
}

export interface LakeService {
  status(): LakeStatus;
  chooseFolder(): Promise<LakeStatus>;
  clearFolder(): LakeStatus;
  /** Starts a publish, or hands back the one running (it already waits for the latest writes). */
  publishNow(): { jobId: string };
  /** After a successful sync: publishes when a folder is set; one more after a running publish. */
  afterSync(): void;
  cancel(jobId: string): boolean;
  /** Cancels a running publish (the lake keeps its previous snapshot) and waits for it to stop. */
  close(): Promise<void>;
}

interface Job {
  jobId: string;
  controller: AbortController;
  progress: LakePublishProgress;
  done: Promise<void>;
}

/** A folder Orchard may publish to: new, empty, or already an Orchard lake; never someone's other files. */
async function checkFolder(folder: string): Promise<string> {
  if (!path.isAbsolute(folder)) throw new OrchardError('BAD_INPUT', 'The lake folder must be an absolute path.');
  const resolved = path.resolve(folder);
  const entries: string[] = await readdir(resolved).catch((error: unknown): string[] => {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return [];
    throw new OrchardError('BAD_INPUT', `Orchard cannot read ${resolved}: choose a folder you may read and write.`);
  });
  if (entries.length && !entries.includes(META_DIR)) {
    throw new OrchardError('BAD_INPUT', `${resolved} already holds other files and is not an Orchard lake: choose an empty or new folder.`);
  }
  return resolved;
}

export function createLakeService(deps: LakeServiceDeps): LakeService {
  let job: Job | undefined;
  let again = false;
  let closed = false;

  const refuseIfUnavailable = () => {
    if (deps.unavailable) throw new OrchardError('READ_ONLY', `Publishing is off here: ${deps.unavailable}`);
  };

  const status = (): LakeStatus => ({
    folder: deps.unavailable ? null : deps.settings.folder() ?? null,
    chooser: deps.unavailable ? 'none' : deps.chooser.kind,
    ...(deps.unavailable ? { unavailable: deps.unavailable } : {}),
    running: job ? { ...job.progress } : null,
    last: deps.settings.last() ?? null,
  });

  const finish = (current: Job, last: LakeLastPublish) => {
    // Ended before anyone hears of it: a status read on 'lake:finished' shows nothing running.
    if (job === current) job = undefined;
    deps.settings.setLast(last);
    deps.logger.info('lake.publish_ended', { outcome: last.outcome, trigger: last.trigger, snapshot: last.snapshot, files: last.filesWritten, error: last.error?.code });
    deps.onFinished({ jobId: current.jobId, last });
  };

  const run = async (current: Job, folder: string): Promise<void> => {
    const { signal } = current.controller;
    const trigger = current.progress.trigger;
    const report = (p: Omit<LakePublishProgress, 'jobId' | 'trigger' | 'startedAt'>) => {
      current.progress = { ...current.progress, ...p };
      deps.onProgress({ ...current.progress });
    };
    report({ phase: 'waiting', message: 'Waiting for writes to the warehouse to finish', tablesDone: 0, tablesTotal: 0 });
    let last: LakeLastPublish;
    try {
      const summary = await deps.warehouse.whileWritesPaused(
        () => publishLake(deps.warehouse, folder, { ...deps.publishOptions, now: deps.now, signal, onProgress: report }),
        signal,
      );
      last = {
        outcome: 'published', trigger, folder, endedAt: deps.now().toISOString(), snapshot: summary.snapshot, tables: summary.tables,
        rows: summary.rows, filesWritten: summary.written.files, bytesWritten: summary.written.bytes, reusedPartitions: summary.reusedPartitions,
      };
    } catch (error) {
      const cancelled = signal.aborted || (error instanceof OrchardError && error.code === 'CANCELLED');
      last = cancelled
        ? { outcome: 'cancelled', trigger, folder, endedAt: deps.now().toISOString(), error: { code: 'CANCELLED', message: 'The publish was cancelled: the lake keeps its previous snapshot.' } }
        : { outcome: 'failed', trigger, folder, endedAt: deps.now().toISOString(), error: publishFailure(error, folder) };
    }
    finish(current, last);
  };

  const start = (trigger: LakePublishTrigger, folder: string): Job => {
    const jobId = randomUUID();
    const current: Job = {
      jobId,
      controller: new AbortController(),
      progress: { jobId, trigger, phase: 'waiting', message: '', tablesDone: 0, tablesTotal: 0, startedAt: deps.now().toISOString() },
      done: Promise.resolve(),
    };
    job = current;
    current.done = run(current, folder)
      .catch((error: unknown) => deps.logger.error('lake.publish_unrecorded', { error: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        if (job === current) job = undefined;
        const queued = again;
        again = false;
        const next = deps.settings.folder();
        // A publish started meanwhile (Publish now) already reads the latest sync.
        if (queued && next && !closed && !job) start('after-sync', next);
      });
    return current;
  };

  return {
    status,
    async chooseFolder() {
      refuseIfUnavailable();
      if (job) throw new OrchardError('CONFLICT', 'A publish is running: wait for it to finish or cancel it before changing the folder.');
      const chosen = await deps.chooser.choose();
      if (chosen === null) return status();
      deps.settings.setFolder(await checkFolder(chosen));
      return status();
    },
    clearFolder() {
      refuseIfUnavailable();
      if (job) throw new OrchardError('CONFLICT', 'A publish is running: wait for it to finish or cancel it before stopping publishing.');
      deps.settings.setFolder(undefined);
      return status();
    },
    publishNow() {
      refuseIfUnavailable();
      if (deps.warehouse.readOnly) throw new OrchardError('READ_ONLY', 'The warehouse is read-only here, so it cannot be published: open Orchard on its own data folder.');
      if (job) return { jobId: job.jobId };
      const folder = deps.settings.folder();
      if (!folder) throw new OrchardError('BAD_INPUT', 'Choose a lake folder first (Settings › Lake folder).');
      return { jobId: start('manual', folder).jobId };
    },
    afterSync() {
      const folder = deps.settings.folder();
      if (deps.unavailable || deps.warehouse.readOnly || !folder || closed) return;
      if (job) {
        again = true;
        return;
      }
      start('after-sync', folder);
    },
    cancel(jobId) {
      if (!job || job.jobId !== jobId) return false;
      job.controller.abort();
      return true;
    },
    async close() {
      closed = true;
      const running = job;
      running?.controller.abort();
      await running?.done;
    },
  };
}
