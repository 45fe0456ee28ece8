// SettingsStore backed by electron-store in the app. Same folder and file name as the conf store
// the browser mode and CLI use (settings.json in the data folder), so all hosts share settings.
import ElectronStore from 'electron-store';
import type { SettingsStore } from '../settings/settingsStore';

export function createElectronSettingsStore<T extends Record<string, unknown>>(opts: {
  dir: string;
  name?: string;
  defaults: T;
}): SettingsStore<T> {
  const store = new ElectronStore<T>({ cwd: opts.dir, name: opts.name ?? 'settings', defaults: opts.defaults });
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key),
    path: store.path,
  };
}
