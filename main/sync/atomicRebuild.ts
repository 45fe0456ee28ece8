// `orchard rebuild` as one atomic step: the new warehouse is built beside the current one (a copy
// of it, so rows a hole cannot restore stay), and renamed over it only once every instance loaded
// and every row count checked. Until then the current file is held open read-only (no other Orchard
// writes to it) and a marker says a rebuild is under way; a kill or a failure leaves the previous
// warehouse and that marker, which every command reports until a rebuild succeeds.
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
  const current = path.join(dataDir, DATABASE_FILE);
  const rebuilding = path.join(dataDir, REBUILDING_FILE);
  const startedAt = now().toISOString();
  // Closing checkpoints the file, so the copy below needs no WAL; the read-only reopen keeps
  // another Orchard from writing to it while the new one is built.
  await opened.warehouse.close();
  let holder: Warehouse | null = null;
  let building: Warehouse | null = null;
  try {
    await writeRebuildMarker(dataDir, { startedAt, pid: process.pid, state: 'building' });
    holder = await openWarehouse({ dataDir, now, logger, readOnly: true });
    await removeWithWal(rebuilding);
    await copyFile(current, rebuilding, constants.COPYFILE_FICLONE).catch((error: unknown) => Promise.reject(asDiskError(error)));
    building = await openWarehouse({ dataDir, now, logger, fileName: REBUILDING_FILE });
    const summary = await rebuildFromCache({ warehouse: building, dataDir, ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
    await building.close();
    building = null;
    if (!isComplete(summary)) {
      await removeWithWal(rebuilding);
      await writeRebuildMarker(dataDir, { startedAt, pid: process.pid, state: 'failed', reason: rebuildLine(summary) });
      return { summary, swapped: false };
    }
    await writeRebuildMarker(dataDir, { startedAt, pid: process.pid, state: 'swapping' });
    await holder.close();
    holder = null;
    await swapIn(dataDir);
    return { summary, swapped: true };
  } catch (error) {
    await building?.close().catch(() => undefined);
    await removeWithWal(rebuilding).catch(() => undefined);
    await writeRebuildMarker(dataDir, { startedAt, pid: process.pid, state: 'failed', reason: (error as Error).message }).catch(() => undefined);
    throw asDiskError(error);
  } finally {
    await holder?.close().catch(() => undefined);
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

/** current → previous, rebuilding → current, previous removed, marker cleared (recoverRebuild finishes a cut swap). */
async function swapIn(dataDir: string): Promise<void> {
  const current = path.join(dataDir, DATABASE_FILE);
  const previous = path.join(dataDir, PREVIOUS_FILE);
  await removeWithWal(previous);
  if (await exists(current)) {
    await rename(current, previous);
    await rename(`${current}.wal`, `${previous}.wal`).catch(() => undefined);
  }
  await rename(path.join(dataDir, REBUILDING_FILE), current);
  await removeWithWal(previous);
  await clearRebuildMarker(dataDir);
}
