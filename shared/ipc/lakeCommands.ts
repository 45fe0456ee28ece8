// Commands for publishing the warehouse as a Parquet lake from the app. The folder is chosen in
// main (a native folder dialog, or the folder the host was started with): no command takes a path.
// Progress arrives as 'lake:progress', the end of a publish as 'lake:finished'.
import { z } from 'zod';
import type { ErrorPayload } from '../errors';
import { command } from './define';

/** How "Choose folder…" works here: a native dialog, the folder the host was started with (ORCHARD_LAKE_DIR), or not at all. */
export type LakeFolderChooser = 'dialog' | 'environment' | 'none';

export type LakePublishTrigger = 'manual' | 'after-sync';

export type LakePublishPhase = 'waiting' | 'reading' | 'writing' | 'checksums' | 'committing' | 'cleaning';

export interface LakePublishProgress {
  jobId: string;
  trigger: LakePublishTrigger;
  phase: LakePublishPhase;
  message: string;
  tablesDone: number;
  tablesTotal: number;
  startedAt: string;
}

/** The last publish that ended, kept in settings so it survives a restart. */
export interface LakeLastPublish {
  outcome: 'published' | 'failed' | 'cancelled';
  trigger: LakePublishTrigger;
  folder: string;
  endedAt: string;
  /** When it published: the snapshot now named by current.json and what this publish wrote. */
  snapshot?: number;
  tables?: number;
  rows?: number;
  filesWritten?: number;
  bytesWritten?: number;
  reusedPartitions?: number;
  /** When it did not: why, in words a user can act on. */
  error?: ErrorPayload;
}

export interface LakeStatus {
  /** The folder Orchard publishes to, or null when publishing is off. */
  folder: string | null;
  chooser: LakeFolderChooser;
  /** Set when this Orchard cannot publish at all (it shows an opened lake): why. */
  unavailable?: string;
  running: LakePublishProgress | null;
  last: LakeLastPublish | null;
}

export interface LakeFinished {
  jobId: string;
  last: LakeLastPublish;
}

const none = z.object({}).strict();

export const lakeCommands = {
  'lake:status': command(none).returns<LakeStatus>(),
  /** Opens the folder dialog in main; a cancelled dialog changes nothing. */
  'lake:chooseFolder': command(none).returns<LakeStatus>(),
  /** Stops publishing (the lake on disk stays as it is). */
  'lake:clearFolder': command(none).returns<LakeStatus>(),
  'lake:publish': command(none).returns<{ jobId: string }>(),
  'lake:cancel': command(z.object({ jobId: z.string().uuid() }).strict()).returns<{ cancelled: boolean }>(),
};
