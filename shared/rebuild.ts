// Warehouse health and rebuild-from-cache types shown by the renderer and the CLI.
import type { Counter } from './sync';

/**
 * ok: open and writable. missing: no warehouse file but the cache holds downloaded files.
 * damaged: the file would not open; it was kept aside and an empty warehouse opened in its place.
 * readOnly: queries work, syncing does not.
 * interrupted: a rebuild was killed, cancelled or failed; the previous warehouse was kept, it may
 * lack what the cache holds, and syncing waits for a rebuild that completes.
 */
export type WarehouseState = 'ok' | 'missing' | 'damaged' | 'readOnly' | 'interrupted';

export interface WarehouseHealth {
  state: WarehouseState;
  /** What happened and what to do, in words. */
  message: string;
  /**
   * Instances the cache could rebuild (from its manifests). Counted only when the state may call
   * for a rebuild (missing, damaged, read-only, just rebuilt); 0 for a warehouse that opened fine.
   */
  cachedInstances: number;
  /** Sales and Trends and Finance files kept in `<data>/sales/` a rebuild would reload (counted like cachedInstances). */
  keptSalesFiles?: number;
  /** Where the damaged file was kept, relative to the data folder. */
  keptAs?: string;
  /** Set when the warehouse is a published Parquet lake opened read-only (`--lake`): nothing syncs, no key is asked for. */
  lake?: LakeInfo;
}

/** A lake being browsed. `published` is filled when the host passed it; `message` says the same in words. */
export interface LakeInfo {
  published?: LakePublished;
}

export interface LakePublished {
  /** The lake folder as the server sees it. */
  dir: string;
  snapshot: number;
  /** `user@host` of whoever published the snapshot. */
  publisher: string;
  /** When the snapshot was published (ISO 8601). */
  at: string;
}

export interface RebuildProgress {
  phase: 'checking' | 'loading' | 'verifying' | 'finished';
  instances: Counter;
  rows: number;
  message: string;
}

export interface RebuildHole {
  reportName: string;
  processingDate: string;
  instanceId: string;
  file: string;
  problem: 'missing' | 'damaged';
}

export interface RebuildSummary {
  outcome: 'succeeded' | 'partial' | 'failed' | 'cancelled';
  instancesLoaded: number;
  rowsLoaded: number;
  /** Cached files missing or damaged: their instances could not be reloaded. */
  holes: RebuildHole[];
  failures: { instanceId?: string; reportName?: string; processingDate?: string; message: string }[];
  /** Instances whose rows in raw.* differ from what was loaded the first time. */
  mismatches?: { instanceId: string; reportName: string; processingDate: string; expected: number; found: number }[];
  unreadableManifests: number;
  /** Sales and Trends and Finance files reloaded from `<data>/sales/` (one per period, the newest). */
  salesFilesLoaded?: number;
  salesRowsLoaded?: number;
  /** Kept sales files that could not be loaded, with why. */
  salesFailures?: { file: string; message: string }[];
}
