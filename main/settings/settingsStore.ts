// Non-secret persistent settings (key metadata, preferences). The app backs this with
// electron-store; plain Node (web bridge, CLI, tests) with `conf`, electron-store's own engine,
// so both write the same JSON file format. Secrets never go here.

export interface SettingsStore<T extends Record<string, unknown>> {
  get<K extends keyof T>(key: K): T[K];
  set<K extends keyof T>(key: K, value: T[K]): void;
  /** Removes a key from the file (e.g. one an older version wrote and this one must not keep). */
  delete<K extends keyof T>(key: K): void;
  /** Absolute path of the backing file, for "reveal" actions and for tests that scan written files. */
  readonly path: string;
}
