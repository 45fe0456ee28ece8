// Sales and Trends: the team's vendor number, the report kinds kept, a sync (optionally with
// Finance) with one progress bar over the whole run, money per currency over the last 30 published
// days for all apps or one, and the per-date outcome calendar.
import { useCallback, useEffect, useState } from 'react';
import type { OrchardError } from '../../../shared/errors';
import type { SalesDateView, SalesProgress, SalesStatus, SalesSummary, SalesTotals } from '../../../shared/sales';
import { asOrchardError, useClient } from '../../ipc/ClientContext';
import { ErrorState, Loading } from '../../components/States';
import { PageSection } from '../../components/PageSection';
import { ProgressBar } from '../sync/ProgressBar';
import { SalesCalendar } from './SalesCalendar';
import { SalesProblems } from './SalesProblems';
import { SalesTotalsCard } from './SalesTotalsCard';
import { kindKey, kindLabel, progressDetail, progressLabel, progressValue, summaryText } from './salesText';
import { VendorForm } from './VendorForm';
import { LakeModeNotice } from '../lake/LakeModeNotice';
import { useLakeMode } from '../lake/lakeMode';

export function SalesPage() {
  // Over a lake there is no key and no vendor: the sales tables are in the workbench, nothing to sync or ask main for.
  if (useLakeMode().lake) return <PageSection id="sales" title="Sales and Trends"><LakeModeNotice topic="sales" /></PageSection>;
  return <SalesOfTeam />;
}

function SalesOfTeam() {
  const client = useClient();
  const [status, setStatus] = useState<SalesStatus | null>(null);
  const [error, setError] = useState<OrchardError | null>(null);
  const [progress, setProgress] = useState<SalesProgress | null>(null);
  const [last, setLast] = useState<SalesSummary | null>(null);
  const [totals, setTotals] = useState<SalesTotals | null>(null);
  const [appId, setAppId] = useState<string | undefined>(undefined);
  const [selected, setSelected] = useState('SALES/SUMMARY/DAILY');
  const [dates, setDates] = useState<SalesDateView[] | null>(null);
  const [finance, setFinance] = useState(false);

  const reload = useCallback(async () => {
    try {
      const s = await client.invoke('sales:status', {});
      setStatus(s);
    } catch (e) {
      setError(asOrchardError(e));
    }
  }, [client]);
  useEffect(() => {
    void reload();
    const offProgress = client.on('sales:progress', setProgress);
    const offFinished = client.on('sales:finished', (summary) => {
      setProgress(null);
      setLast(summary);
      void reload();
    });
    return () => {
      offProgress();
      offFinished();
    };
  }, [client, reload]);
  const vendorNumber = status?.vendorNumber;
  useEffect(() => {
    if (!vendorNumber) return;
    let live = true;
    client.invoke('sales:totals', { days: 30, ...(appId ? { appId } : {}) })
      .then((t) => live && setTotals(t), (e: unknown) => live && setError(asOrchardError(e)));
    return () => {
      live = false;
    };
  }, [client, vendorNumber, appId, last]);
  const kind = status?.kinds.find((k) => kindKey(k.kind) === selected)?.kind;
  useEffect(() => {
    if (!kind || !status?.vendorNumber) return;
    client.invoke('sales:dates', { kind }).then(setDates, (e: unknown) => setError(asOrchardError(e)));
  }, [client, kind, status?.vendorNumber, last]);

  if (error && !status) return <PageSection id="sales" title="Sales and Trends"><ErrorState error={error} onRetry={() => { setError(null); void reload(); }} /></PageSection>;
  if (!status) return <PageSection id="sales" title="Sales and Trends"><Loading /></PageSection>;

  const running = status.running !== undefined || progress !== null;
  const toggleKept = async (key: string, keep: boolean) => {
    const kinds = status.kinds.map((k) => (kindKey(k.kind) === key ? { ...k, kept: keep } : k));
    // Shown at once; main's answer (or its error) follows.
    setStatus({ ...status, kinds });
    const kept = kinds.filter((k) => k.kept).map((k) => kindKey(k.kind));
    try {
      setStatus(await client.invoke('sales:setKept', { kinds: kept }));
    } catch (e) {
      setError(asOrchardError(e));
    }
  };
  const start = async () => {
    setError(null);
    setLast(null);
    try {
      const { jobId } = await client.invoke('sales:start', { finance });
      const none = { 'loaded': 0, 'no-sales': 0, 'not-yet': 0, 'gone': 0, 'error': 0 };
      setProgress({ jobId, kind: 'starting', done: 0, total: 0, outcomes: none, overall: { done: 0, total: 0, outcomes: none } });
    } catch (e) {
      setError(asOrchardError(e));
    }
  };
  const cancel = () => {
    const jobId = progress?.jobId ?? status.running?.jobId;
    if (jobId) void client.invoke('sales:cancel', { jobId });
  };

  return (
    <PageSection id="sales" title="Sales and Trends" busy={running}>
      <VendorForm status={status} onSaved={(s) => { setStatus(s); void reload(); }} />
      {status.vendorNumber && (
        <>
          <div className="toolbar">
            <span className="muted">
              Vendor {status.vendorNumber} · Finance reports: {status.finance === 'readable' ? 'readable with this key' : status.finance === 'forbidden' ? 'not readable (the key needs the Finance or Admin role)' : 'not checked'}
            </span>
            <span className="button-row">
              <label className="inline-field"><input type="checkbox" checked={finance} disabled={status.finance === 'forbidden'} onChange={(e) => setFinance(e.target.checked)} /> Include finance</label>
              {running ? <button type="button" onClick={cancel}>Cancel</button> : <button type="button" className="primary" onClick={() => void start()}>Sync sales</button>}
            </span>
          </div>
          {error && <ErrorState error={error} />}
          {progress && (
            <ProgressBar label={progressLabel(progress)} value={progressValue(progress)} detail={progressDetail(progress)} />
          )}
          {last && (
            <p role="status" aria-label="Last sales sync" className={last.outcome === 'succeeded' ? 'ok' : last.outcome === 'cancelled' ? 'muted' : 'error'}>
              {summaryText(last)}
            </p>
          )}
          {totals && <SalesTotalsCard totals={totals} appId={appId} onPickApp={setAppId} />}
          {status.problems && status.problems.length > 0 && <SalesProblems problems={status.problems} />}
          <div className="card">
            <h2>Reports kept</h2>
            <ul className="sales-kinds">
              {status.kinds.map((k) => (
                <li key={kindKey(k.kind)}>
                  <label><input type="checkbox" checked={k.kept} onChange={(e) => void toggleKept(kindKey(k.kind), e.target.checked)} /> {kindLabel(k.kind)}</label>
                  <span className="muted"> {k.dataUpTo ? `data up to ${k.dataUpTo}` : 'nothing loaded yet'}</span>{' '}
                  <button type="button" className="link" aria-pressed={selected === kindKey(k.kind)} onClick={() => setSelected(kindKey(k.kind))}>dates</button>
                </li>
              ))}
            </ul>
          </div>
          {kind && (
            <div className="card">
              <h2>Dates: {kindLabel(kind)}</h2>
              {dates === null ? <Loading /> : dates.length === 0 ? <p className="muted">No date asked for yet: keep this report and sync.</p> : <SalesCalendar dates={dates} />}
            </div>
          )}
        </>
      )}
    </PageSection>
  );
}
