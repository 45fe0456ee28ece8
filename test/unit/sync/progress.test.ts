// The sync progress tracker: the overall figure never goes back (a damaged file's bytes are taken
// back for its retry), moves with downloaded bytes, and a cancelled run ends where it stopped.
import { describe, expect, it } from 'vitest';
import { createProgressTracker } from '../../../main/sync/progress';
import type { SyncProgress } from '../../../shared/sync';

function tracker() {
  const sent: SyncProgress[] = [];
  let t = 0;
  const progress = createProgressTracker({ jobId: 'j', appId: '1' }, (p) => sent.push(p), () => (t += 1000));
  return { progress, sent };
}

describe('createProgressTracker', () => {
  it('moves with downloaded bytes and never goes back when bytes are taken back', () => {
    const { progress, sent } = tracker();
    progress.update((p) => ((p.instances.total = 2), (p.download = { done: 0, total: 2 })));
    progress.phase('downloading');
    for (const done of [0.5, 1, 0.6, 1.5, 2]) progress.update((p) => (p.download = { done, total: 2 }));
    const overall = sent.map((p) => p.overall ?? 0);
    expect(overall).toEqual([...overall].sort((a, b) => a - b));
    expect(new Set(overall).size).toBeGreaterThanOrEqual(5);
    expect(overall.at(-1)).toBeCloseTo(0.8);
  });

  it('a cancelled run finishes with its outcome and where it stopped; a succeeded one at 1', () => {
    const a = tracker();
    a.progress.update((p) => ((p.instances.total = 4), (p.download = { done: 1, total: 4 })));
    a.progress.phase('downloading');
    a.progress.finish('cancelled', 'Sync cancelled: 0 instance(s) loaded');
    expect(a.sent.at(-1)).toMatchObject({ phase: 'finished', outcome: 'cancelled', overall: 0.35 });
    const b = tracker();
    b.progress.finish('succeeded', 'Sync finished');
    expect(b.sent.at(-1)).toMatchObject({ outcome: 'succeeded', overall: 1 });
  });
});
