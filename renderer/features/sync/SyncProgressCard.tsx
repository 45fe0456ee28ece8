// The live view of a running sync: one bar per phase (listing, downloading with bytes and speed,
// loading with rows) and an overall bar, all fed by 'sync:progress' events.
import { overallProgress } from '../../../shared/browse';
import type { SyncPhase, SyncProgress } from '../../../shared/sync';
import { ProgressBar } from './ProgressBar';
import { formatBytes, formatCount, formatSpeed } from './format';
import { useSpeed } from './useSpeed';

const ORDER: SyncPhase[] = ['requests', 'listing', 'downloading', 'loading', 'finished'];
/** Downloading and loading alternate per instance; both belong to the transfer stage. */
const stage = (phase: SyncPhase) => Math.min(ORDER.indexOf(phase), 2);

function stateOf(p: SyncProgress, index: number): 'waiting' | 'active' | 'done' {
  const current = p.phase === 'finished' ? 3 : stage(p.phase);
  return current > index ? 'done' : current === index ? 'active' : 'waiting';
}

/**
 * Apple lists an instance's files only when Orchard reaches it, so the file total grows during
 * the run; the bar extrapolates it from the files per instance seen so far.
 */
function estimatedFiles(p: SyncProgress): number {
  const { segments, instances } = p;
  if (segments.total === 0 || instances.total === 0) return 0;
  const started = Math.min(instances.total, instances.done + 1);
  const expected = Math.max(segments.total, (segments.total / started) * instances.total);
  return segments.done / expected;
}

export function SyncProgressCard({ progress: p }: { progress: SyncProgress }) {
  const speed = useSpeed(p.jobId, p.bytes.done);
  const ratio = (c: { done: number; total: number }, whenEmpty: number) => (c.total > 0 ? c.done / c.total : whenEmpty);
  const transferDone = p.phase === 'finished' ? 1 : 0;
  const bytes = `${formatBytes(p.bytes.done)}${speed !== undefined && p.phase !== 'finished' ? ` · ${formatSpeed(speed)}` : ''}`;
  return (
    <div className="card sync-progress" aria-label="Sync progress" data-phase={p.phase}>
      <p role="status" className="sync-message">{p.message}</p>
      <ProgressBar label="Overall" value={overallProgress(p)} />
      <div className="phase-bars">
        <ProgressBar label="Listing reports" state={stateOf(p, 1)}
          value={stateOf(p, 1) === 'done' ? 1 : ratio(p.reports, 0)}
          detail={p.reports.total > 0 ? `${p.reports.done} / ${p.reports.total} reports` : stateOf(p, 1) === 'waiting' ? 'Checking requests…' : '—'} />
        <ProgressBar label="Downloading" state={stateOf(p, 2)}
          value={p.phase === 'finished' ? 1 : estimatedFiles(p)}
          detail={`${formatCount(p.segments.done)} file${p.segments.done === 1 ? '' : 's'} · ${bytes}`} />
        <ProgressBar label="Loading" state={stateOf(p, 2)}
          value={ratio(p.instances, transferDone)}
          detail={`${formatCount(p.instances.done)} / ${formatCount(p.instances.total)} instances · ${formatCount(p.rows)} rows`} />
      </div>
    </div>
  );
}
