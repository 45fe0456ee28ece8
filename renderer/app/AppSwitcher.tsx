// The app the user works with, by name, on every screen: a switcher in the sidebar listing the
// apps the default key sees. Without a key or an app it leads to the Apps section.
import type { App } from '../../shared/ascTypes';

export function AppSwitcher({ appId, apps, onSelect, onChoose }: {
  appId: string | undefined;
  apps: App[];
  onSelect: (appId: string) => void;
  onChoose: () => void;
}) {
  if (apps.length === 0) {
    return (
      <div className="app-switcher">
        <span className="app-switcher-label">App</span>
        <button type="button" className="link" onClick={onChoose}>{appId ? `app ${appId}` : 'Choose an app'}</button>
      </div>
    );
  }
  const listed = appId === undefined || apps.some((a) => a.id === appId);
  return (
    <div className="app-switcher">
      <label className="app-switcher-label" htmlFor="app-switcher">App</label>
      <select id="app-switcher" value={appId ?? ''} onChange={(e) => e.target.value && onSelect(e.target.value)}>
        {appId === undefined && <option value="">Choose an app…</option>}
        {!listed && <option value={appId}>app {appId}</option>}
        {apps.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
      </select>
    </div>
  );
}
