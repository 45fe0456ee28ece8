// Where "Choose folder…" gets the lake folder from, never from the renderer: the desktop app's
// native folder dialog; elsewhere (browser mode, where main has no dialog) the folder the person
// who started Orchard named in ORCHARD_LAKE_DIR; otherwise nowhere, and the screen says so.
import path from 'node:path';
import type { DesktopDialogs } from '../platform/desktopDialogs';
import type { LakeFolderSource } from './lakeService';

export const LAKE_DIR_ENV = 'ORCHARD_LAKE_DIR';

export function lakeFolderSource(dialogs: DesktopDialogs | undefined, env: NodeJS.ProcessEnv): LakeFolderSource {
  if (dialogs?.chooseFolder) {
    const chooseFolder = dialogs.chooseFolder.bind(dialogs);
    return { kind: 'dialog', choose: () => chooseFolder({ title: 'Choose the lake folder', buttonLabel: 'Publish here' }) };
  }
  const fromEnv = env[LAKE_DIR_ENV];
  if (fromEnv) return { kind: 'environment', choose: async () => path.resolve(fromEnv) };
  return { kind: 'none', choose: async () => null };
}
