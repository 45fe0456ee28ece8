// The bounded quarantine in <data>/quarantine: one kept copy per segment and checksum, a small
// failure record per segment (how many syncs in a row it failed the same way), a size cap that
// evicts the oldest copies, and the listing and clearing the Sync page offers.
import { lstat, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { OrchardError } from '../../shared/errors';
import type { QuarantineListing } from '../../shared/quarantine';
import { pathFromApi, provenInside } from './dataPaths';

/** Syncs in a row a file may fail the same way before Orchard stops downloading it. */
export const STOP_AFTER_SYNCS = 3;
/** Kept copies beyond this are evicted, oldest first. */
export const QUARANTINE_CAP_BYTES = 200 * 1024 * 1024;

const FAILURES = 'failures';

const failureRecord = z.object({
  segmentId: z.string(),
  checksum: z.string(),
  reason: z.string(),
  message: z.string(),
  streak: z.number().int().min(1),
  lastFailedAt: z.string(),
});
export type FailureRecord = z.infer<typeof failureRecord>;

export interface SegmentFailure {
  segmentId: string;
  checksum: string;
  /** Short machine word: 'checksum', 'size', 'inflated-too-large', … */
  reason: string;
  message: string;
}

export interface Quarantine {
  /** The failure record when this segment, with this checksum, has failed in STOP_AFTER_SYNCS syncs in a row. */
  stopped(segmentId: string, checksum: string): Promise<FailureRecord | undefined>;
  /** Earlier syncs' record for the same segment and checksum, if any. */
  previous(segmentId: string, checksum: string): Promise<FailureRecord | undefined>;
  /** Records this sync's failure (once per sync) and keeps the file, if any, as the one copy for it. */
  record(failure: SegmentFailure, damagedFile?: string): Promise<{ streak: number; keptAt?: string }>;
  /** The segment verified: its streak is over. */
  forget(segmentId: string): Promise<void>;
  list(): Promise<QuarantineListing>;
  /** Removes every kept copy and failure record; stopped files are downloaded again next sync. */
  clear(): Promise<{ removedFiles: number; removedBytes: number }>;
}

export interface QuarantineOptions {
  capBytes?: number;
  now?: () => Date;
}

export function openQuarantine(dir: string, options: QuarantineOptions = {}): Quarantine {
  const capBytes = options.capBytes ?? QUARANTINE_CAP_BYTES;
  const now = options.now ?? (() => new Date());
  const recordPath = (segmentId: string) => pathFromApi(path.join(dir, FAILURES), [segmentId, '.json']);

  const readRecord = async (segmentId: string): Promise<FailureRecord | undefined> => {
    const text = await readFile(recordPath(segmentId), 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    try {
      const parsed = failureRecord.safeParse(JSON.parse(text));
      return parsed.success && parsed.data.segmentId === segmentId ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  };
  /** A quarantine that is a link (or a file) could lead anywhere: refuse to read, write or clear it. */
  const assertRealFolder = async (): Promise<boolean> => {
    const info = await lstat(dir).catch(() => undefined);
    if (info === undefined) return false;
    if (!info.isDirectory()) {
      throw new OrchardError('INTERNAL', `The quarantine (${dir}) is not a plain folder inside the data folder; Orchard left it alone. Remove it to continue.`, {
        reason: 'quarantine-not-a-folder',
      });
    }
    return true;
  };
  const sameFile = (r: FailureRecord | undefined, checksum: string) => (r && r.checksum.toLowerCase() === checksum.toLowerCase() ? r : undefined);

  async function keptCopies(): Promise<{ name: string; bytes: number; modifiedMs: number }[]> {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const files = entries.filter((e) => e.isFile() && e.name.endsWith('.csv.gz'));
    const stats = await Promise.all(files.map((f) => stat(path.join(dir, f.name)).then((s) => ({ name: f.name, bytes: s.size, modifiedMs: s.mtimeMs }), () => undefined)));
    return stats.filter((s) => s !== undefined);
  }

  async function evictOverCap(): Promise<void> {
    const copies = (await keptCopies()).sort((a, b) => a.modifiedMs - b.modifiedMs || a.name.localeCompare(b.name));
    let total = copies.reduce((sum, c) => sum + c.bytes, 0);
    for (const copy of copies) {
      if (total <= capBytes) break;
      await rm(provenInside(dir, path.join(dir, copy.name)), { force: true });
      total -= copy.bytes;
    }
  }

  return {
    async stopped(segmentId, checksum) {
      const r = sameFile(await readRecord(segmentId), checksum);
      return r && r.streak >= STOP_AFTER_SYNCS ? r : undefined;
    },
    async previous(segmentId, checksum) {
      return sameFile(await readRecord(segmentId), checksum);
    },
    async record(failure, damagedFile) {
      await assertRealFolder();
      await mkdir(path.join(dir, FAILURES), { recursive: true });
      const before = sameFile(await readRecord(failure.segmentId), failure.checksum);
      const streak = before && before.reason === failure.reason ? before.streak + 1 : 1;
      const next: FailureRecord = { ...failure, streak, lastFailedAt: now().toISOString() };
      await writeFile(recordPath(failure.segmentId), JSON.stringify(next));
      if (damagedFile === undefined) return { streak };
      // One copy per segment and checksum: a later failure of the same file replaces it.
      const keptAt = pathFromApi(dir, [failure.segmentId, '-', failure.checksum.toLowerCase(), '.csv.gz']);
      await rename(damagedFile, keptAt);
      await evictOverCap();
      const stillKept = await stat(keptAt).then(() => true, () => false);
      return stillKept ? { streak, keptAt } : { streak };
    },
    async forget(segmentId) {
      await rm(recordPath(segmentId), { force: true });
    },
    async list() {
      await assertRealFolder();
      const copies = (await keptCopies()).sort((a, b) => b.modifiedMs - a.modifiedMs);
      const names = await readdir(path.join(dir, FAILURES)).catch(() => [] as string[]);
      const records = (await Promise.all(names.filter((n) => n.endsWith('.json')).map((n) => readRecord(n.slice(0, -'.json'.length))))).filter(
        (r): r is FailureRecord => r !== undefined,
      );
      const bySegmentFile = new Map(records.map((r) => [`${pathFromApi(dir, [r.segmentId, '-', r.checksum.toLowerCase(), '.csv.gz'])}`, r]));
      return {
        dir,
        capBytes,
        totalBytes: copies.reduce((sum, c) => sum + c.bytes, 0),
        files: copies.map((c) => {
          const r = bySegmentFile.get(path.resolve(dir, c.name));
          return {
            name: c.name,
            bytes: c.bytes,
            modifiedAt: new Date(c.modifiedMs).toISOString(),
            ...(r ? { segmentId: r.segmentId, reason: r.message } : {}),
          };
        }),
        failures: records.map((r) => ({
          segmentId: r.segmentId,
          reason: r.message,
          syncsInARow: r.streak,
          stopped: r.streak >= STOP_AFTER_SYNCS,
          lastFailedAt: r.lastFailedAt,
        })),
      };
    },
    async clear() {
      if (!(await assertRealFolder())) return { removedFiles: 0, removedBytes: 0 };
      const copies = await keptCopies();
      for (const c of copies) await rm(provenInside(dir, path.join(dir, c.name)), { force: true });
      await rm(provenInside(dir, path.join(dir, FAILURES)), { recursive: true, force: true });
      return { removedFiles: copies.length, removedBytes: copies.reduce((sum, c) => sum + c.bytes, 0) };
    },
  };
}
