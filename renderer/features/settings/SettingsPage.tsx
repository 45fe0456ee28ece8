// Settings: appearance, where the data lives (and its size), what and how fast to sync, automatic
// sync, the lake folder Orchard publishes to, and the App Store Connect address when it is not Apple's.
import { useState } from 'react';
import type { Preferences, Theme } from '../../../shared/app';
import type { OrchardError } from '../../../shared/errors';
import type { SettingsView } from '../../../shared/browse';
import type { CommandInput } from '../../../shared/ipc/contract';
import { asOrchardError, useClient } from '../../ipc/ClientContext';
import { ErrorState, Loading } from '../../components/States';
import { useLoad } from '../sync/useLoad';
import { DataSettings, SyncSettings, AdvancedSettings } from './SettingsSections';
import { LakeSettings } from './LakeSettings';

const THEMES: { value: Theme; label: string }[] = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export type SettingsPatch = CommandInput<'settings:update'>;

export function SettingsPage({ prefs, onChange }: { prefs: Preferences; onChange: (p: Preferences) => void }) {
  const client = useClient();
  const [error, setError] = useState<OrchardError | null>(null);
  const settings = useLoad(() => client.invoke('settings:get', {}), 'settings');
  // Optimistic: the radio reflects the choice at once; a failed save puts the old value back.
  const setTheme = (theme: Theme) => {
    const previous = prefs;
    onChange({ ...prefs, theme });
    client.invoke('prefs:update', { theme }).then(onChange, (e: unknown) => {
      onChange(previous);
      setError(asOrchardError(e));
    });
  };
  const update = async (patch: SettingsPatch): Promise<SettingsView | undefined> => {
    setError(null);
    try {
      const next = await client.invoke('settings:update', patch);
      settings.set(next);
      return next;
    } catch (e) {
      setError(asOrchardError(e));
      return undefined;
    }
  };
  return (
    <section className="page" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      {error && <ErrorState error={error} />}
      <fieldset className="card">
        <legend>Theme</legend>
        {THEMES.map((t) => (
          <label key={t.value} className="radio">
            <input type="radio" name="theme" value={t.value} checked={prefs.theme === t.value} onChange={() => setTheme(t.value)} />
            {t.label}
          </label>
        ))}
      </fieldset>
      {settings.loading && <Loading label="Reading settings…" />}
      {settings.error && !settings.data && <ErrorState error={settings.error} onRetry={settings.reload} />}
      {settings.data && (
        <>
          <DataSettings view={settings.data} onRefresh={settings.reload} onError={setError} />
          <SyncSettings view={settings.data} onUpdate={update} />
          <LakeSettings onError={setError} />
          <AdvancedSettings view={settings.data} />
        </>
      )}
    </section>
  );
}
