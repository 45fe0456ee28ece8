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
import type { SectionId } from './sections';

export function App() {
  const client = useClient();
  const [section, go] = useSection();
  const [prefs, setPrefs] = useState<Preferences>(DEFAULT_PREFERENCES);
  const [ready, setReady] = useState(false);
  useTheme(prefs.theme);
  useEffect(() => {
    client.invoke('prefs:get', {}).then(setPrefs).finally(() => setReady(true));
    return client.on('prefs:changed', setPrefs);
  }, [client]);

  return (
    <div className="shell" data-state={ready ? 'ready' : 'loading'}>
      <Sidebar current={section} onSelect={go} />
      <main className="content">{renderSection(section, go, prefs, setPrefs)}</main>
    </div>
  );
}

function renderSection(section: SectionId, go: (id: SectionId) => void, prefs: Preferences, setPrefs: (p: Preferences) => void) {
  switch (section) {
    case 'overview':
      return <OverviewPage onNavigate={go} />;
    case 'settings':
      return <SettingsPage prefs={prefs} onChange={setPrefs} />;
    case 'apps':
      return <PlaceholderPage title="Apps" description="No apps yet" next="Add an API key to list the apps it can see." />;
    case 'reports':
      return <PlaceholderPage title="Reports" description="No reports yet" next="Pick an app and request its reports." />;
    case 'sync':
      return <PlaceholderPage title="Sync" description="Nothing synced yet" next="Add a key and pick an app, then sync." />;
    case 'workbench':
      return <PlaceholderPage title="SQL Workbench" description="The warehouse is empty" next="Sync an app to load its reports, then query them here." />;
    case 'keys':
      return <PlaceholderPage title="API Keys" description="No API key yet" next="Create a key in App Store Connect (Users and Access → Integrations) and add its .p8 file here." />;
  }
}
