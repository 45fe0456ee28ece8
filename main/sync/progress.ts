// Accumulates sync progress and hands it out at most every `intervalMs` (plus phase changes and
// the final state), so a fast download does not flood the IPC channel with events.
import type { SyncPhase, SyncProgress } from '../../shared/sync';

export interface ProgressTracker {
  readonly state: SyncProgress;
  phase(phase: SyncPhase, message?: string): void;
  update(mutate: (p: SyncProgress) => void): void;
  flush(): void;
}

export function createProgressTracker(
  initial: Pick<SyncProgress, 'jobId' | 'appId'>,
  emit: (p: SyncProgress) => void,
  now: () => number = Date.now,
  intervalMs = 150,
): ProgressTracker {
  const zero = () => ({ done: 0, total: 0 });
  const state: SyncProgress = {
    ...initial,
    phase: 'requests',
    reports: zero(),
    instances: zero(),
    segments: zero(),
    bytes: zero(),
    rows: 0,
    message: 'Checking report requests…',
  };
  let last = 0;
  const send = () => {
    last = now();
    emit(structuredClone(state));
  };
  return {
    state,
    phase(phase, message) {
      state.phase = phase;
      if (message !== undefined) state.message = message;
      send();
    },
    update(mutate) {
      mutate(state);
      if (now() - last >= intervalMs) send();
    },
    flush: send,
  };
}
