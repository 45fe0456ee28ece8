// The marker a rebuild leaves in the data folder until it has fully succeeded, and the recovery of
// a swap cut short. While the marker is there every command says "a rebuild was interrupted" and a
// sync refuses to run: a warehouse a rebuild did not finish is never taken for a complete one.
import { randomUUID } from 'node:crypto';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { OrchardError } from '../../shared/errors';
import { DATABASE_FILE } from '../warehouse';

export const REBUILD_MARKER = 'orchard.rebuild-interrupted.json';
/** The new warehouse is built under this name beside the current one, then renamed over it. */
export const REBUILDING_FILE = `${DATABASE_FILE}.rebuilding`;
/** The current warehouse during the swap: put back if the swap is cut short. */
export const PREVIOUS_FILE = `${DATABASE_FILE}.previous`;

export const INTERRUPTED_MESSAGE = 'A rebuild was interrupted — run `orchard rebuild` (or Rebuild in the app) before syncing; until then the warehouse may lack data the cache holds.';

const markerSchema = z.object({
  version: z.literal(1),
  startedAt: z.string(),
  pid: z.number().int(),
  /** building: the new file is being loaded; swapping: it is complete and being renamed into place; failed: it stopped. */
  state: z.enum(['building', 'swapping', 'failed']),
  reason: z.string().max(2000).optional(),
});

export type RebuildMarker = z.infer<typeof markerSchema>;

const exists = (file: string) => stat(file).then(() => true, () => false);

export async function readRebuildMarker(dataDir: string): Promise<RebuildMarker | null> {
  const text = await readFile(path.join(dataDir, REBUILD_MARKER), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const parsed = markerSchema.safeParse(JSON.parse(text));
    // An unreadable marker still says a rebuild did not finish.
    return parsed.success ? parsed.data : { version: 1, startedAt: '', pid: 0, state: 'failed', reason: 'unreadable marker' };
  } catch {
    return { version: 1, startedAt: '', pid: 0, state: 'failed', reason: 'unreadable marker' };
  }
}

export async function writeRebuildMarker(dataDir: string, marker: Omit<RebuildMarker, 'version'>): Promise<void> {
  const file = path.join(dataDir, REBUILD_MARKER);
  const temp = `${file}.${randomUUID()}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify({ version: 1, ...marker })}\n`);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw asDiskError(error);
  }
}

export async function clearRebuildMarker(dataDir: string): Promise<void> {
  await rm(path.join(dataDir, REBUILD_MARKER), { force: true });
}

/** A rebuild running now in another process (its marker names a live process other than this one). */
export function rebuildRunningElsewhere(marker: RebuildMarker | null): boolean {
  if (marker === null || marker.state === 'failed' || marker.pid <= 0 || marker.pid === process.pid) return false;
  try {
    process.kill(marker.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function removeWithWal(file: string): Promise<void> {
  await rm(file, { force: true });
  await rm(`${file}.wal`, { force: true });
}

/**
 * Before the warehouse is opened: finishes or undoes a swap cut short, and drops a half-built new
 * file. Returns the marker still in force (null: no rebuild left unfinished).
 */
export async function recoverRebuild(dataDir: string): Promise<RebuildMarker | null> {
  const marker = await readRebuildMarker(dataDir);
  const current = path.join(dataDir, DATABASE_FILE);
  const previous = path.join(dataDir, PREVIOUS_FILE);
  const rebuilding = path.join(dataDir, REBUILDING_FILE);
  if (rebuildRunningElsewhere(marker)) return marker;
  if (marker === null) {
    await removeWithWal(rebuilding);
    return null;
  }
  const hasCurrent = await exists(current);
  const hasPrevious = await exists(previous);
  const hasRebuilding = await exists(rebuilding);
  if (marker.state === 'swapping' && hasCurrent && !hasRebuilding) {
    // Both renames happened: the new warehouse is complete and in place.
    await removeWithWal(previous);
    await clearRebuildMarker(dataDir);
    return null;
  }
  if (marker.state === 'swapping' && !hasCurrent && hasRebuilding) {
    // Cut between the two renames: the new warehouse was complete, so the swap is finished.
    await rename(rebuilding, current);
    await removeWithWal(previous);
    await clearRebuildMarker(dataDir);
    return null;
  }
  if (!hasCurrent && hasPrevious) {
    await rename(previous, current);
    await rename(`${previous}.wal`, `${current}.wal`).catch(() => undefined);
  }
  await removeWithWal(rebuilding);
  if (marker.state !== 'failed') await writeRebuildMarker(dataDir, { ...marker, state: 'failed', reason: marker.reason ?? 'The rebuild was stopped before it finished.' });
  return marker;
}

/** The error every writing command gives while a rebuild is unfinished. */
export function rebuildInterruptedError(marker: RebuildMarker): OrchardError {
  // A rebuild still under way (this app's own, or another live process's) is not an interrupted one.
  if (marker.state !== 'failed' && (marker.pid === process.pid || rebuildRunningElsewhere(marker))) {
    return new OrchardError('CONFLICT', 'A rebuild is running: sync once it has finished.', { reason: 'rebuild-running', startedAt: marker.startedAt });
  }
  return new OrchardError('WAREHOUSE_DAMAGED', INTERRUPTED_MESSAGE, { reason: 'rebuild-interrupted', startedAt: marker.startedAt });
}

export function asDiskError(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new OrchardError('DISK_FULL', 'The disk is full: the rebuild could not continue. The previous warehouse was kept; free some space and run `orchard rebuild` again.');
  return error;
}
