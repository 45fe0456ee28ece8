// The Settings screen: where the data lives (and how big it is), sync preferences, automatic
// sync, and — only when it is not Apple's — the App Store Connect address in use (read-only:
// it comes from the environment, never from this screen). Revealing the folder needs the desktop shell, which the
// Electron host passes in; elsewhere it is unavailable.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SettingsView } from '../../shared/browse';
import { OrchardError } from '../../shared/errors';
import type { z } from 'zod';
import type { settingsPatchSchema } from '../../shared/ipc/browseCommands';
import { nonAppleBaseUrl, resolveAscBaseUrl } from '../session/ascBaseUrl';
import type { SettingsStore } from '../settings/settingsStore';
import type { OrchardSettings } from '../settings/orchardSettings';
import type { SyncPreferences } from './syncPreferences';

/** What only a desktop host can do. */
export interface DesktopShell {
  revealPath(target: string): void;
}

export interface SettingsServiceDeps {
  dataDir: string;
  settings: SettingsStore<OrchardSettings>;
  env: NodeJS.ProcessEnv;
  prefs: SyncPreferences;
  shell?: DesktopShell;
  /** Called after a change that affects automatic sync. */
  onChanged: () => void;
}

export type SettingsPatch = z.output<typeof settingsPatchSchema>;

/** Total bytes of the files under a folder; unreadable entries count as zero. */
export async function folderSize(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const sizes = await Promise.all(
    entries.filter((e) => e.isFile()).map((e) => stat(path.join(e.parentPath, e.name)).then((s) => s.size, () => 0)),
  );
  return sizes.reduce((a, b) => a + b, 0);
}

export function createSettingsService(deps: SettingsServiceDeps) {
  const view = async (): Promise<SettingsView> => {
    const prefs = deps.prefs.get();
    const otherHost = nonAppleBaseUrl(resolveAscBaseUrl(deps.env));
    return {
      dataDir: deps.dataDir,
      dataSizeBytes: await folderSize(deps.dataDir).catch(() => null),
      canReveal: deps.shell !== undefined,
      granularities: prefs.granularities,
      concurrency: prefs.concurrency,
      autoSync: prefs.autoSync,
      ...(otherHost !== undefined ? { ascBaseUrl: otherHost } : {}),
    };
  };
  return {
    get: view,
    async update(patch: SettingsPatch): Promise<SettingsView> {
      if (patch.granularities || patch.concurrency !== undefined || patch.autoSync) {
        deps.prefs.update({
          ...(patch.granularities ? { granularities: patch.granularities } : {}),
          ...(patch.concurrency !== undefined ? { concurrency: patch.concurrency } : {}),
          ...(patch.autoSync ? { autoSync: patch.autoSync } : {}),
        });
      }
      deps.onChanged();
      return view();
    },
    async revealDataDir(): Promise<{ revealed: boolean }> {
      if (deps.shell === undefined) throw new OrchardError('UNSUPPORTED', 'Showing the folder works in the desktop app; in the browser, open the path shown here yourself.');
      deps.shell.revealPath(deps.dataDir);
      return { revealed: true };
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
