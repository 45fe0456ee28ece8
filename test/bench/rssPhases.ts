// Where a CLI child's memory goes, per sync phase: the parent reads the child's /proc/<pid>/status
// (VmRSS now, VmHWM the peak so far) on a short timer and whenever the child writes to stderr, and
// files each sample under the phase its last progress line named (`[loading] …`). Linux only:
// elsewhere the list stays empty and the bench prints the getrusage peak alone.
import { readFileSync } from 'node:fs';

export interface PhaseRss {
  /** `start` (open, migrate) until the first progress line, a SyncPhase, then `end` after the summary (`app 2 …` for a second app). */
  phase: string;
  /** Largest VmRSS seen in the phase. */
  maxRssBytes: number;
  /** VmHWM when the phase last ran: the process's peak up to then. */
  hwmBytes: number;
  seconds: number;
}

export interface RssSampler {
  /** Called with each stderr chunk: a progress or summary line moves the phase on. */
  saw(text: string): void;
  stop(): PhaseRss[];
}

/** Milliseconds between samples: short enough to see a phase of a fraction of a second. */
const SAMPLE_EVERY_MS = 25;

function readStatus(pid: number): { rss: number; hwm: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    const rss = kb('VmRSS');
    const hwm = kb('VmHWM');
    return Number.isFinite(rss) && Number.isFinite(hwm) ? { rss, hwm } : undefined;
  } catch {
    return undefined;
  }
}

export function sampleRssByPhase(pid: number | undefined): RssSampler {
  const phases = new Map<string, PhaseRss>();
  let phase = 'start';
  let appsDone = 0;
  let since = process.hrtime.bigint();
  const sample = () => {
    if (pid === undefined) return;
    const status = readStatus(pid);
    if (status === undefined) return;
    const entry = phases.get(phase) ?? { phase, maxRssBytes: 0, hwmBytes: 0, seconds: 0 };
    entry.maxRssBytes = Math.max(entry.maxRssBytes, status.rss);
    entry.hwmBytes = Math.max(entry.hwmBytes, status.hwm);
    phases.set(phase, entry);
  };
  const moveTo = (next: string) => {
    if (next === phase) return;
    sample();
    const entry = phases.get(phase);
    const now = process.hrtime.bigint();
    if (entry !== undefined) entry.seconds += Number(now - since) / 1e9;
    since = now;
    phase = next;
    sample();
  };
  const timer = setInterval(sample, SAMPLE_EVERY_MS);
  sample();
  return {
    saw(text) {
      for (const line of text.split('\n')) {
        const progress = /^\[(\w+)\]/.exec(line);
        // A run of several apps repeats the phases: the second app's are `app 2 loading`, and so on.
        if (progress?.[1] !== undefined) moveTo(appsDone === 0 ? progress[1] : `app ${appsDone + 1} ${progress[1]}`);
        else if (/^(App \d+: )?Sync \w+: /.test(line)) {
          appsDone += 1;
          moveTo(appsDone === 1 ? 'end' : `app ${appsDone} end`);
        }
      }
    },
    stop() {
      clearInterval(timer);
      moveTo('exited');
      phases.delete('exited');
      return [...phases.values()];
    },
  };
}
