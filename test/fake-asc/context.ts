// The internal context every part of one fake server shares (no module-level state anywhere).

import type { ControlledClock } from './clock';
import type { SeededRandom } from './hash';
import type { RateLimiter } from './rateLimit';
import type { BlockCache } from './rows';
import type { S3Signer } from './s3Signer';
import type { FakeStore } from './store';
import type { FakeFaults, FakeStats, FileFormat } from './types';

export interface ResolvedOptions {
  seed: number;
  pageDefault: number;
  shuffle: boolean;
  rowsScale: number;
  maxRowsPerSegment: number;
  snapshotBackfillDays: number;
  snapshotLayout: 'single' | 'perMonth';
  inactivityDays: number;
  retentionDays: number;
  firstDataDelayHours: [number, number];
  snapshotCooldownDays: number;
  fileFormat: FileFormat;
  fileFormats: Record<string, FileFormat>;
  varyJson: boolean;
}

export interface FakeContext {
  options: ResolvedOptions;
  clock: ControlledClock;
  store: FakeStore;
  faults: FakeFaults;
  stats: FakeStats;
  /** Request IDs. */
  ids: SeededRandom;
  /** Fault dice and JSON variation. */
  dice: SeededRandom;
  urls: { api: string; segments: string };
  signer: S3Signer;
  rateLimiter: RateLimiter;
  rateLimitPerHour(): number;
  /** Keyed MAC (hex) for cursors. */
  mac(text: string): string;
  /** Plans and true rows of recently generated Dates. */
  blockCache: BlockCache;
  /** Brings production (instances, inactivity) up to the clock's now. */
  catchUp(): void;
}
