// The app shell: sidebar, current section, theme. Sections are filled in by their features.
import { Suspense, lazy, useCallback, useEffect, useState } from 'react';
import { DEFAULT_PREFERENCES, type Preferences } from '../../shared/app';
import { useClient } from '../ipc/ClientContext';
import { Sidebar } from './Sidebar';
import { AppSwitcher } from './AppSwitcher';
import { SelectedAppContext } from './selectedApp';
import { useAppChoice } from './useAppChoice';
import { BaseUrlBanner } from './BaseUrlBanner';
import { UpdateNotice } from '../features/updates/UpdateNotice';
import { useSection } from './useSection';
import { useTheme } from './useTheme';
import { OverviewPage } from '../features/overview/OverviewPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { KeysPage } from '../features/keys/KeysPage';
import { AppsPage } from '../features/apps/AppsPage';
import { SyncPage } from '../features/sync/SyncPage';
import { RequestsPage } from '../features/requests/RequestsPage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { InstancesPage } from '../features/instances/InstancesPage';
import { SalesPage } from '../features/sales/SalesPage';
import { RebuildNotice } from '../features/rebuild/RebuildNotice';
import { InsightsPage } from '../features/insights/InsightsPage';
import { LakeModeContext, useWarehouseLake, type LakeMode } from '../features/lake/lakeMode';
import { LakeBanner } from '../features/lake/LakeBanner';
import { LakeOverview } from '../features/lake/LakeOverview';
import { LakeSectionPage } from '../features/lake/LakeSectionPage';
import type { SectionId } from './sections';
import { Loading } from '../components/States';

// The workbench (CodeMirror, grid, charts) is most of the bundle: load it when first opened.
const WorkbenchPage = lazy(() => import('../features/workbench/WorkbenchPage').then((m) => ({ default: m.WorkbenchPage })));

