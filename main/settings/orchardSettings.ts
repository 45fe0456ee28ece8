// The shape of Orchard's settings file and its defaults. Anything read back is re-validated by
// the service that owns the key, since users (and older versions) can edit the file.
import { DEFAULT_PREFERENCES, type Preferences } from '../../shared/app';

export interface OrchardSettings extends Record<string, unknown> {
  preferences: Preferences;
  /** API key metadata (never the key itself); validated by main/credentials/keyRegistry. */
  apiKeys: unknown;
}

export const DEFAULT_SETTINGS: OrchardSettings = {
  preferences: DEFAULT_PREFERENCES,
  apiKeys: [],
};
