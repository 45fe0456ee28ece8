// Reads and updates the user's preferences (theme, …) and tells every window when they change.
import { z } from 'zod';
import { DEFAULT_PREFERENCES, type Preferences } from '../../shared/app';
import { themeSchema } from '../../shared/ipc/appCommands';
import type { SettingsStore } from '../settings/settingsStore';
import type { OrchardSettings } from '../settings/orchardSettings';

const storedPreferencesSchema = z.object({ theme: themeSchema.catch('system') }).catch(DEFAULT_PREFERENCES);

export interface PreferencesService {
  get(): Preferences;
  update(patch: Partial<Preferences>): Preferences;
}

export function createPreferencesService(
  settings: SettingsStore<OrchardSettings>,
  onChange: (prefs: Preferences) => void,
): PreferencesService {
  const get = (): Preferences => storedPreferencesSchema.parse(settings.get('preferences'));
  return {
    get,
    update(patch) {
      const next = { ...get(), ...patch };
      settings.set('preferences', next);
      onChange(next);
      return next;
    },
  };
}
