// File › Open lake… and Close lake: the desktop app opens a lake by relaunching itself with
// `--lake <folder>` (the services are built once, over one warehouse, at start), and leaves it by
// relaunching without. The folder comes from main's own folder dialog.
import type { BrowserWindow, Dialog, OpenDialogOptions } from 'electron';
import { readCurrentSnapshot } from '../lake';
import type { FolderDialogRequest } from '../platform/desktopDialogs';
import type { Platform } from '../platform/platform';
import { createConfSettingsStore } from '../settings/confSettingsStore';
import { DEFAULT_SETTINGS, type OrchardSettings } from '../settings/orchardSettings';

export const LAKE_FLAG = '--lake';

/** The folder after `--lake` (or in `--lake=<folder>`) on the app's command line, if any. */
export function lakeArgument(args: readonly string[]): string | undefined {
  for (const [i, arg] of args.entries()) {
    if (arg === LAKE_FLAG) return args[i + 1];
    if (arg.startsWith(`${LAKE_FLAG}=`)) return arg.slice(LAKE_FLAG.length + 1);
  }
  return undefined;
}

/** The command line of a relaunch: this one without any `--lake`, then `--lake <folder>` when one is given. */
export function relaunchArgs(args: readonly string[], lakeDir: string | null): string[] {
  const kept = args.filter((arg, i) => arg !== LAKE_FLAG && args[i - 1] !== LAKE_FLAG && !arg.startsWith(`${LAKE_FLAG}=`));
  return lakeDir === null ? kept : [...kept, LAKE_FLAG, lakeDir];
}

/** Electron's folder dialog on the app window: the chosen folder, or null when cancelled. */
export async function showFolderDialog(
  dialog: Pick<Dialog, 'showOpenDialog'>, win: BrowserWindow | undefined, request: FolderDialogRequest & { create?: boolean },
): Promise<string | null> {
  const options: OpenDialogOptions = {
    title: request.title,
    buttonLabel: request.buttonLabel,
    properties: request.create === false ? ['openDirectory'] : ['openDirectory', 'createDirectory'],
  };
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : result.filePaths[0] ?? null;
}

/**
 * The platform of a lake session, as `npm run web -- --lake` has it: the lake's temporary folder
 * holds settings and logs, so no key, sync choice or lake folder of the user's own shows up. Only
 * the look (theme) comes along.
 */
export function lakePlatform(platform: Platform, lakeDataDir: string): Platform {
  const settings = createConfSettingsStore<OrchardSettings>({ dir: lakeDataDir, defaults: DEFAULT_SETTINGS });
  settings.set('preferences', platform.settings.get('preferences'));
  return { ...platform, dataDir: lakeDataDir, settings };
}

/** Why a chosen folder cannot be opened as a lake, or null when it can. */
export async function lakeFolderProblem(dir: string): Promise<string | null> {
  return readCurrentSnapshot(dir).then(
    (found) => (found ? null : `${dir} is not an Orchard lake (it has no _orchard/current.json). Choose the folder Orchard publishes to.`),
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
}
