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
