// The app shell: sidebar, current section, theme. Sections are filled in by their features.
import { useEffect, useState } from 'react';
import { DEFAULT_PREFERENCES, type Preferences } from '../../shared/app';
import { useClient } from '../ipc/ClientContext';
import { Sidebar } from './Sidebar';
import { useSection } from './useSection';
import { useTheme } from './useTheme';
import { OverviewPage } from '../features/overview/OverviewPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { PlaceholderPage } from '../features/PlaceholderPage';
import { KeysPage } from '../features/keys/KeysPage';
import { AppsPage } from '../features/apps/AppsPage';
import { SyncPage } from '../features/sync/SyncPage';
import type { SectionId } from './sections';

export function App() {
  const client = useClient();
  const [section, go] = useSection();
  const [prefs, setPrefs] = useState<Preferences>(DEFAULT_PREFERENCES);
  const [ready, setReady] = useState(false);
  const [appId, setAppId] = useState<string | undefined>();
  const [syncSignal, setSyncSignal] = useState(0);
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
  const ctx: SectionContext = { go, prefs, setPrefs, appId, setAppId, syncSignal };

  return (
    <div className="shell" data-state={ready ? 'ready' : 'loading'}>
      <Sidebar current={section} onSelect={go} />
      <main className="content">{renderSection(section, ctx)}</main>
    </div>
  );
}

interface SectionContext {
  go: (id: SectionId) => void;
  prefs: Preferences;
  setPrefs: (p: Preferences) => void;
  appId: string | undefined;
  setAppId: (id: string) => void;
  syncSignal: number;
}

function renderSection(section: SectionId, { go, prefs, setPrefs, appId, setAppId, syncSignal }: SectionContext) {
  switch (section) {
    case 'overview':
      return <OverviewPage onNavigate={go} />;
    case 'settings':
      return <SettingsPage prefs={prefs} onChange={setPrefs} />;
    case 'apps':
      return <AppsPage onNavigate={go} onSelected={setAppId} />;
    case 'reports':
      return <PlaceholderPage title="Reports" description="No reports yet" next="Pick an app and request its reports." />;
    case 'sync':
      return <SyncPage appId={appId} onNavigate={go} startSignal={syncSignal} />;
    case 'workbench':
      return <PlaceholderPage title="SQL Workbench" description="The warehouse is empty" next="Sync an app to load its reports, then query them here." />;
    case 'keys':
      return <KeysPage />;
  }
}
