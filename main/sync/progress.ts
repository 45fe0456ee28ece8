// Accumulates sync progress and hands it out at most every `intervalMs` (plus phase changes and
// the final state), so a fast download does not flood the IPC channel with events. The overall
// figure it sends never goes back, even when a damaged file's bytes are taken back for a retry.
import { overallProgress } from '../../shared/browse';
import type { SyncOutcome, SyncPhase, SyncProgress } from '../../shared/sync';

export interface ProgressTracker {
  readonly state: SyncProgress;
  phase(phase: SyncPhase, message?: string): void;
  update(mutate: (p: SyncProgress) => void): void;
  flush(): void;
  /** The last event: the outcome and its summary line. */
  finish(outcome: SyncOutcome, message: string): void;
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
    download: zero(),
    overall: 0,
  };
  let last = 0;
  const send = () => {
    last = now();
    state.overall = Math.max(state.overall ?? 0, overallProgress(state));
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
    finish(outcome, message) {
      state.outcome = outcome;
      state.phase = 'finished';
      state.message = message;
      send();
    },
  };
}
