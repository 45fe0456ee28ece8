// Requests: the app's report requests (ongoing and history snapshot) with their state in words;
// Admin keys create, delete (after a confirmation saying what that means) and recreate them,
// other keys see why they cannot.
import { useState, type ReactNode } from 'react';
import type { AccessType } from '../../../shared/ascTypes';
import type { RequestView, RequestsView } from '../../../shared/browse';
import type { OrchardError } from '../../../shared/errors';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { asOrchardError, useClient } from '../../ipc/ClientContext';
import { formatCount, relativeTime } from '../sync/format';
import { useLoad } from '../sync/useLoad';
import { ConfirmDialog } from './ConfirmDialog';
import { DELETE_CONSEQUENCES, RECREATE_CONSEQUENCES, accessTypeLabel } from './requestText';
import { PageSection } from '../../components/PageSection';
import { beginConfirmation } from '../../ipc/confirmations';
import { appLabel, useSelectedApp } from '../../app/selectedApp';

/** A delete carries the confirmation ticket main issued for this very request. */
type Pending = { kind: 'delete' | 'recreate'; request: RequestView; ticket: string } | null;

export function RequestsPage({ appId, onNavigate }: { appId: string | undefined; onNavigate: (section: 'apps' | 'keys' | 'sync') => void }) {
  const client = useClient();
  const selected = useSelectedApp();
  const load = useLoad(appId ? () => client.invoke('browse:requests', { appId, live: true }) : null, appId ?? '');
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<OrchardError | null>(null);

  const act = async (run: () => Promise<RequestsView>) => {
    setBusy(true);
    setActionError(null);
    try {
      load.set(await run());
      setPending(null);
    } catch (e) {
      const failure = asOrchardError(e);
      // CANCELLED: the user said no in the desktop app's own dialog; nothing changed.
      if (failure.code !== 'CANCELLED') setActionError(failure);
      setPending(null);
      load.reload();
    } finally {
      setBusy(false);
    }
  };

  if (!appId) {
    return (
      <Page>
        <EmptyState title="No app selected" action={<button className="primary" onClick={() => onNavigate('apps')}>Choose an app</button>}>
          Pick the app whose reports you want Apple to produce.
        </EmptyState>
      </Page>
    );
  }
  if (load.loading) return <Page><Loading label="Asking App Store Connect for this app’s report requests…" /></Page>;
  if (!load.data) return <Page>{load.error && <ErrorState error={load.error} onRetry={load.reload} />}</Page>;

  const view = load.data;
  const { role, snapshot } = view;
  const has = (t: AccessType) => view.requests.some((r) => r.accessType === t);
  const create = (accessType: AccessType) => void act(() => client.invoke('requests:create', { appId, accessType }));
  /** Deleting and recreating both delete at Apple: each sends the ticket main issued for exactly that request. */
  const perform = (kind: 'delete' | 'recreate', request: RequestView, ticket: string) =>
    void act(() => client.invoke(`requests:${kind}`, { appId, requestId: request.requestId, confirmation: ticket }));
  const ask = (kind: 'delete' | 'recreate', request: RequestView) =>
    beginConfirmation(client, { action: `requests:${kind}`, appId, requestId: request.requestId }, {
      runNow: (ticket) => perform(kind, request, ticket),
      askUser: (ticket) => setPending({ kind, request, ticket }),
    }).catch((e: unknown) => setActionError(asOrchardError(e)));
  const ongoingBlocked = !role.canManage ? role.reason : has('ONGOING') ? 'This app already has an ongoing request.' : undefined;
  const snapshotBlocked = !role.canManage
    ? role.reason
    : has('ONE_TIME_SNAPSHOT')
      ? 'This app already has a history snapshot request.'
      : !snapshot.allowedNow
        ? `Apple allows about one snapshot a month: available again on ${snapshot.availableFrom ?? 'a later date'}.`
        : undefined;

  return (
    <Page reloading={load.reloading}>
      <SourceLine view={view} onRetry={load.reload} />
      {!role.canManage && (
        <div className="notice" role="note" aria-label="Why requests cannot be changed">
          <p>{role.reason}</p>
          {!role.keyId && <button type="button" onClick={() => onNavigate('keys')}>Add an API key</button>}
        </div>
      )}
      {actionError && <ErrorState error={actionError} />}
      <div className="card create-requests">
        <h2>Ask Apple for reports</h2>
        <CreateButton label="Request ongoing reports" blocked={ongoingBlocked} busy={busy} onClick={() => create('ONGOING')}
          help="New daily, weekly and monthly data as long as Orchard downloads it regularly." />
        <CreateButton label="Request history snapshot" blocked={snapshotBlocked} busy={busy} onClick={() => create('ONE_TIME_SNAPSHOT')}
          help="A one-time backfill of the history Apple still has for this app." />
      </div>
      {view.requests.length === 0 ? (
        <EmptyState title="No report requests yet">
          Apple produces Analytics Reports only after someone asks for them. Request ongoing reports above, then sync in a day or two.
        </EmptyState>
      ) : (
        <table className="table" aria-label="Report requests">
          <thead>
            <tr><th>Type</th><th>State</th><th>Instances</th><th>First seen by Orchard</th><th><span className="sr-only">Actions</span></th></tr>
          </thead>
          <tbody>
            {view.requests.map((r) => (
              <tr key={r.requestId} data-state={r.state} aria-label={`${accessTypeLabel(r.accessType)} request`}>
                <td>
                  <strong>{accessTypeLabel(r.accessType)}</strong>
                  <div className="muted mono-small" title="Request ID">{r.requestId}</div>
                </td>
                <td>
                  {r.stoppedDueToInactivity && <span className="badge badge-failed">Stopped</span>} {r.summary}
                </td>
                <td>{r.state === 'not-synced' || r.state === 'snapshot-not-synced' ? <span className="muted">Not synced yet</span> : `${formatCount(r.downloaded)} / ${formatCount(r.instances)} downloaded`}</td>
                <td>{r.firstSeenAt ? `${r.createdByOrchard ? 'Requested ' : ''}${relativeTime(r.firstSeenAt)}` : '—'}</td>
                <td className="row-actions">
                  {r.stoppedDueToInactivity && (
                    <button type="button" className="primary" disabled={!role.canManage || busy} title={role.canManage ? undefined : role.reason}
                      onClick={() => void ask('recreate', r)}>
                      Recreate
                    </button>
                  )}
                  <button type="button" className="danger-outline" disabled={!role.canManage || busy} title={role.canManage ? undefined : role.reason}
                    onClick={() => void ask('delete', r)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pending?.kind === 'delete' && (
        <ConfirmDialog title={`Delete the ${accessTypeLabel(pending.request.accessType).toLowerCase()} request of ${appLabel(selected) ?? 'this app'}?`} confirmLabel="Delete request" danger busy={busy}
          onCancel={() => setPending(null)}
          onConfirm={() => perform('delete', pending.request, pending.ticket)}>
          <p>Deleting this request means:</p>
          <ul>{DELETE_CONSEQUENCES(pending.request.accessType).map((line) => <li key={line}>{line}</li>)}</ul>
        </ConfirmDialog>
      )}
      {pending?.kind === 'recreate' && (
        <ConfirmDialog title={`Recreate the stopped request of ${appLabel(selected) ?? 'this app'}?`} confirmLabel="Recreate request" busy={busy}
          onCancel={() => setPending(null)}
          onConfirm={() => perform('recreate', pending.request, pending.ticket)}>
          <p>Apple stopped this request because its reports were not downloaded for a while.</p>
          <ul>{RECREATE_CONSEQUENCES.map((line) => <li key={line}>{line}</li>)}</ul>
        </ConfirmDialog>
      )}
    </Page>
  );
}

function Page({ children, reloading = false }: { children: ReactNode; reloading?: boolean }) {
  return <PageSection id="requests" title="Requests" busy={reloading} forApp>{children}</PageSection>;
}

function SourceLine({ view, onRetry }: { view: RequestsView; onRetry: () => void }) {
  if (view.source === 'apple') return <p className="muted">Listed from App Store Connect {relativeTime(view.checkedAt)}.</p>;
  return (
    <div className="notice" role="status">
      Could not reach App Store Connect{view.liveError ? ` (${view.liveError.message})` : ''} — showing the list Orchard saved.{' '}
      <button type="button" onClick={onRetry}>Retry</button>
    </div>
  );
}

function CreateButton({ label, blocked, busy, help, onClick }: { label: string; blocked: string | undefined; busy: boolean; help: string; onClick: () => void }) {
  const id = `why-${label.replaceAll(' ', '-').toLowerCase()}`;
  return (
    <div className="create-row">
      <button type="button" className="primary" disabled={blocked !== undefined || busy} aria-describedby={id} onClick={onClick}>
        {label}
      </button>
      <span id={id} className="muted">{blocked ?? help}</span>
    </div>
  );
}
