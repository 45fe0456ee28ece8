// SettingsStore over `conf` for plain Node (web bridge, CLI, tests).
import Conf from 'conf';
import type { SettingsStore } from './settingsStore';

export function createConfSettingsStore<T extends Record<string, unknown>>(opts: {
  dir: string;
  name?: string;
  defaults: T;
}): SettingsStore<T> {
  const conf = new Conf<T>({
    cwd: opts.dir,
    configName: opts.name ?? 'settings',
    defaults: opts.defaults,
    projectName: 'orchard',
  });
  return {
    get: (key) => conf.get(key),
    set: (key, value) => conf.set(key, value),
    delete: (key) => conf.delete(key),
    path: conf.path,
  };
}

/** In-memory store for unit tests that don't care about persistence. */
export function createMemorySettingsStore<T extends Record<string, unknown>>(defaults: T): SettingsStore<T> {
  const data: T = structuredClone(defaults);
  return {
    get: (key) => data[key],
    set: (key, value) => {
      data[key] = value;
    },
    delete: (key) => {
      delete data[key];
    },
    path: ':memory:',
  };
}
