// Automatic sync: once shortly after launch and then every N hours while Orchard runs, so
// ONGOING requests never stop for inactivity and no instance reaches its 35 days unread. Apps are
// synced one after another; a failure is logged and recorded by the sync itself, never retried
// in a loop. Timers are injected so tests drive time.
import type { AutoSyncSettings } from '../../shared/browse';
import type { Logger } from '../logging/logger';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SyncSchedulerDeps {
  now: () => Date;
  settings: () => AutoSyncSettings;
  /** The apps to keep in sync (those with report requests). */
  apps: () => Promise<string[]>;
  /** Starts a sync and resolves when it has ended. */
  runSync: (appId: string) => Promise<unknown>;
  logger: Logger;
  timers?: Timers;
  /** Delay before the launch sync, so the window is up first. */
  launchDelayMs?: number;
}

export interface SyncScheduler {
  start(): void;
  /** Settings changed: recompute the next run. */
  reschedule(): void;
  nextRunAt(): Date | undefined;
  stop(): void;
}

const HOUR_MS = 3_600_000;
/** setTimeout's ceiling; longer waits are re-armed. */
const MAX_TIMER_MS = 2_147_483_647;

const nodeTimers: Timers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    // A pending automatic sync must not keep a CLI or test process alive.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createSyncScheduler(deps: SyncSchedulerDeps): SyncScheduler {
  const timers = deps.timers ?? nodeTimers;
  const state: { handle: unknown; at: Date | undefined; launch: boolean; lastRunAt: Date | undefined; running: boolean; stopped: boolean } = {
    handle: undefined,
    at: undefined,
    launch: false,
    lastRunAt: undefined,
    running: false,
    stopped: false,
  };

  const clear = () => {
    if (state.handle !== undefined) timers.clearTimeout(state.handle);
    state.handle = undefined;
    state.at = undefined;
    state.launch = false;
  };

  /** `apps` pins the list (the launch sync covers the apps known at launch, not ones added since). */
  const arm = (at: Date, apps?: Promise<string[]>) => {
    clear();
    if (state.stopped) return;
    state.at = at;
    state.launch = apps !== undefined;
    const wait = Math.max(0, at.getTime() - deps.now().getTime());
    state.handle = timers.setTimeout(() => {
      state.handle = undefined;
      if (deps.now().getTime() < at.getTime()) arm(at, apps);
      else void run(apps ?? deps.apps());
    }, Math.min(wait, MAX_TIMER_MS));
  };

  const armPeriodic = () => {
    const { everyHours } = deps.settings();
    if (everyHours <= 0) return clear();
    const from = state.lastRunAt ?? deps.now();
    arm(new Date(Math.max(from.getTime() + everyHours * HOUR_MS, deps.now().getTime())));
  };

  const run = async (appList: Promise<string[]>) => {
    state.at = undefined;
    state.launch = false;
    state.running = true;
    try {
      for (const appId of await appList) {
        if (state.stopped) break;
        try {
          await deps.runSync(appId);
        } catch (error) {
          deps.logger.warn('autosync.skipped', { appId, error: error instanceof Error ? error.message : String(error) });
        }
      }
    } catch (error) {
      deps.logger.warn('autosync.failed', { error: error instanceof Error ? error.message : String(error) });
    } finally {
      state.running = false;
      state.lastRunAt = deps.now();
      armPeriodic();
    }
  };

  return {
    start() {
      state.stopped = false;
      if (!deps.settings().onLaunch) return armPeriodic();
      const launchAt = new Date(deps.now().getTime() + (deps.launchDelayMs ?? 10_000));
      // With nothing to sync at launch (a new user) the next run is the periodic one.
      deps.apps().then(
        (apps) => {
          if (state.stopped || state.handle !== undefined || state.running) return;
          if (apps.length > 0) arm(launchAt, Promise.resolve(apps));
          else armPeriodic();
        },
        (error: unknown) => {
          deps.logger.warn('autosync.failed', { error: error instanceof Error ? error.message : String(error) });
          armPeriodic();
        },
      );
    },
    reschedule() {
      if (state.running || state.stopped) return;
      // A pending launch sync stays unless the user just turned it off.
      if (state.launch && deps.settings().onLaunch) return;
      armPeriodic();
    },
    nextRunAt: () => state.at,
    stop() {
      state.stopped = true;
      clear();
    },
  };
}
