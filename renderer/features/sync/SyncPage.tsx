// Sync: start or cancel a sync of the selected app, watch its phases, and read past runs.
import { useEffect, useState } from 'react';
import { ERROR_HINTS } from '../../../shared/errors';
import type { SyncProgress, SyncSummary } from '../../../shared/sync';
import { asOrchardError, useClient, useCommand } from '../../ipc/ClientContext';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { ProgressBar, formatBytes } from './ProgressBar';

export function SyncPage({ appId, onNavigate, startSignal }: { appId: string | undefined; onNavigate: (s: 'apps') => void; startSignal: number }) {
  const client = useClient();
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [historyKey, setHistoryKey] = useState(0);
  const [history, reloadHistory] = useCommand('sync:history', appId ? { appId, limit: 20 } : { limit: 20 }, `${appId}-${historyKey}`);

  useEffect(() => {
    const offProgress = client.on('sync:progress', (p) => {
      if (p.appId !== appId) return;
      setProgress(p);
      setJobId(p.phase === 'finished' ? null : p.jobId);
    });
    const offFinished = client.on('sync:finished', (s) => {
      if (s.appId !== appId) return;
      setJobId(null);
      setHistoryKey((k) => k + 1);
    });
    client.invoke('sync:running', {}).then((jobs) => setJobId(jobs.find((j) => j.appId === appId)?.jobId ?? null), () => undefined);
    return () => {
      offProgress();
      offFinished();
    };
  }, [client, appId]);

  const start = async () => {
    if (!appId) return;
    setError(null);
    try {
      const { jobId: id } = await client.invoke('sync:start', { appId });
      setJobId(id);
      setProgress(null);
    } catch (e) {
      setError(asOrchardError(e).message);
    }
  };
  // Ctrl/Cmd+R anywhere in the app asks for a sync (App bumps startSignal).
  useEffect(() => {
    if (startSignal > 0 && jobId === null) void start();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [startSignal]);
  const cancel = () => jobId && client.invoke('sync:cancel', { jobId });
  const running = jobId !== null;

  if (!appId) {
    return (
      <section className="page" aria-labelledby="sync-title">
        <h1 id="sync-title">Sync</h1>
        <EmptyState title="No app selected" action={<button className="primary" onClick={() => onNavigate('apps')}>Choose an app</button>}>
          Pick the app whose reports Orchard should download.
        </EmptyState>
      </section>
    );
  }


  return (
    <section className="page" aria-labelledby="sync-title">
      <h1 id="sync-title">Sync</h1>
      <div className="toolbar">
        <span className="muted">App {appId}</span>
        {running ? (
          <button type="button" onClick={() => void cancel()}>Cancel sync</button>
        ) : (
          <button type="button" className="primary" onClick={() => void start()} title="Sync now (Ctrl/Cmd+R)">Sync now</button>
        )}
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {progress && <ProgressCard progress={progress} />}
      <h2>History</h2>
      {history.state === 'loading' && <Loading />}
      {history.state === 'error' && <ErrorState error={history.error} onRetry={reloadHistory} />}
      {history.state === 'ready' && (history.data.length === 0 ? <p className="muted">No sync has run for this app yet.</p> : <RunList runs={history.data} />)}
    </section>
  );
}

function ProgressCard({ progress: p }: { progress: SyncProgress }) {
  return (
    <div className="card" aria-label="Sync progress" data-phase={p.phase}>
      <p role="status">{p.message}</p>
      <ProgressBar label="Reports listed" done={p.reports.done} total={p.reports.total} />
      <ProgressBar label="Instances" done={p.instances.done} total={p.instances.total} />
      <ProgressBar label="Files downloaded" done={p.segments.done} total={p.segments.total} detail={`${p.segments.done} / ${p.segments.total} · ${formatBytes(p.bytes.done)}`} />
      <p className="muted">Rows loaded: {p.rows.toLocaleString()}</p>
    </div>
  );
}

function RunList({ runs }: { runs: SyncSummary[] }) {
  return (
    <ul className="run-list" aria-label="Sync history">
      {runs.map((r) => (
        <li key={r.runId} data-outcome={r.outcome}>
          <strong>{r.outcome}</strong> · {new Date(r.startedAt).toLocaleString()} · {r.instancesIngested} instances, {r.rowsLoaded.toLocaleString()} rows,{' '}
          {formatBytes(r.bytesDownloaded)}
          {r.notes.map((n, i) => (
            <div key={i} className="muted">{n}</div>
          ))}
          {r.issues.map((i, k) => (
            <div key={k} className="error">
              {i.reportName ? `${i.reportName}: ` : ''}
              {i.error.message} <span className="muted">{ERROR_HINTS[i.error.code]}</span>
            </div>
          ))}
        </li>
      ))}
    </ul>
  );
}
