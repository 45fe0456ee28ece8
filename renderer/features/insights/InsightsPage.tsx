// Insights: the Overview headline numbers, then themed dashboards (Acquisition, Monetization,
// Usage, Performance) and the user's own pinned queries, all under one set of shared controls.
import { useCallback, useRef, useState } from 'react';
import { DASHBOARD_PAGES, type DashboardPage } from '../../../shared/dashboards';
import { useClient } from '../../ipc/ClientContext';
import { PageSection } from '../../components/PageSection';
import { scopeLabel, useSelectedApp } from '../../app/selectedApp';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { useLoad } from '../sync/useLoad';
import { useSyncFinished } from '../sync/useSyncFinished';
import { ControlsBar } from '../dashboards/ControlsBar';
import { DashboardTab } from '../dashboards/DashboardTab';
import { InsightsTabs, panelId, tabId } from '../dashboards/InsightsTabs';
import { useDashboardControls } from '../dashboards/useDashboardControls';
import { useInsightsTab } from '../dashboards/useInsightsTab';
import type { TileRequests } from '../dashboards/useTileRequests';
import { MyDashboardTab } from '../myDashboard/MyDashboardTab';
import { OverviewTab } from './OverviewTab';
import '../dashboards/dashboards.css';

const TAB_IDS = ['overview', ...DASHBOARD_PAGES, 'mine'];
const FALLBACK_TITLES: Record<string, string> = { acquisition: 'Acquisition', monetization: 'Monetization', usage: 'Usage', performance: 'Performance' };

type PageRequests = Pick<TileRequests, 'busy' | 'stop' | 'reload'>;

export function InsightsPage({ appId, openInWorkbench }: { appId: string | undefined; openInWorkbench: (sql: string) => void }) {
  const client = useClient();
  const [tab, setTab] = useInsightsTab(TAB_IDS);
  const handle = useDashboardControls(appId);
  const pages = useLoad(() => client.invoke('insights:dashboards', {}), 'pages');
  const [requests, setRequests] = useState<PageRequests | null>(null);
  const requestsRef = useRef(requests);
  requestsRef.current = requests;
  useSyncFinished(appId, () => requestsRef.current?.reload());
  const onRequests = useCallback((r: PageRequests | null) => setRequests(r), []);
  const titleOf = (id: string) => pages.data?.find((p) => p.id === id)?.title ?? FALLBACK_TITLES[id] ?? id;
  const tabs = [{ id: 'overview', label: 'Overview' }, ...DASHBOARD_PAGES.map((id) => ({ id, label: titleOf(id) })), { id: 'mine', label: 'My dashboard' }];
  const page: DashboardPage | undefined = pages.data?.find((p) => p.id === tab);
  const onDashboard = tab !== 'overview';
  // Each tab says whom its numbers cover: the Overview by its own app toggle, the others by their controls.
  const selectedApp = useSelectedApp();
  const [overviewAllApps, setOverviewAllApps] = useState(false);
  const about = scopeLabel(onDashboard ? handle.state.apps : overviewAllApps ? 'all' : 'selected', selectedApp);

  return (
    <PageSection id="insights" title={about ? `Insights — ${about}` : 'Insights'} wide busy={onDashboard && tab !== 'mine' && (requests?.busy ?? false)}>
      <InsightsTabs tabs={tabs} current={tab} onSelect={setTab} />
      <div role="tabpanel" id={panelId(tab)} aria-labelledby={tabId(tab)} className="insights-panel">
        {!onDashboard ? (
          <OverviewTab appId={appId} allApps={overviewAllApps} setAllApps={setOverviewAllApps} openInWorkbench={openInWorkbench} />
        ) : (
          <>
            <ControlsBar handle={handle} busy={tab !== 'mine' && (requests?.busy ?? false)} onStop={() => requests?.stop()} />
            {tab === 'mine' ? (
              handle.controls ? <MyDashboardTab controls={handle.controls} openInWorkbench={openInWorkbench} /> : <EmptyState title="Nothing to ask yet">Choose an app (or all apps) and a range that starts before it ends in the controls above.</EmptyState>
            ) : pages.error ? (
              <ErrorState error={pages.error} onRetry={pages.reload} />
            ) : pages.loading || !pages.data ? (
              <Loading label="Loading dashboards…" />
            ) : page === undefined ? (
              <EmptyState title="No such dashboard">This page is not offered by this version of Orchard.</EmptyState>
            ) : (
              <DashboardTab key={page.id} page={page} controls={handle.controls} controlsKey={handle.key} openInWorkbench={openInWorkbench} onRequests={onRequests} />
            )}
          </>
        )}
      </div>
    </PageSection>
  );
}
