// The user's sync choices, read back defensively from the settings file: granularities to keep,
// download concurrency, automatic sync, the reports to sync per app, and when a history snapshot
// was last requested. `optionsFor` turns them into the options of a sync run.
import { z } from 'zod';
import { GRANULARITIES, type Granularity } from '../../shared/ascTypes';
import { SNAPSHOT_COOLDOWN_DAYS, type AutoSyncSettings, type SnapshotQuota } from '../../shared/browse';
import { OrchardError } from '../../shared/errors';
import type { SettingsStore } from '../settings/settingsStore';
import type { OrchardSettings } from '../settings/orchardSettings';

export interface SyncPreferencesValue {
  granularities: Granularity[];
  concurrency: number;
  autoSync: AutoSyncSettings;
}

export const DEFAULT_SYNC_PREFERENCES: SyncPreferencesValue = {
  granularities: [...GRANULARITIES],
  concurrency: 4,
  // Daily runs keep ONGOING requests alive and read every instance well before its 35 days end.
  autoSync: { onLaunch: true, everyHours: 12 },
};

const prefsSchema = z.object({
  granularities: z.array(z.enum(GRANULARITIES)).min(1).catch(DEFAULT_SYNC_PREFERENCES.granularities),
  concurrency: z.number().int().min(1).max(16).catch(DEFAULT_SYNC_PREFERENCES.concurrency),
  autoSync: z.object({
    onLaunch: z.boolean().catch(true),
    everyHours: z.number().int().min(0).max(168).catch(12),
  }).catch(DEFAULT_SYNC_PREFERENCES.autoSync),
}).catch(DEFAULT_SYNC_PREFERENCES);

/** A per-app map read entry by entry, so one unreadable app does not cost the others. */
function perApp<T>(value: unknown, schema: z.ZodType<T>): Record<string, T> {
  const raw = z.record(z.string(), z.unknown()).catch({}).parse(value ?? {});
  return Object.fromEntries(Object.entries(raw).flatMap(([appId, v]) => {
    const parsed = schema.safeParse(v);
    return parsed.success ? [[appId, parsed.data] as [string, T]] : [];
  }));
}

const DAY_MS = 86_400_000;

export interface SyncStartDefaults {
  reportNames?: string[];
  granularities?: Granularity[];
  concurrency: number;
}

export interface SyncPreferences {
  get(): SyncPreferencesValue;
  update(patch: { granularities?: Granularity[]; concurrency?: number; autoSync?: Partial<AutoSyncSettings> }): SyncPreferencesValue;
  /** Report names chosen for the app, or undefined for the default selection. */
  selection(appId: string): string[] | undefined;
  setSelection(appId: string, names: string[] | null): void;
  snapshotQuota(appId: string): SnapshotQuota;
  markSnapshotRequested(appId: string): void;
  /** What a sync of this app runs with unless the caller says otherwise. */
  optionsFor(appId: string): SyncStartDefaults;
  /** Explicit options over the app's defaults; refuses a sync with no report selected. */
  resolveStart<T extends { appId: string; reportNames?: readonly string[]; granularities?: readonly Granularity[]; concurrency?: number }>(input: T): T;
}

export function createSyncPreferences(settings: SettingsStore<OrchardSettings>, now: () => Date): SyncPreferences {
  const get = (): SyncPreferencesValue => prefsSchema.parse(settings.get('syncPreferences') ?? {});
  const selections = () => perApp(settings.get('reportSelection'), z.array(z.string()));
  const snapshots = () => perApp(settings.get('snapshotRequested'), z.string());
  const optionsFor = (appId: string): SyncStartDefaults => {
    const prefs = get();
    const chosen = selections()[appId];
    return {
      ...(chosen === undefined ? {} : { reportNames: chosen }),
      ...(prefs.granularities.length === GRANULARITIES.length ? {} : { granularities: prefs.granularities }),
      concurrency: prefs.concurrency,
    };
  };
  return {
    get,
    update(patch) {
      const current = get();
      const next: SyncPreferencesValue = {
        granularities: patch.granularities ? GRANULARITIES.filter((g) => patch.granularities?.includes(g)) : current.granularities,
        concurrency: patch.concurrency ?? current.concurrency,
        autoSync: { ...current.autoSync, ...patch.autoSync },
      };
      settings.set('syncPreferences', next);
      return next;
    },
    selection: (appId) => selections()[appId],
    setSelection(appId, names) {
      const { [appId]: _dropped, ...others } = selections();
      settings.set('reportSelection', names === null ? others : { ...others, [appId]: [...new Set(names)].sort() });
    },
    snapshotQuota(appId) {
      const last = snapshots()[appId];
      const lastMs = last === undefined ? NaN : Date.parse(last);
      if (Number.isNaN(lastMs)) return { allowedNow: true };
      const availableMs = lastMs + SNAPSHOT_COOLDOWN_DAYS * DAY_MS;
      return {
        lastRequestedAt: new Date(lastMs).toISOString(),
        availableFrom: new Date(availableMs).toISOString().slice(0, 10),
        allowedNow: now().getTime() >= availableMs,
      };
    },
    markSnapshotRequested(appId) {
      settings.set('snapshotRequested', { ...snapshots(), [appId]: now().toISOString() });
    },
    optionsFor,
    resolveStart(input) {
      const merged = { ...optionsFor(input.appId), ...input };
      // The engine reads an empty list as "the default set"; an empty choice means nothing to sync.
      if (merged.reportNames !== undefined && merged.reportNames.length === 0) {
        throw new OrchardError('BAD_INPUT', 'No report is selected for this app: turn on at least one report on the Reports page.', { reason: 'no-reports-selected' });
      }
      return merged;
    },
  };
}
