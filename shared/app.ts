// Domain types about the running app and the user's preferences.

/** Which shell hosts the UI: the Electron app, or the loopback bridge in a browser. */
export type HostMode = 'electron' | 'browser';

export interface AppInfo {
  name: string;
  version: string;
  mode: HostMode;
  /** True when the app talks to the bundled fake App Store Connect server (demo / tests). */
  demo: boolean;
  dataDir: string;
  platform: string;
  /** Present only when API calls (and the API token) go somewhere other than Apple's host. */
  ascBaseUrl?: string;
}

export type Theme = 'system' | 'light' | 'dark';

export interface Preferences {
  theme: Theme;
}

export const DEFAULT_PREFERENCES: Preferences = { theme: 'system' };
