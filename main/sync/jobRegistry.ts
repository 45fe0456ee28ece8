// Running syncs by job ID, each with its own AbortController, so a cancel command (or quitting
// the app) reaches exactly the job it names. One sync per app at a time.
import { randomUUID } from 'node:crypto';
import { OrchardError } from '../../shared/errors';

export interface Job {
  id: string;
  appId: string;
  controller: AbortController;
  done: Promise<unknown>;
}

export interface JobRegistry {
  start(appId: string, run: (job: { id: string; signal: AbortSignal }) => Promise<unknown>): Job;
  cancel(jobId: string): boolean;
  running(): { id: string; appId: string }[];
  /** Cancels every job and waits for them to wind down (app shutdown). */
  cancelAll(): Promise<void>;
}

export function createJobRegistry(): JobRegistry {
  const jobs = new Map<string, Job>();
  return {
    start(appId, run) {
      for (const job of jobs.values()) {
        if (job.appId === appId) throw new OrchardError('CONFLICT', 'A sync of this app is already running.', { jobId: job.id });
      }
      const id = randomUUID();
      const controller = new AbortController();
      const done = run({ id, signal: controller.signal }).finally(() => jobs.delete(id));
      const job = { id, appId, controller, done };
      jobs.set(id, job);
      return job;
    },
    cancel(jobId) {
      const job = jobs.get(jobId);
      if (!job) return false;
      job.controller.abort(new OrchardError('CANCELLED', 'The sync was cancelled.'));
      return true;
    },
    running: () => [...jobs.values()].map((j) => ({ id: j.id, appId: j.appId })),
    async cancelAll() {
      const pending = [...jobs.values()];
      for (const job of pending) job.controller.abort(new OrchardError('CANCELLED', 'Orchard is quitting.'));
      await Promise.allSettled(pending.map((j) => j.done));
    },
  };
}
