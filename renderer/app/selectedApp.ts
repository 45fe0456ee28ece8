// The app the user works with, as every screen sees it: its ID, its name (from the apps the
// default key sees) and the apps to switch between. Page headers and dialogs name it from here.
import { createContext, useContext } from 'react';
import type { App } from '../../shared/ascTypes';

export interface SelectedApp {
  appId?: string;
  /** Apple's name for it; undefined while unknown (no key yet, offline). */
  appName?: string;
  apps: App[];
}

export const SelectedAppContext = createContext<SelectedApp>({ apps: [] });

export function useSelectedApp(): SelectedApp {
  return useContext(SelectedAppContext);
}

/** "Pocket Garden"; "app 6447000101" only while the name is unknown. */
export function appLabel(app: Pick<SelectedApp, 'appId' | 'appName'>): string | undefined {
  return app.appName ?? (app.appId ? `app ${app.appId}` : undefined);
}

/**
 * Whom a multi-app screen is about, for its heading: "All apps", one app's name, "Pocket Garden and
 * Trail Notes", or "3 apps". `apps` is 'selected' (follows the switcher), 'all', or chosen IDs.
 */
export function scopeLabel(apps: 'selected' | 'all' | readonly string[], selected: SelectedApp): string | undefined {
  if (apps === 'all') return 'All apps';
  if (apps === 'selected') return appLabel(selected);
  const names = apps.map((id) => selected.apps.find((a) => a.id === id)?.name ?? `app ${id}`);
  if (names.length === 0) return undefined;
  if (names.length <= 2) return names.join(' and ');
  return `${names.length} apps`;
}
