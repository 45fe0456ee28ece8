// Overview: one app at a glance — last and next sync, what Apple has generated and why something
// is missing (in plain words, with the next step as a button), and per category how fresh the
// downloaded data is. Without an app it guides a new user through the first steps.
import { useState } from 'react';
import type { AppOverview, Notice } from '../../../shared/browse';
import type { OrchardError } from '../../../shared/errors';
import { asOrchardError, useClient, useCommand } from '../../ipc/ClientContext';
import { beginConfirmation } from '../../ipc/confirmations';
import { ErrorState, Loading } from '../../components/States';
import { PageSection } from '../../components/PageSection';
import { appLabel, useSelectedApp } from '../../app/selectedApp';
import { ConfirmDialog } from '../requests/ConfirmDialog';
import { RECREATE_CONSEQUENCES, accessTypeLabel } from '../requests/requestText';
import { formatCount, relativeTime } from '../sync/format';
import { useLoad } from '../sync/useLoad';
import { useSyncFinished } from '../sync/useSyncFinished';
import { CategoryCards } from './CategoryCards';
import { GettingStarted } from './GettingStarted';
import { MoneyStrip } from './MoneyStrip';

export type OverviewTarget = 'keys' | 'apps' | 'requests' | 'reports' | 'instances' | 'settings' | 'workbench';

const ACTION_LABELS: Record<NonNullable<Notice['action']>, string> = {
  'request-reports': 'Request reports',
  recreate: 'Recreate',
  'request-snapshot': 'Request history',
  sync: 'Sync now',
  'add-key': 'Add an API key',
  'choose-reports': 'Choose reports',
};

