// Sync: start or cancel a sync of the selected app, watch its phases (progress arrives as
// events, nothing polls), and read past runs with their problems and suggested fixes. Over a
// read-only lake it only says that nothing syncs here, and who published the lake when.
import { useEffect, useRef, useState } from 'react';
import type { SyncProgress, SyncSummary } from '../../../shared/sync';
import type { OrchardError } from '../../../shared/errors';
import { asOrchardError, useClient } from '../../ipc/ClientContext';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { PageSection } from '../../components/PageSection';
import { appLabel, useSelectedApp } from '../../app/selectedApp';
import { QuarantinePanel } from './QuarantinePanel';
import { countOf } from './format';
import { RunHistory } from './RunHistory';
import { SyncProgressCard } from './SyncProgressCard';
import { useLoad } from './useLoad';
import { useSyncFinished } from './useSyncFinished';
import { useLakeMode } from '../lake/lakeMode';
import { LakeModeNotice } from '../lake/LakeModeNotice';

export function SyncPage({ appId, onNavigate, startSignal, onStartHandled }: {
  appId: string | undefined;
  onNavigate: (s: 'apps' | 'reports' | 'settings') => void;
  /** Bumped by Ctrl/Cmd+R or a "Sync now" elsewhere; 0 = nothing asked. */
  startSignal: number;
  onStartHandled?: () => void;
}) {
  const client = useClient();
  const selected = useSelectedApp();
  const lake = useLakeMode().lake;
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<OrchardError | null>(null);
  const [last, setLast] = useState<SyncSummary | null>(null);
  const history = useLoad(appId ? () => client.invoke('sync:history', { appId, limit: 20 }) : null, appId ?? '');

  useEffect(() => {
    setProgress(null);
    setLast(null);
    if (!appId) return undefined;
    const off = client.on('sync:progress', (p) => {
      if (p.appId !== appId) return;
      setProgress(p);
      setJobId(p.phase === 'finished' ? null : p.jobId);
    });
    client.invoke('sync:running', {}).then((jobs) => setJobId(jobs.find((j) => j.appId === appId)?.jobId ?? null), () => undefined);
    return off;
  }, [client, appId]);
  useSyncFinished(appId, (summary) => {
    setJobId(null);
    setLast(summary);
    history.reload();
  });

  const start = async () => {
    if (!appId) return;
    setError(null);
    setLast(null);
    setProgress(null);
    try {
      const { jobId: id } = await client.invoke('sync:start', { appId });
      setJobId(id);
    } catch (e) {
      setError(asOrchardError(e));
    }
  };
  // Ctrl/Cmd+R anywhere in the app asks for a sync (App bumps startSignal).
  const handledSignal = useRef(0);
  useEffect(() => {
    if (startSignal === 0 || handledSignal.current === startSignal) return;
    handledSignal.current = startSignal;
    onStartHandled?.();
    if (jobId === null && !lake) void start();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [startSignal]);
  const cancel = () => jobId && void client.invoke('sync:cancel', { jobId });
  const running = jobId !== null;

  if (lake) {
    return (
      <PageSection id="sync" title="Sync">
        <LakeModeNotice topic="sync" />
      </PageSection>
    );
  }
  if (!appId) {
    return (
      <PageSection id="sync" title="Sync">
        <EmptyState title="No app selected" action={<button className="primary" onClick={() => onNavigate('apps')}>Choose an app</button>}>
          Pick the app whose reports Orchard should download.
        </EmptyState>
      </PageSection>
    );
  }

  return (
    <PageSection id="sync" title="Sync" forApp>
      <div className="toolbar">
        <span className="muted">
          Downloads the reports included on the <button type="button" className="link" onClick={() => onNavigate('reports')}>Reports</button> page
          for {appLabel(selected) ?? 'this app'}; granularities and speed are in <button type="button" className="link" onClick={() => onNavigate('settings')}>Settings</button>.
        </span>
        {running ? (
          <button type="button" onClick={cancel}>Cancel sync</button>
        ) : (
          <button type="button" className="primary" onClick={() => void start()} title="Sync now (Ctrl/Cmd+R)">Sync now</button>
        )}
      </div>
      {error && <ErrorState error={error} />}
      {progress ? (
        <SyncProgressCard progress={progress} />
      ) : running ? (
        <Loading label="A sync is running; its progress appears with the next step." />
      ) : null}
      {last && !running && !progress && (
        <p className={last.outcome === 'succeeded' ? 'ok' : last.outcome === 'cancelled' ? 'muted' : 'error'} role="status" aria-label="Last sync result">
          {last.outcome === 'succeeded' ? 'Sync finished' : `Sync ${last.outcome}`}: {countOf(last.instancesIngested, 'instance')} loaded, {countOf(last.rowsLoaded, 'row')}.
        </p>
      )}
      <h2>History</h2>
      {history.loading && <Loading />}
      {history.error && !history.data && <ErrorState error={history.error} onRetry={history.reload} />}
      {history.data && (history.data.length === 0
        ? (running
          ? <p className="muted">The first sync of this app is running; it appears here when it ends.</p>
          : <EmptyState title="No sync yet">Press “Sync now” (or Ctrl/Cmd+R) to download what Apple has produced for this app.</EmptyState>)
        : <RunHistory runs={history.data} />)}
      <QuarantinePanel appId={appId} />
    </PageSection>
  );
}
