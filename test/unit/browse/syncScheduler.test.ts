// Automatic sync with an injected clock and timers: the launch run covers the apps known at
// launch, then runs repeat every N hours after the last one ended; settings changes reschedule,
// failures are logged and the other apps still sync, stop() ends it all.
import { describe, expect, it, vi } from 'vitest';
import { createSyncScheduler, type Timers } from '../../../main/schedule/syncScheduler';
import { silentLogger } from '../../../main/logging/logger';
import type { AutoSyncSettings } from '../../../shared/browse';

const HOUR = 3_600_000;

/** Timers that fire only when the test moves the clock. */
function fakeTime(start = Date.parse('2024-04-01T08:00:00Z')) {
  let now = start;
  let nextId = 1;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const id = nextId++;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (id) => void pending.delete(id as number),
  };
  const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    timers,
    now: () => new Date(now),
    pendingCount: () => pending.size,
    async advance(ms: number) {
      const target = now + ms;
      for (;;) {
        const due = [...pending.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        now = due[1].at;
        pending.delete(due[0]);
        due[1].fn();
        for (let i = 0; i < 5; i += 1) await flush();
      }
      now = target;
    },
  };
}

function setup(settings: AutoSyncSettings, apps: string[] | (() => string[])) {
  const time = fakeTime();
  const ran: { appId: string; at: string }[] = [];
  const state = { settings, fail: new Set<string>() };
  const scheduler = createSyncScheduler({
    now: time.now,
    timers: time.timers,
    settings: () => state.settings,
    apps: async () => (typeof apps === 'function' ? apps() : apps),
    runSync: async (appId) => {
      ran.push({ appId, at: time.now().toISOString() });
      if (state.fail.has(appId)) throw new Error('A sync of this app is already running.');
    },
    logger: silentLogger,
    launchDelayMs: 10_000,
  });
  return { time, ran, state, scheduler };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('syncScheduler', () => {
  it('syncs the apps known at launch, then every N hours after the last run', async () => {
    const { time, ran, scheduler } = setup({ onLaunch: true, everyHours: 6 }, ['1', '2']);
    scheduler.start();
    await tick();
    expect(scheduler.nextRunAt()?.toISOString()).toBe('2024-04-01T08:00:10.000Z');
    await time.advance(10_000);
    expect(ran).toEqual([{ appId: '1', at: '2024-04-01T08:00:10.000Z' }, { appId: '2', at: '2024-04-01T08:00:10.000Z' }]);
    expect(scheduler.nextRunAt()?.toISOString()).toBe('2024-04-01T14:00:10.000Z');
    await time.advance(6 * HOUR);
    expect(ran).toHaveLength(4);
  });

  it('with nothing to sync at launch the first run is the periodic one, with the apps of that time', async () => {
    let apps: string[] = [];
    const { time, ran, scheduler } = setup({ onLaunch: true, everyHours: 12 }, () => apps);
    scheduler.start();
    await tick();
    expect(scheduler.nextRunAt()?.toISOString()).toBe('2024-04-01T20:00:00.000Z');
    apps = ['7'];
    await time.advance(11 * HOUR);
    expect(ran).toEqual([]);
    await time.advance(HOUR);
    expect(ran.map((r) => r.appId)).toEqual(['7']);
  });

  it('off means no timer at all; turning it on schedules from now', async () => {
    const { time, ran, state, scheduler } = setup({ onLaunch: false, everyHours: 0 }, ['1']);
    scheduler.start();
    await tick();
    expect(scheduler.nextRunAt()).toBeUndefined();
    expect(time.pendingCount()).toBe(0);
    state.settings = { onLaunch: false, everyHours: 3 };
    scheduler.reschedule();
    expect(scheduler.nextRunAt()?.toISOString()).toBe('2024-04-01T11:00:00.000Z');
    state.settings = { onLaunch: false, everyHours: 0 };
    scheduler.reschedule();
    expect(time.pendingCount()).toBe(0);
    await time.advance(10 * HOUR);
    expect(ran).toEqual([]);
  });

  it('one app failing does not stop the others, and the next run is still planned', async () => {
    const { time, ran, state, scheduler } = setup({ onLaunch: true, everyHours: 1 }, ['1', '2']);
    const warn = vi.spyOn(silentLogger, 'warn');
    state.fail.add('1');
    scheduler.start();
    await tick();
    await time.advance(10_000);
    expect(ran.map((r) => r.appId)).toEqual(['1', '2']);
    expect(warn).toHaveBeenCalledWith('autosync.skipped', expect.objectContaining({ appId: '1' }));
    expect(scheduler.nextRunAt()).toBeDefined();
    warn.mockRestore();
  });

  it('stop() cancels what is planned', async () => {
    const { time, ran, scheduler } = setup({ onLaunch: true, everyHours: 1 }, ['1']);
    scheduler.start();
    await tick();
    scheduler.stop();
    expect(scheduler.nextRunAt()).toBeUndefined();
    await time.advance(5 * HOUR);
    expect(ran).toEqual([]);
  });
});
