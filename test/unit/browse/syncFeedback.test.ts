// Dock / taskbar progress and system notifications from sync events, with a fake Electron:
// the bar follows the overall progress and clears at the end; only failures, problems and long
// runs notify, and clicking a notification brings the window back.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createEventHub } from '../../../main/ipc/eventHub';
import { silentLogger } from '../../../main/logging/logger';
import type { SyncProgress, SyncSummary } from '../../../shared/sync';

const fakes = vi.hoisted(() => ({
  bars: [] as number[],
  shown: [] as { title: string; body: string }[],
  clickHandlers: [] as (() => void)[],
  supported: true,
}));

vi.mock('electron', () => {
  class FakeNotification {
    static isSupported = () => fakes.supported;
    constructor(private readonly options: { title: string; body: string }) {}
    on(event: string, handler: () => void) {
      if (event === 'click') fakes.clickHandlers.push(handler);
      return this;
    }
    show() {
      fakes.shown.push(this.options);
    }
  }
  const window = { isDestroyed: () => false, setProgressBar: (value: number) => void fakes.bars.push(value) };
  return { BrowserWindow: { getAllWindows: () => [window] }, Notification: FakeNotification };
});

const { attachSyncFeedback, LONG_SYNC_MS } = await import('../../../main/app/syncFeedback');

const counter = (done: number, total: number) => ({ done, total });
function progress(over: Partial<SyncProgress>): SyncProgress {
  return {
    jobId: 'job-1', appId: '1', phase: 'downloading', reports: counter(4, 4), instances: counter(0, 10), segments: counter(0, 0),
    bytes: counter(0, 0), rows: 0, message: '', ...over,
  };
}
function summary(over: Partial<SyncSummary>): SyncSummary {
  return {
    runId: 'r', appId: '1', outcome: 'succeeded', startedAt: '2024-04-01T10:00:00.000Z', endedAt: '2024-04-01T10:00:05.000Z',
    reports: 4, instancesIngested: 10, instancesSkipped: 0, segmentsDownloaded: 12, bytesDownloaded: 1000, rowsLoaded: 1234,
    quarantined: 0, issues: [], notes: [], ...over,
  };
}

beforeEach(() => {
  Object.assign(fakes, { bars: [], shown: [], clickHandlers: [], supported: true });
});

describe('attachSyncFeedback', () => {
  it('shows the overall progress on the icon and removes it when the sync ends', () => {
    const events = createEventHub();
    attachSyncFeedback(events, { logger: silentLogger });
    events.emit('sync:progress', progress({ instances: counter(5, 10) }));
    expect(fakes.bars.at(-1)).toBeCloseTo(0.6);
    events.emit('sync:progress', progress({ phase: 'finished', instances: counter(10, 10) }));
    expect(fakes.bars.at(-1)).toBe(-1);
  });

  it('averages two apps syncing at once and clears a run that ended without a last progress event', () => {
    const events = createEventHub();
    attachSyncFeedback(events, { logger: silentLogger });
    events.emit('sync:progress', progress({ instances: counter(10, 10) }));
    events.emit('sync:progress', progress({ jobId: 'job-2', appId: '2', phase: 'listing', reports: counter(0, 4) }));
    expect(fakes.bars.at(-1)).toBeCloseTo((1 + 0.05) / 2);
    events.emit('sync:finished', summary({ appId: '2', outcome: 'failed', issues: [{ error: { code: 'NETWORK', message: 'offline' } }] }));
    expect(fakes.bars.at(-1)).toBeCloseTo(1);
  });

  it('notifies failures and problems at once, a success only after a long run, a cancel never', () => {
    const events = createEventHub();
    const focus = vi.fn();
    attachSyncFeedback(events, { logger: silentLogger, focusWindow: focus });
    events.emit('sync:finished', summary({}));
    events.emit('sync:finished', summary({ outcome: 'cancelled' }));
    expect(fakes.shown).toEqual([]);
    events.emit('sync:finished', summary({ outcome: 'failed', issues: [{ error: { code: 'AUTH_FAILED', message: 'The key was revoked.' } }] }));
    events.emit('sync:finished', summary({ outcome: 'partial', issues: [{ error: { code: 'NETWORK', message: 'x' } }] }));
    events.emit('sync:finished', summary({ endedAt: new Date(Date.parse('2024-04-01T10:00:00.000Z') + LONG_SYNC_MS).toISOString() }));
    expect(fakes.shown).toEqual([
      { title: 'Orchard: sync failed', body: 'The key was revoked.' },
      { title: 'Orchard: sync finished with problems', body: '10 instance(s), 1,234 rows loaded; 1 problem(s) — open Sync for suggested fixes.' },
      { title: 'Orchard: sync finished', body: '10 instance(s), 1,234 rows loaded' },
    ]);
    fakes.clickHandlers[0]?.();
    expect(focus).toHaveBeenCalledTimes(1);
  });

  it('stays quiet where notifications are not supported, and stops after unsubscribing', () => {
    const events = createEventHub();
    fakes.supported = false;
    const off = attachSyncFeedback(events, { logger: silentLogger });
    events.emit('sync:finished', summary({ outcome: 'failed' }));
    expect(fakes.shown).toEqual([]);
    off();
    events.emit('sync:progress', progress({}));
    expect(fakes.bars).toEqual([-1]);
  });
});
