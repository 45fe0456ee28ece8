// What the services need from their host (Electron app, loopback bridge, CLI, tests), passed in
// rather than imported, so every service runs in plain Node.
import type { HostMode } from '../../shared/app';
import type { Logger } from '../logging/logger';
import type { SettingsStore } from '../settings/settingsStore';
import type { OrchardSettings } from '../settings/orchardSettings';
import type { SecretStore } from '../credentials';

export interface Platform {
  mode: HostMode;
  appVersion: string;
  /** Folder for the warehouse, the segment cache and logs. */
  dataDir: string;
  settings: SettingsStore<OrchardSettings>;
  /** Electron's net.fetch in the app (system proxy and certificates), Node's fetch elsewhere. */
  fetch: typeof fetch;
  logger: Logger;
  /** Where private keys persist: the OS keychain (a memory store in tests). */
  secretStore: SecretStore;
  /** Process environment (ORCHARD_ASC_BASE_URL, …), injected so tests control it. */
  env: NodeJS.ProcessEnv;
  /** Set when the app runs against the bundled fake App Store Connect server. */
  demo: boolean;
  now(): Date;
}
