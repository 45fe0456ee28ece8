// What the Sync page shows about the quarantine: the damaged report files Orchard kept for
// inspection (never loaded), and the files it stopped downloading after repeated failures.

export interface QuarantinedFile {
  name: string;
  bytes: number;
  modifiedAt: string;
  segmentId?: string;
  /** Why it was refused, in words. */
  reason?: string;
}

export interface QuarantineFailure {
  segmentId: string;
  reason: string;
  /** Consecutive syncs in which this file failed the same way. */
  syncsInARow: number;
  /** True when Orchard no longer downloads it until the quarantine is cleared. */
  stopped: boolean;
  lastFailedAt: string;
}

export interface QuarantineListing {
  dir: string;
  totalBytes: number;
  capBytes: number;
  files: QuarantinedFile[];
  failures: QuarantineFailure[];
}
