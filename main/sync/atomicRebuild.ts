// A rebuild as one atomic step: the new warehouse is built beside the current one (a copy of it, so
// rows a hole cannot restore stay), and renamed over it only once every instance loaded and every
// row count checked; until then a marker says a rebuild is under way, and a kill or a failure
// leaves the previous warehouse and that marker, reported by every command until a rebuild
// succeeds. `orchard rebuild` holds the current file read-only meanwhile; the app (rebuildService)
// holds its writes and swaps its open warehouse. Both use buildReplacement and the swap steps here.
import { constants } from 'node:fs';
import { copyFile, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { OrchardError } from '../../shared/errors';
import type { RebuildProgress, RebuildSummary, WarehouseHealth } from '../../shared/rebuild';
import type { Logger } from '../logging/logger';
import { DATABASE_FILE, openWarehouse, type Warehouse } from '../warehouse';
import { rebuildFromCache, rebuildLine } from './rebuild';
import { asDiskError, clearRebuildMarker, PREVIOUS_FILE, REBUILDING_FILE, removeWithWal, writeRebuildMarker } from './rebuildMarker';
import { openWarehouseWithHealth, setAsideDamaged, type OpenedWarehouse } from './warehouseAccess';
import { scanWarehouse } from './warehouseScan';

export interface AtomicRebuildOptions {
  dataDir: string;
  logger: Logger;
  now?: () => Date;
  signal?: AbortSignal;
  onProgress?: (p: RebuildProgress) => void;
  /** How the current warehouse was found (damaged: kept aside first) and whether a rebuild was left unfinished. */
  onOpened?: (health: WarehouseHealth, interrupted: boolean) => void;
}

export interface AtomicRebuildResult {
  summary: RebuildSummary;
  /** The new warehouse replaced the previous one; false: the previous one was kept as it was. */
  swapped: boolean;
}

const exists = (file: string) => stat(file).then(() => true, () => false);

/** Every instance the cache could load did, and its rows count right: holes alone do not stop the swap. */
export function isComplete(summary: RebuildSummary): boolean {
  return (summary.outcome === 'succeeded' || summary.outcome === 'partial') && summary.failures.length === 0 && (summary.mismatches ?? []).length === 0;
}

export async function rebuildAtomically(options: AtomicRebuildOptions): Promise<AtomicRebuildResult> {
  const { dataDir, logger } = options;
  const now = options.now ?? (() => new Date());
  const opened = await openCheckedWarehouse(dataDir, now, logger);
  options.onOpened?.(opened.health, opened.rebuildInterrupted !== null);
  if (opened.warehouse.readOnly) {
    await opened.warehouse.close();
    throw new OrchardError('READ_ONLY', `${opened.health.message} Nothing was rebuilt.`);
  }
  const startedAt = now().toISOString();
  // Closing checkpoints the file; the read-only reopen keeps another Orchard from writing to it
  // (queries still read it) while the new one is built.
  await opened.warehouse.close();
  let holder: Warehouse | null = await openWarehouse({ dataDir, now, logger, readOnly: true });
  try {
    const { summary, complete } = await buildReplacement({ dataDir, now, logger, startedAt, ...optional(options) });
    if (!complete) return { summary, swapped: false };
    await holder.close();
    holder = null;
    await moveIntoPlace(dataDir, startedAt).catch((error: unknown) => Promise.reject(asDiskError(error)));
    await finishSwap(dataDir);
    return { summary, swapped: true };
  } finally {
    await holder?.close().catch(() => undefined);
  }
}

const optional = (o: Pick<BuildOptions, 'signal' | 'onProgress'>) => ({ ...(o.signal ? { signal: o.signal } : {}), ...(o.onProgress ? { onProgress: o.onProgress } : {}) });

export interface BuildOptions {
  dataDir: string;
  now: () => Date;
  logger: Logger;
  /** When this rebuild started: it names the rebuild in the marker. */
  startedAt: string;
  signal?: AbortSignal;
  onProgress?: (p: RebuildProgress) => void;
  /** Runs the copy of the current file while nothing writes to it (the app's open warehouse); by default it just runs. */
  whileWritesPaused?: (copy: () => Promise<void>) => Promise<void>;
}

/**
 * The build half of a rebuild, shared by the CLI and the app: marker 'building', the current file
 * (and its WAL) copied beside it as REBUILDING_FILE, the cache reloaded into the copy and every row
 * count checked. Complete: the copy is left ready for moveIntoPlace. Otherwise (holes aside) the
 * copy is removed and the marker says the rebuild failed; an error does the same, then is thrown.
 */
export async function buildReplacement(options: BuildOptions): Promise<{ summary: RebuildSummary; complete: boolean }> {
  const { dataDir, now, logger, startedAt } = options;
  const rebuilding = path.join(dataDir, REBUILDING_FILE);
  let building: Warehouse | null = null;
  try {
    await writeRebuildMarker(dataDir, { startedAt, pid: process.pid, state: 'building' });
    await removeWithWal(rebuilding);
    const copy = () => copyWithWal(path.join(dataDir, DATABASE_FILE), rebuilding);
    await (options.whileWritesPaused ? options.whileWritesPaused(copy) : copy());
    building = await openWarehouse({ dataDir, now, logger, fileName: REBUILDING_FILE });
    const summary = await rebuildFromCache({ warehouse: building, dataDir, ...optional(options) });
    await building.close();
    building = null;
    // Stopped once the loading was over: complete, yet nothing is swapped in.
    if (isComplete(summary) && options.signal?.aborted) summary.outcome = 'cancelled';
    if (isComplete(summary)) return { summary, complete: true };
    await removeWithWal(rebuilding);
    await writeRebuildMarker(dataDir, { startedAt, pid: process.pid, state: 'failed', reason: rebuildLine(summary) });
    return { summary, complete: false };
  } catch (error) {
    await building?.close().catch(() => undefined);
    await removeWithWal(rebuilding).catch(() => undefined);
    await writeRebuildMarker(dataDir, { startedAt, pid: process.pid, state: 'failed', reason: (error as Error).message }).catch(() => undefined);
    throw asDiskError(error);
  }
}

/** A WAL DuckDB did not fold into the file yet holds committed rows: it goes with the copy. */
async function copyWithWal(from: string, to: string): Promise<void> {
  try {
    await copyFile(from, to, constants.COPYFILE_FICLONE);
    if (await exists(`${from}.wal`)) await copyFile(`${from}.wal`, `${to}.wal`, constants.COPYFILE_FICLONE);
  } catch (error) {
    throw asDiskError(error);
  }
}

/**
 * The current warehouse, fully read first: one that opens but has a damaged block is kept aside
 * like one that does not open, and the rebuild starts from an empty file instead of copying it.
 */
async function openCheckedWarehouse(dataDir: string, now: () => Date, logger: Logger): Promise<OpenedWarehouse> {
  const opened = await openWarehouseWithHealth({ dataDir, now, logger, damaged: 'set-aside' });
  if (opened.warehouse.readOnly || opened.health.keptAs !== undefined) return opened;
  const scan = await scanWarehouse(opened.warehouse);
  if (scan.damaged.length === 0) return opened;
  await opened.warehouse.close();
  const keptAs = await setAsideDamaged(dataDir, now());
  logger.warn('warehouse.damaged', { keptAs, reason: 'damaged block', tables: scan.damaged.map((d) => d.table).join(', ') });
  const fresh = await openWarehouseWithHealth({ dataDir, now, logger, damaged: 'set-aside' });
  const message = `The warehouse had damaged blocks (${scan.damaged.map((d) => d.table).join(', ')}); it was kept aside as ${keptAs}. Rebuilding it from the cache.`;
  return { ...fresh, health: { ...fresh.health, state: 'damaged', keptAs, message } };
}

/**
 * The swap half: marker 'swapping', then current → previous and rebuilding → current. Once both
 * renames are done the rebuild is in place (recoverRebuild finishes a swap cut between them); the
 * caller opens the new file, then calls finishSwap, or undoSwap when it would not open.
 */
export async function moveIntoPlace(dataDir: string, startedAt: string): Promise<void> {
  const current = path.join(dataDir, DATABASE_FILE);
  const previous = path.join(dataDir, PREVIOUS_FILE);
  await writeRebuildMarker(dataDir, { startedAt, pid: process.pid, state: 'swapping' });
  await removeWithWal(previous);
  if (await exists(current)) {
    await rename(current, previous);
    await rename(`${current}.wal`, `${previous}.wal`).catch(() => undefined);
  }
  await rename(path.join(dataDir, REBUILDING_FILE), current);
  await rename(`${path.join(dataDir, REBUILDING_FILE)}.wal`, `${current}.wal`).catch(() => undefined);
}

/** The previous file removed and the marker cleared: the rebuild is complete. */
export async function finishSwap(dataDir: string): Promise<void> {
  await removeWithWal(path.join(dataDir, PREVIOUS_FILE));
  await clearRebuildMarker(dataDir);
}

/** The new file would not open: it goes, the previous one is put back, and the marker says the rebuild failed. */
export async function undoSwap(dataDir: string, startedAt: string, reason: string): Promise<void> {
  const current = path.join(dataDir, DATABASE_FILE);
  const previous = path.join(dataDir, PREVIOUS_FILE);
  if (await exists(previous)) {
    await removeWithWal(current);
    await rename(previous, current);
    await rename(`${previous}.wal`, `${current}.wal`).catch(() => undefined);
  }
  await writeRebuildMarker(dataDir, { startedAt, pid: process.pid, state: 'failed', reason });
}