export function OverviewPage({ appId, onNavigate, onSync, onOpenReport }: {
  appId: string | undefined;
  onNavigate: (section: OverviewTarget) => void;
  onSync: () => void;
  onOpenReport: (name: string) => void;
}) {
  const client = useClient();
  const selected = useSelectedApp();
  const [info] = useCommand('app:info', {});
  const overview = useLoad(appId ? () => client.invoke('browse:overview', { appId }) : null, appId ?? '');
  const [recreating, setRecreating] = useState<{ requestId: string; ticket: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<OrchardError | null>(null);
  useSyncFinished(appId, overview.reload);

  const act = (notice: Notice) => {
    switch (notice.action) {
      case 'recreate':
        return void askRecreate(notice.requestId);
      case 'sync':
        return onSync();
      case 'add-key':
        return onNavigate('keys');
      case 'choose-reports':
        return onNavigate('reports');
      default:
        return onNavigate('requests');
    }
  };
  const recreate = async (requestId: string, ticket: string) => {
    if (!appId) return;
    setBusy(true);
    setActionError(null);
    try {
      await client.invoke('requests:recreate', { appId, requestId, confirmation: ticket });
    } catch (e) {
      const failure = asOrchardError(e);
      // CANCELLED: the user said no in the desktop app's own dialog; nothing changed.
      if (failure.code !== 'CANCELLED') setActionError(failure);
    } finally {
      setBusy(false);
      setRecreating(null);
      overview.reload();
    }
  };

  /** A ticket from main first (a recreate deletes at Apple); the desktop app then asks in its own dialog. */
  const askRecreate = async (requestId: string | undefined) => {
    if (!appId || !requestId) return;
    await beginConfirmation(client, { action: 'requests:recreate', appId, requestId }, {
      runNow: (ticket) => void recreate(requestId, ticket),
      askUser: (ticket) => setRecreating({ requestId, ticket }),
    }).catch((e: unknown) => setActionError(asOrchardError(e)));
  };

  return (
    <PageSection id="overview" title="Overview" wide busy={overview.reloading} forApp>
      {(!appId || overview.data) && (
        <GettingStarted appId={appId} onNavigate={onNavigate} onSync={onSync}
          synced={overview.data?.lastSync !== undefined && ['succeeded', 'partial'].includes(overview.data.lastSync.outcome)} />
      )}
      {appId && overview.loading && <Loading label="Checking this app with App Store Connect…" />}
      {appId && overview.error && !overview.data && <ErrorState error={overview.error} onRetry={overview.reload} />}
      {actionError && <ErrorState error={actionError} />}
      {overview.data && <AppSummary data={overview.data} onSync={onSync} onNavigate={onNavigate} onAct={act} onOpenReport={onOpenReport} />}
      {recreating && (
        <ConfirmDialog title={`Recreate the stopped request of ${appLabel(selected) ?? 'this app'}?`} confirmLabel="Recreate request" busy={busy}
          onCancel={() => setRecreating(null)} onConfirm={() => void recreate(recreating.requestId, recreating.ticket)}>
          <p>Apple stopped this app’s ongoing request because its reports were not downloaded for a while.</p>
          <ul>{RECREATE_CONSEQUENCES.map((line) => <li key={line}>{line}</li>)}</ul>
        </ConfirmDialog>
      )}
      {info.state === 'ready' && (
        <dl className="facts">
          <dt>Version</dt>
          <dd>{info.data.version}</dd>
          <dt>Data folder</dt>
          <dd><code>{info.data.dataDir}</code></dd>
          <dt>Mode</dt>
          <dd>{info.data.mode === 'electron' ? 'Desktop app' : 'Browser'}{info.data.demo ? ' · demo data' : ''}</dd>
        </dl>
      )}
    </PageSection>
  );
}

function AppSummary({ data, onSync, onNavigate, onAct, onOpenReport }: {
  data: AppOverview;
  onSync: () => void;
  onNavigate: (section: OverviewTarget) => void;
  onAct: (notice: Notice) => void;
  onOpenReport: (name: string) => void;
}) {
  const last = data.lastSync;
  return (
    <>
      <div className="summary-strip">
        <div className="summary-item" aria-label="Last sync">
          <span className="summary-label">Last sync</span>
          {last ? (
            <span>
              <span className={`status status-${last.outcome}`}>{last.outcome === 'succeeded' ? 'Succeeded' : last.outcome}</span>{' '}
              {relativeTime(last.endedAt)} · {formatCount(last.instancesIngested)} instances, {formatCount(last.rowsLoaded)} rows
            </span>
          ) : <span className="muted">Never</span>}
        </div>
        <div className="summary-item" aria-label="Next sync">
          <span className="summary-label">Next sync</span>
          {data.running ? <span>Running now</span> : data.nextSyncAt ? <span>Automatic, {relativeTime(data.nextSyncAt)}</span> : (
            <span className="muted">Automatic sync is off — <button type="button" className="link" onClick={() => onNavigate('settings')}>turn it on</button></span>
          )}
        </div>
        <MoneyStrip appId={data.appId} />
        <button type="button" className="primary" onClick={onSync} disabled={data.running} title="Sync now (Ctrl/Cmd+R)">Sync now</button>
      </div>
      {data.notices.length > 0 && (
        <ul className="notices" aria-label="What needs attention">
          {data.notices.map((n, i) => (
            <li key={i} className={`notice-item tone-${n.tone}`}>
              <span>{n.text}</span>
              {n.action && (n.action !== 'recreate' || data.role.canManage) && (
                <button type="button" className={n.tone === 'error' ? 'primary' : undefined} onClick={() => onAct(n)}>{ACTION_LABELS[n.action]}</button>
              )}
            </li>
          ))}
        </ul>
      )}
      {data.requests.length > 0 && (
        <section className="card" aria-label="Report requests">
          <h2>Report requests <button type="button" className="link" onClick={() => onNavigate('requests')}>Manage</button></h2>
          <ul className="request-lines">
            {data.requests.map((r) => (
              <li key={r.requestId} data-state={r.state}><strong>{accessTypeLabel(r.accessType)}:</strong> {r.summary}</li>
            ))}
          </ul>
          {data.source === 'cache' && <p className="muted">Saved state: App Store Connect could not be reached.</p>}
        </section>
      )}
      {data.categories.length > 0 ? (
        <>
          <h2>Data by category</h2>
          <CategoryCards cards={data.categories} onOpenReport={onOpenReport} />
        </>
      ) : data.requests.length > 0 ? (
        <p className="muted">Reports appear here after the first sync lists them.</p>
      ) : null}
    </>
  );
}