export function App() {
  const client = useClient();
  const [section, go] = useSection();
  const [prefs, setPrefs] = useState<Preferences>(DEFAULT_PREFERENCES);
  const [ready, setReady] = useState(false);
  const [appId, setAppId] = useState<string | undefined>();
  const [syncSignal, setSyncSignal] = useState(0);
  const choice = useAppChoice(client, appId, section);
  // Over a read-only lake there is no key to add and nothing to sync: screens say so instead.
  const lakeMode = useWarehouseLake(client);
  const selectApp = useCallback((id: string) => {
    void client.invoke('apps:select', { appId: id }).then((r) => setAppId(r.selectedAppId), () => undefined);
  }, [client]);
  // The report the Instances section shows, and the SQL the workbench should open (nonce: the same SQL twice opens twice).
  const [instancesReport, setInstancesReport] = useState<string | undefined>();
  const [workbenchRequest, setWorkbenchRequest] = useState<{ sql: string; nonce: number } | null>(null);
  // Once opened, the workbench stays mounted (hidden elsewhere): its tabs' results, charts and
  // editors are there again when the user comes back, as they left them.
  const [workbenchOpened, setWorkbenchOpened] = useState(false);
  useEffect(() => {
    if (section === 'workbench') setWorkbenchOpened(true);
  }, [section]);
  useTheme(prefs.theme);
  useEffect(() => {
    Promise.all([client.invoke('prefs:get', {}).then(setPrefs), client.invoke('apps:selected', {}).then((r) => setAppId(r.selectedAppId))]).finally(() =>
      setReady(true),
    );
    return client.on('prefs:changed', setPrefs);
  }, [client]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'r') {
        e.preventDefault();
        go('sync');
        setSyncSignal((n) => n + 1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);
  const requestSync = useCallback(() => {
    go('sync');
    setSyncSignal((n) => n + 1);
  }, [go]);
  const openInstances = useCallback((reportName: string) => {
    setInstancesReport(reportName);
    go('instances');
  }, [go]);
  const openInWorkbench = useCallback((sql: string) => {
    setWorkbenchRequest((previous) => ({ sql, nonce: (previous?.nonce ?? 0) + 1 }));
    go('workbench');
  }, [go]);
  // Cleared once the Sync page acted on it, so coming back to the page later does not sync again.
  const clearSyncSignal = useCallback(() => setSyncSignal(0), []);
  const ctx: SectionContext = {
    go, prefs, setPrefs, appId, setAppId, syncSignal, clearSyncSignal, requestSync, instancesReport, setInstancesReport, openInstances, openInWorkbench, workbenchRequest, lakeMode,
  };

  return (
    <SelectedAppContext.Provider value={{ appId, apps: choice.apps, ...(choice.appName ? { appName: choice.appName } : {}) }}>
      <LakeModeContext.Provider value={lakeMode}>
        <div className="shell" data-state={ready && lakeMode.known ? 'ready' : 'loading'} data-lake={lakeMode.lake ? 'true' : undefined}>
          <Sidebar current={section} onSelect={go}
            switcher={<AppSwitcher appId={appId} apps={choice.apps} onSelect={selectApp} onChoose={() => go('apps')} />} />
          <main className="content">
            <BaseUrlBanner />
            <UpdateNotice />
            {lakeMode.lake ? <LakeBanner /> : lakeMode.known && <RebuildNotice />}
            {renderSection(section, ctx)}
            {(workbenchOpened || section === 'workbench') && (
              <div className="workbench-host" hidden={section !== 'workbench'}>
                <Suspense fallback={<Loading label="Opening the SQL workbench…" />}>
                  <WorkbenchPage request={ctx.workbenchRequest} />
                </Suspense>
              </div>
            )}
          </main>
        </div>
      </LakeModeContext.Provider>
    </SelectedAppContext.Provider>
  );
}

interface SectionContext {
  go: (id: SectionId) => void;
  prefs: Preferences;
  setPrefs: (p: Preferences) => void;
  appId: string | undefined;
  setAppId: (id: string) => void;
  syncSignal: number;
  clearSyncSignal: () => void;
  requestSync: () => void;
  instancesReport: string | undefined;
  setInstancesReport: (name: string) => void;
  openInstances: (reportName: string) => void;
  openInWorkbench: (sql: string) => void;
  workbenchRequest: { sql: string; nonce: number } | null;
  lakeMode: LakeMode;
}

function renderSection(section: SectionId, ctx: SectionContext) {
  const { go, prefs, setPrefs, appId, setAppId, syncSignal, lakeMode } = ctx;
  switch (section) {
    case 'overview':
      // Until health answers, nothing: the first steps (add a key…) must not flash over a lake.
      if (!lakeMode.known) return null;
      return lakeMode.lake
        ? <LakeOverview onNavigate={go} />
        : <OverviewPage appId={appId} onNavigate={go} onSync={ctx.requestSync} onOpenReport={ctx.openInstances} />;
    case 'requests':
      return lakeMode.lake ? <LakeSectionPage id="requests" title="Requests" topic="requests" /> : <RequestsPage appId={appId} onNavigate={go} />;
    case 'instances':
      return <InstancesPage appId={appId} reportName={ctx.instancesReport} onReportChange={ctx.setInstancesReport} onNavigate={go} openInWorkbench={ctx.openInWorkbench} />;
    case 'settings':
      return <SettingsPage prefs={prefs} onChange={setPrefs} />;
    case 'apps':
      return lakeMode.lake ? <LakeSectionPage id="apps" title="Apps" topic="apps" /> : <AppsPage onNavigate={go} onSelected={setAppId} />;
    case 'reports':
      return <ReportsPage appId={appId} onNavigate={go} onOpenInstances={ctx.openInstances} />;
    case 'sync':
      return <SyncPage appId={appId} onNavigate={go} startSignal={syncSignal} onStartHandled={ctx.clearSyncSignal} />;
    case 'workbench':
      // Rendered by App itself, so that it survives visits to other sections.
      return null;
    case 'keys':
      return <KeysPage />;
    case 'sales':
      return <SalesPage />;
    case 'insights':
      return <InsightsPage appId={appId} openInWorkbench={ctx.openInWorkbench} />;
  }
}
