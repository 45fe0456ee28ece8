// Instances: for one report, what Apple produced over time and what Orchard holds — a timeline
// by granularity and processing date, marking downloaded, pending, expired and failed instances,
// and a drill-down into any instance's files and rows.
import { useEffect, useState, type ReactNode } from 'react';
import type { InstanceView } from '../../../shared/browse';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { useClient } from '../../ipc/ClientContext';
import { formatCount } from '../sync/format';
import { useLoad } from '../sync/useLoad';
import { useSyncFinished } from '../sync/useSyncFinished';
import { InstanceDetailPanel } from './InstanceDetailPanel';
import { InstanceList } from './InstanceList';
import { InstanceTimeline } from './InstanceTimeline';
import { STATES, STATE_LABELS } from './instanceText';
import { PageSection } from '../../components/PageSection';

export function InstancesPage({ appId, reportName, onReportChange, onNavigate, openInWorkbench }: {
  appId: string | undefined;
  reportName: string | undefined;
  onReportChange: (name: string) => void;
  onNavigate: (section: 'apps' | 'reports' | 'sync') => void;
  openInWorkbench: (sql: string) => void;
}) {
  const client = useClient();
  const reports = useLoad(appId ? () => client.invoke('browse:reports', { appId, live: false }) : null, appId ?? '');
  const withInstances = (reports.data?.reports ?? []).filter((r) => r.instances.total > 0 || r.selected);
  // A report picked for another app (before the user switched apps) falls back to this app's first one.
  const known = reportName !== undefined && (reports.data?.reports ?? []).some((r) => r.name === reportName);
  const current = known ? reportName : withInstances.find((r) => r.instances.total > 0)?.name ?? withInstances[0]?.name;
  const instances = useLoad(appId && current ? () => client.invoke('browse:instances', { appId, reportName: current }) : null, `${appId}|${current}`);
  const [selected, setSelected] = useState<InstanceView | undefined>();
  useEffect(() => setSelected(undefined), [appId, current]);
  useSyncFinished(appId, () => {
    reports.reload();
    instances.reload();
  });
  // Keep the drill-down on the same instance when the list refreshes (its state may have changed).
  const shown = selected && instances.data?.instances.find((i) => i.instanceId === selected.instanceId);

  if (!appId) {
    return (
      <Page>
        <EmptyState title="No app selected" action={<button className="primary" onClick={() => onNavigate('apps')}>Choose an app</button>}>
          Pick an app to see the report instances Apple produced for it.
        </EmptyState>
      </Page>
    );
  }
  if (reports.loading) return <Page><Loading /></Page>;
  if (reports.error && !reports.data) return <Page><ErrorState error={reports.error} onRetry={reports.reload} /></Page>;
  if (current === undefined) {
    return (
      <Page>
        <EmptyState title="No report to show yet" action={<button className="primary" onClick={() => onNavigate('reports')}>Open Reports</button>}>
          Choose reports to sync on the Reports page, then sync: their instances appear here.
        </EmptyState>
      </Page>
    );
  }
  const names = [...new Set([current, ...withInstances.map((r) => r.name)])].sort();

  return (
    <Page>
      <div className="toolbar">
        <label className="inline-field">
          Report{' '}
          <select aria-label="Report" value={current} onChange={(e) => onReportChange(e.target.value)}>
            {names.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        {instances.data && (
          <ul className="legend" aria-label="Instances by state">
            {STATES.map((s) => (
              <li key={s}><span className={`dot dot-${s}`} aria-hidden="true" />{STATE_LABELS[s]}: {formatCount(instances.data?.counts[s] ?? 0)}</li>
            ))}
          </ul>
        )}
      </div>
      {instances.loading && <Loading label="Reading instances…" />}
      {instances.error && !instances.data && <ErrorState error={instances.error} onRetry={instances.reload} />}
      {instances.data && instances.data.instances.length === 0 && (
        <EmptyState title="No instance listed yet" action={<button className="primary" onClick={() => onNavigate('sync')}>Sync now</button>}>
          Orchard learns about instances when it syncs. If the report is new, Apple usually needs 24–48 hours; some reports
          stay empty when too few people are involved.
        </EmptyState>
      )}
      {instances.data && instances.data.instances.length > 0 && (
        <>
          <InstanceTimeline instances={instances.data.instances} selectedId={shown?.instanceId} onSelect={setSelected} />
          {shown && <InstanceDetailPanel appId={appId} instance={shown} openInWorkbench={openInWorkbench} onClose={() => setSelected(undefined)} />}
          <InstanceList instances={instances.data.instances} selectedId={shown?.instanceId} onSelect={setSelected} />
        </>
      )}
    </Page>
  );
}

function Page({ children }: { children: ReactNode }) {
  return <PageSection id="instances" title="Instances" wide forApp>{children}</PageSection>;
}
