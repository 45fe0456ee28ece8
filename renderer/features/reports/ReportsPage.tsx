// Reports: every report of the app's requests, filterable by category and name, with status,
// level, granularities and a switch to include it in sync. The list is virtualized: Apple lists
// 140+ reports per request.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { REPORT_CATEGORIES } from '../../../shared/ascTypes';
import { categoryLabel, type ReportView, type ReportsView } from '../../../shared/browse';
import type { OrchardError } from '../../../shared/errors';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { asOrchardError, useClient } from '../../ipc/ClientContext';
import { relativeTime } from '../sync/format';
import { useLoad } from '../sync/useLoad';
import { useSyncFinished } from '../sync/useSyncFinished';
import { ReportRow } from './ReportRow';
import { PageSection } from '../../components/PageSection';

const ROW_HEIGHT = 64;

export function ReportsPage({ appId, onNavigate, onOpenInstances }: {
  appId: string | undefined;
  onNavigate: (section: 'apps' | 'requests') => void;
  onOpenInstances: (reportName: string) => void;
}) {
  const client = useClient();
  const live = useLoad(appId ? () => client.invoke('browse:reports', { appId, live: true }) : null, appId ?? '');
  const [saved, setSaved] = useState<ReportsView | undefined>();
  const [category, setCategory] = useState<string>('all');
  const [search, setSearch] = useState('');
  const [saving, setSaving] = useState(false);
  const [actionError, setActionError] = useState<OrchardError | null>(null);
  const [checking, setChecking] = useState(false);
  const [checked, setChecked] = useState<{ at: string; reports: number; withData: number } | null>(null);

  // What the warehouse knows paints at once; Apple's live list replaces it when it arrives.
  useEffect(() => {
    setSaved(undefined);
    if (!appId) return undefined;
    let current = true;
    client.invoke('browse:reports', { appId, live: false }).then((v) => current && setSaved(v), () => undefined);
    return () => {
      current = false;
    };
  }, [client, appId]);
  useSyncFinished(appId, () => {
    if (appId) void client.invoke('browse:reports', { appId, live: false }).then(live.set, () => undefined);
  });

  const view = live.data ?? saved;
  const filtered = useMemo(() => {
    const words = search.trim().toLowerCase().split(/\s+/).filter(Boolean);
    return (view?.reports ?? []).filter((r) =>
      (category === 'all' || r.category === category) && words.every((w) => r.name.toLowerCase().includes(w)));
  }, [view, category, search]);

  if (!appId) {
    return (
      <Page>
        <EmptyState title="No app selected" action={<button className="primary" onClick={() => onNavigate('apps')}>Choose an app</button>}>
          Pick an app to see the reports Apple produces for it.
        </EmptyState>
      </Page>
    );
  }
  if (!view) {
    if (live.error) return <Page><ErrorState error={live.error} onRetry={live.reload} /></Page>;
    return <Page><Loading label="Listing the app’s reports…" /></Page>;
  }
  if (view.noRequests) {
    return (
      <Page>
        <EmptyState title="No report requests yet" action={<button className="primary" onClick={() => onNavigate('requests')}>Request reports</button>}>
          Apple lists reports only once the app has a report request. Ask for ongoing reports first.
        </EmptyState>
      </Page>
    );
  }

  const save = async (names: string[] | null) => {
    setSaving(true);
    setActionError(null);
    try {
      live.set(await client.invoke('reports:setSelection', { appId, reportNames: names }));
    } catch (e) {
      setActionError(asOrchardError(e));
      live.reload();
    } finally {
      setSaving(false);
    }
  };
  /** Apple's current status of the included reports, shown in place of the last sync's. */
  const check = async () => {
    setChecking(true);
    setChecked(null);
    setActionError(null);
    try {
      const answer = await client.invoke('sync:reportStatuses', { appId });
      const statuses = new Map(answer.map((st) => [st.reportName, st]));
      setChecked({ at: new Date().toISOString(), reports: answer.length, withData: answer.filter((st) => st.status === 'available' || st.status === 'stale').length });
      live.set({ ...view, reports: view.reports.map((r) => {
        const st = statuses.get(r.name);
        return st ? { ...r, status: st.status, reason: st.reason } : r;
      }) });
    } catch (e) {
      setActionError(asOrchardError(e));
    } finally {
      setChecking(false);
    }
  };
  const toggle = (report: ReportView, included: boolean) => {
    // The switch moves at once; the saved selection comes back from main a moment later.
    const reports = view.reports.map((r) => (r.name === report.name ? { ...r, selected: included } : r));
    live.set({ ...view, reports, customSelection: true });
    void save(reports.filter((r) => r.selected).map((r) => r.name));
  };
  const categories = [...REPORT_CATEGORIES, ...new Set(view.reports.map((r) => r.category).filter((c) => !(REPORT_CATEGORIES as readonly string[]).includes(c)))];
  const included = view.reports.filter((r) => r.selected).length;

  return (
    <Page>
      {view.source === 'cache' && (live.loading || live.reloading) && <p className="muted" role="status">Checking App Store Connect…</p>}
      {view.liveError && (
        <div className="notice" role="status">
          Could not reach App Store Connect ({view.liveError.message}) — showing the reports Orchard saved.{' '}
          <button type="button" onClick={live.reload}>Retry</button>
        </div>
      )}
      {actionError && <ErrorState error={actionError} />}
      <div className="filters">
        <div role="radiogroup" aria-label="Category" className="segmented" onKeyDown={(e) => {
          // Arrow keys move the choice, as in any radio group; Tab leaves the group.
          const options = ['all', ...categories];
          const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
          if (step === 0) return;
          e.preventDefault();
          const next = options[(options.indexOf(category) + step + options.length) % options.length] ?? 'all';
          setCategory(next);
          e.currentTarget.querySelector<HTMLButtonElement>(`[data-value="${next}"]`)?.focus();
        }}>
          {['all', ...categories].map((c) => (
            <button key={c} type="button" role="radio" data-value={c} aria-checked={category === c} tabIndex={category === c ? 0 : -1} onClick={() => setCategory(c)}>
              {c === 'all' ? 'All' : categoryLabel(c)}
            </button>
          ))}
        </div>
        <input type="search" placeholder="Search by name" aria-label="Search reports" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      <div className="toolbar">
        <span className="muted" role="status" aria-label="Selection">
          {included} of {view.reports.length} reports included in sync{view.customSelection ? '' : ' (the default: Standard reports of engagement, commerce and usage)'}
        </span>
        <span className="button-row">
          {checked && !checking && (
            <span className="muted" role="status" aria-label="Status check">
              Checked {relativeTime(checked.at)} — {checked.reports} report{checked.reports === 1 ? '' : 's'}, {checked.withData} with data
            </span>
          )}
          <button type="button" disabled={checking} aria-busy={checking} onClick={() => void check()} title="Lists what Apple has produced for the included reports, without downloading">
            {checking ? 'Asking Apple…' : 'Check status with Apple'}
          </button>
          {view.customSelection && <button type="button" disabled={saving} onClick={() => void save(null)}>Back to the default selection</button>}
        </span>
      </div>
      {filtered.length === 0 ? (
        <EmptyState title="No report matches">Clear the search or pick another category.</EmptyState>
      ) : (
        <ReportList reports={filtered} saving={saving} onToggle={toggle} onOpenInstances={onOpenInstances} />
      )}
    </Page>
  );
}

function ReportList({ reports, saving, onToggle, onOpenInstances }: {
  reports: ReportView[];
  saving: boolean;
  onToggle: (report: ReportView, included: boolean) => void;
  onOpenInstances: (name: string) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: reports.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  return (
    <div ref={scroller} className="virtual-scroller report-scroller">
      <div role="list" aria-label="Reports" style={{ height: virtual.getTotalSize(), position: 'relative' }}>
        {virtual.getVirtualItems().map((item) => {
          const report = reports[item.index];
          if (!report) return null;
          return (
            <div key={report.name} className="virtual-row" style={{ height: item.size, transform: `translateY(${item.start}px)` }}>
              <ReportRow report={report} disabled={saving} onToggle={(on) => onToggle(report, on)} onOpenInstances={() => onOpenInstances(report.name)} />
            </div>
          );
        })}
      </div>
    </div>
  );
}

function Page({ children }: { children: ReactNode }) {
  return <PageSection id="reports" title="Reports" wide forApp>{children}</PageSection>;
}
