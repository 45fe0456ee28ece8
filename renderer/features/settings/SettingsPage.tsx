// Settings: preferences that apply across the app.
import { useState } from 'react';
import type { Preferences, Theme } from '../../../shared/app';
import { asOrchardError, useClient } from '../../ipc/ClientContext';
import type { OrchardError } from '../../../shared/errors';
import { ErrorState } from '../../components/States';

const THEMES: { value: Theme; label: string }[] = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function SettingsPage({ prefs, onChange }: { prefs: Preferences; onChange: (p: Preferences) => void }) {
  const client = useClient();
  const [error, setError] = useState<OrchardError | null>(null);
  // Optimistic: the radio reflects the choice at once; a failed save puts the old value back.
  const setTheme = (theme: Theme) => {
    const previous = prefs;
    onChange({ ...prefs, theme });
    client.invoke('prefs:update', { theme }).then(onChange, (e: unknown) => {
      onChange(previous);
      setError(asOrchardError(e));
    });
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
    </section>
  );
}
