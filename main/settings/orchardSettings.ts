// The shape of Orchard's settings file and its defaults. Anything read back is re-validated by
// the service that owns the key, since users (and older versions) can edit the file.
import { DEFAULT_PREFERENCES, type Preferences } from '../../shared/app';

export interface OrchardSettings extends Record<string, unknown> {
  preferences: Preferences;
  /** API key metadata (never the key itself); validated by main/credentials/keyRegistry. */
  apiKeys: unknown;
  /** The app the user picked to work with (an Apple ID). */
  selectedAppId?: string;
  /** Apps whose one-time history snapshot Orchard already requested (appId -> ISO time). */
  snapshotRequested?: Record<string, string>;
  /** Sync preferences (granularities, concurrency, automatic sync); validated by main/browse/syncPreferences. */
  syncPreferences?: unknown;
  /** Reports to sync per app (appId -> report names); absent = the default selection. */
  reportSelection?: unknown;
  /** Report requests Orchard has seen per app (first seen, deleted); validated by main/browse/requestLog. */
  requestLog?: unknown;
  /** Sales and Trends: vendor number per team, kinds kept, versions; validated by main/sales/salesSettings. */
  sales?: unknown;
  /** The Parquet lake the app publishes to and its last publish; validated by main/lake/lakeSettings. */
  lake?: unknown;
}

export const DEFAULT_SETTINGS: OrchardSettings = {
  preferences: DEFAULT_PREFERENCES,
  apiKeys: [],
};
