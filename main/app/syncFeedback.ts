// Sync feedback outside the window: the dock / taskbar icon shows the overall progress of running
// syncs (Electron's setProgressBar), and a system notification reports a sync that failed, had
// problems, or ran long enough that the user may have looked away.
import { BrowserWindow, Notification } from 'electron';
import { overallProgress } from '../../shared/browse';
import type { SyncProgress, SyncSummary } from '../../shared/sync';
import type { EventHub } from '../ipc/eventHub';
import type { Logger } from '../logging/logger';

/** A successful sync shorter than this finished while the user was watching; no notification. */
export const LONG_SYNC_MS = 60_000;

export interface SyncFeedbackOptions {
  /** Shown on click; the app's main window. */
  focusWindow?: () => void;
  logger: Logger;
}

function notificationFor(s: SyncSummary): { title: string; body: string } | null {
  const ms = Date.parse(s.endedAt) - Date.parse(s.startedAt);
  const loaded = `${s.instancesIngested} instance(s), ${s.rowsLoaded.toLocaleString('en-US')} rows loaded`;
  switch (s.outcome) {
    case 'failed':
      return { title: 'Orchard: sync failed', body: s.issues[0]?.error.message ?? 'The sync stopped; open Orchard for details.' };
    case 'partial':
      return { title: 'Orchard: sync finished with problems', body: `${loaded}; ${s.issues.length} problem(s) — open Sync for suggested fixes.` };
    case 'succeeded':
      return ms >= LONG_SYNC_MS ? { title: 'Orchard: sync finished', body: loaded } : null;
    default:
      return null;
  }
}

/** Subscribes to sync events; returns the unsubscribe. */
export function attachSyncFeedback(events: Pick<EventHub, 'subscribe'>, options: SyncFeedbackOptions): () => void {
  // Job ID → app and progress; a run that crashed before its last progress event is cleared by app.
  const running = new Map<string, { appId: string; value: number }>();
  const showProgress = () => {
    const values = [...running.values()].map((r) => r.value);
    // -1 removes the bar; with several apps syncing, their average.
    const value = values.length === 0 ? -1 : values.reduce((a, b) => a + b, 0) / values.length;
    for (const win of BrowserWindow.getAllWindows()) {
      if (!win.isDestroyed()) win.setProgressBar(value);
    }
  };
  return events.subscribe((event, payload) => {
    if (event === 'sync:progress') {
      const p = payload as SyncProgress;
      if (p.phase === 'finished') running.delete(p.jobId);
      else running.set(p.jobId, { appId: p.appId, value: p.overall ?? overallProgress(p) });
      showProgress();
    } else if (event === 'sync:finished') {
      const summary = payload as SyncSummary;
      for (const [jobId, job] of running) if (job.appId === summary.appId) running.delete(jobId);
      showProgress();
      const note = notificationFor(summary);
      if (note === null || !Notification.isSupported()) return;
      try {
        const notification = new Notification({ title: note.title, body: note.body });
        if (options.focusWindow) notification.on('click', options.focusWindow);
        notification.show();
      } catch (error) {
        options.logger.warn('notification.failed', { error: error instanceof Error ? error.message : String(error) });
      }
    }
  });
}
