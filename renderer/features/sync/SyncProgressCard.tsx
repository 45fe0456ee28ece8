// The live view of a running sync: one bar per phase (listing, downloading per byte and file,
// loading per instance) and an overall bar that never goes back, all fed by 'sync:progress'
// events. A cancelled run says so in neutral colours, with what was kept.
import { overallProgress } from '../../../shared/browse';
import type { SyncPhase, SyncProgress } from '../../../shared/sync';
import { ProgressBar } from './ProgressBar';
import { formatBytes, formatCount, formatSpeed, readableCounts } from './format';
import { useSpeed } from './useSpeed';

const ORDER: SyncPhase[] = ['requests', 'listing', 'downloading', 'loading', 'finished'];
/** Downloading and loading alternate per instance; both belong to the transfer stage. */
const stage = (phase: SyncPhase) => Math.min(ORDER.indexOf(phase), 2);

function stateOf(p: SyncProgress, index: number): 'waiting' | 'active' | 'done' {
  const current = p.phase === 'finished' ? 3 : stage(p.phase);
  return current > index ? 'done' : current === index ? 'active' : 'waiting';
}

export function SyncProgressCard({ progress: p }: { progress: SyncProgress }) {
  const speed = useSpeed(p.jobId, p.bytes.done);
  const ratio = (c: { done: number; total: number }, whenEmpty: number) => (c.total > 0 ? c.done / c.total : whenEmpty);
  const finished = p.phase === 'finished';
  const stopped = finished && (p.outcome === 'cancelled' || p.outcome === 'failed');
  const transferDone = finished && !stopped ? 1 : 0;
  const overall = p.overall ?? overallProgress(p);
  const pct = Math.round(Math.max(0, Math.min(1, overall)) * 100);
  // Downloads count instances like the Loading bar and the message; files and bytes are the detail.
  const download = p.download ?? { done: 0, total: p.instances.total };
  const bytes = `${formatBytes(p.bytes.done)}${speed !== undefined && !finished ? ` · ${formatSpeed(speed)}` : ''}`;
  const barState = (index: number) => (stopped && stateOf(p, index) !== 'done' ? 'stopped' : stateOf(p, index));
  return (
    <div className="card sync-progress" aria-label="Sync progress" data-phase={p.phase} data-outcome={p.outcome} data-progress={pct}>
      {p.outcome === 'cancelled' && <h2 className="sync-outcome">Cancelled</h2>}
      <p role="status" className="sync-message">{readableCounts(p.message)}</p>
      <ProgressBar label="Overall" value={overall} state={stopped ? 'stopped' : finished ? 'done' : 'active'}
        detail={stopped ? `Stopped at ${pct}%` : undefined} />
      <div className="phase-bars">
        <ProgressBar label="Listing reports" state={barState(1)}
          value={stateOf(p, 1) === 'done' ? 1 : ratio(p.reports, 0)}
          detail={p.reports.total > 0 ? `${formatCount(p.reports.done)} / ${formatCount(p.reports.total)} reports` : stateOf(p, 1) === 'waiting' ? 'Checking requests…' : '—'} />
        <ProgressBar label="Downloading" state={barState(2)}
          value={ratio(download, transferDone)}
          detail={`${formatCount(p.downloadedInstances ?? 0)} / ${formatCount(download.total)} instances · ${formatCount(p.segments.done)} file${p.segments.done === 1 ? '' : 's'} · ${bytes}`} />
        <ProgressBar label="Loading" state={barState(2)}
          value={ratio(p.instances, transferDone)}
          detail={`${formatCount(p.instances.done)} / ${formatCount(p.instances.total)} instances · ${formatCount(p.rows)} rows`} />
      </div>
    </div>
  );
}
