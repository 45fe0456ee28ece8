// The sections of the Settings screen below the theme: data folder, sync, and the App Store
// Connect address when it is not Apple's.
import { GRANULARITIES, type Granularity } from '../../../shared/ascTypes';
import type { SettingsView } from '../../../shared/browse';
import type { OrchardError } from '../../../shared/errors';
import { asOrchardError, useClient } from '../../ipc/ClientContext';
import { GRANULARITY_LABELS } from '../reports/reportText';
import { formatBytes } from '../sync/format';
import type { SettingsPatch } from './SettingsPage';
import { Toast } from '../../components/Toast';

type Update = (patch: SettingsPatch) => Promise<SettingsView | undefined>;

const INTERVALS = [0, 1, 3, 6, 12, 24, 48];

export function DataSettings({ view, onRefresh, onError }: { view: SettingsView; onRefresh: () => void; onError: (e: OrchardError) => void }) {
  const client = useClient();
  return (
    <fieldset className="card">
      <legend>Data folder</legend>
      <p><code aria-label="Data folder path">{view.dataDir}</code></p>
      <p className="muted">
        {view.dataSizeBytes === null ? 'Its size could not be measured.' : `Holds ${formatBytes(view.dataSizeBytes)}: the database and the downloaded report files.`}{' '}
        To keep the data elsewhere, start Orchard with <code>ORCHARD_DATA_DIR</code> set to another folder.
      </p>
      <div className="button-row">
        <button type="button" disabled={!view.canReveal} aria-describedby="reveal-why"
          onClick={() => client.invoke('settings:revealDataDir', {}).catch((e: unknown) => onError(asOrchardError(e)))}>
          Show in {navigator.platform.toLowerCase().includes('mac') ? 'Finder' : 'file manager'}
        </button>
        <button type="button" onClick={onRefresh}>Measure again</button>
        {!view.canReveal && <span id="reveal-why" className="muted">Available in the desktop app; in the browser, open the path above yourself.</span>}
      </div>
    </fieldset>
  );
}

export function SyncSettings({ view, onUpdate }: { view: SettingsView; onUpdate: Update }) {
  const toggle = (g: Granularity, on: boolean) => {
    const next = on ? [...view.granularities, g] : view.granularities.filter((x) => x !== g);
    if (next.length > 0) void onUpdate({ granularities: next });
  };
  return (
    <>
      <fieldset className="card">
        <legend>What to sync</legend>
        <p className="muted">Granularities to download and keep. Weekly and monthly data repeat the daily data in larger steps.</p>
        {GRANULARITIES.map((g) => {
          const only = view.granularities.length === 1 && view.granularities.includes(g);
          return (
            <label key={g} className="check" title={only ? 'Keep at least one granularity.' : undefined}>
              <input type="checkbox" checked={view.granularities.includes(g)} disabled={only} onChange={(e) => toggle(g, e.target.checked)} />
              {GRANULARITY_LABELS[g]}
            </label>
          );
        })}
        <label className="inline-field">
          Parallel downloads{' '}
          <select aria-label="Parallel downloads" value={view.concurrency} onChange={(e) => void onUpdate({ concurrency: Number(e.target.value) })}>
            {[1, 2, 4, 6, 8, 12, 16].map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
      </fieldset>
      <fieldset className="card">
        <legend>Automatic sync</legend>
        <p className="muted">
          Apple stops an ongoing request when its reports go undownloaded for a while, and deletes every instance 35 days after
          producing it. Syncing regularly while Orchard runs prevents both.
        </p>
        <label className="check">
          <input type="checkbox" checked={view.autoSync.onLaunch} onChange={(e) => void onUpdate({ autoSync: { onLaunch: e.target.checked } })} />
          Sync when Orchard starts
        </label>
        <label className="inline-field">
          While running, sync{' '}
          <select aria-label="Sync every" value={view.autoSync.everyHours} onChange={(e) => void onUpdate({ autoSync: { everyHours: Number(e.target.value) } })}>
            {[...new Set([...INTERVALS, view.autoSync.everyHours])].sort((a, b) => a - b).map((h) => (
              <option key={h} value={h}>{h === 0 ? 'never' : `every ${h} hour${h === 1 ? '' : 's'}`}</option>
            ))}
          </select>
        </label>
      </fieldset>
    </>
  );
}

/** Read-only: the address comes from ORCHARD_ASC_BASE_URL when Orchard starts, never from this screen. */
export function AdvancedSettings({ view }: { view: SettingsView }) {
  if (view.ascBaseUrl === undefined) return null;
  return (
    <fieldset className="card advanced" aria-label="App Store Connect address">
      <legend>App Store Connect address</legend>
      <p>
        API calls go to <code>{view.ascBaseUrl}</code>, not Apple, because Orchard was started with ORCHARD_ASC_BASE_URL.
        Restart without it to talk to Apple.
      </p>
    </fieldset>
  );
}
