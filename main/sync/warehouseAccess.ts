// Opens a data folder's warehouse the way the app and the CLI need it, and says how it is:
// a folder that cannot be written opens READ_ONLY (queries work, syncs are refused); a damaged file
// is either reported or kept aside as `orchard.duckdb.damaged-<time>` with an empty warehouse opened
// in its place, ready for a rebuild from the cache; unfinished runs are marked interrupted; a rebuild
// left unfinished (rebuildMarker.ts) is recovered and reported.
import { constants } from 'node:fs';
import { access, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { OrchardError } from '../../shared/errors';
import type { WarehouseHealth } from '../../shared/rebuild';
import type { Logger } from '../logging/logger';
import { DATABASE_FILE, openWarehouse, SCHEMA_VERSION } from '../warehouse';
import type { OpenWarehouse } from '../warehouse/open';
import { markInterruptedRuns } from './interruptedRuns';
import { keptSalesFileCount } from '../sales/keptSalesFiles';
import { listCachedInstances } from './segmentManifest';
import { plural } from './wording';
import { INTERRUPTED_MESSAGE, readRebuildMarker, rebuildRunningElsewhere, recoverRebuild, type RebuildMarker } from './rebuildMarker';

export interface OpenedWarehouse {
  warehouse: OpenWarehouse;
  health: WarehouseHealth;
  /** A rebuild that did not finish: the warehouse may lack data the cache holds (sync refuses). */
  rebuildInterrupted: RebuildMarker | null;
}

export interface AccessOptions {
  dataDir: string;
  now?: () => Date;
  logger?: Logger;
  /** 'set-aside': keep a damaged file aside and open an empty warehouse; 'report': throw WAREHOUSE_DAMAGED. */
  damaged: 'set-aside' | 'report';
}

const writable = (target: string) => access(target, constants.W_OK).then(() => true, () => false);
const exists = (target: string) => stat(target).then(() => true, () => false);

/** `2026-12-02T20-50-00-000Z`: sortable, and valid in Windows file names. */
function stamp(at: Date): string {
  return at.toISOString().replace(/[:.]/g, '-');
}

/** Moves the damaged file (and its WAL) aside; returns the new name, relative to the data folder. */
export async function setAsideDamaged(dataDir: string, at: Date): Promise<string> {
  const keptAs = `${DATABASE_FILE}.damaged-${stamp(at)}`;
  await rename(path.join(dataDir, DATABASE_FILE), path.join(dataDir, keptAs));
  await rename(path.join(dataDir, `${DATABASE_FILE}.wal`), path.join(dataDir, `${keptAs}.wal`)).catch(() => undefined);
  return keptAs;
}

export async function cachedInstanceCount(dataDir: string): Promise<number> {
  return (await listCachedInstances(dataDir)).instances.length;
}

export async function openWarehouseWithHealth(options: AccessOptions): Promise<OpenedWarehouse> {
  const { dataDir, logger } = options;
  const now = options.now ?? (() => new Date());
  const file = path.join(dataDir, DATABASE_FILE);
  const existed = await exists(file);
  const canWrite = (await exists(dataDir)) ? (await writable(dataDir)) && (!existed || (await writable(file))) : true;
  if (!canWrite && !existed) throw new OrchardError('READ_ONLY', `The data folder ${dataDir} cannot be written, and holds no warehouse yet.`, { reason: 'read-only' });

  const readOnly = async (message: string): Promise<OpenedWarehouse> => ({
    warehouse: await openWarehouse({ dataDir, now, logger, readOnly: true }),
    health: { state: 'readOnly', message, cachedInstances: await cachedInstanceCount(dataDir) },
    rebuildInterrupted: null,
  });
  if (!canWrite) return readOnly(`The warehouse ${file} is read-only: browsing and queries work, syncing needs a writable data folder.`);
  const rebuildInterrupted = await recoverRebuild(dataDir);

  let keptAs: string | undefined;
  let warehouse: OpenWarehouse;
  try {
    warehouse = await openWarehouse({ dataDir, now, logger });
  } catch (error) {
    if (error instanceof OrchardError && error.code === 'READ_ONLY') return readOnly(error.message);
    if (!(error instanceof OrchardError) || error.code !== 'WAREHOUSE_DAMAGED' || options.damaged === 'report') throw error;
    keptAs = await setAsideDamaged(dataDir, now());
    logger?.warn('warehouse.damaged', { keptAs, reason: String(error.details?.reason ?? '') });
    warehouse = await openWarehouse({ dataDir, now, logger });
  }
  await markInterruptedRuns(warehouse);
  const health = await healthOf(dataDir, existed, keptAs, rebuildInterrupted);
  return { warehouse, health, rebuildInterrupted };
}

async function healthOf(dataDir: string, existed: boolean, keptAs: string | undefined, interrupted: RebuildMarker | null): Promise<WarehouseHealth> {
  // An open, writable warehouse needs no rebuild: counting would walk the whole cache (49,000
  // entries took 2.9 s) on every open, every CLI `status` and `query` included.
  if (keptAs === undefined && existed && interrupted === null) return { state: 'ok', cachedInstances: 0, message: 'The warehouse is open.' };
  const cachedInstances = await cachedInstanceCount(dataDir);
  const keptSales = await keptSalesFileCount(dataDir);
  const held = `${plural(cachedInstances, 'downloaded instance')}${keptSales > 0 ? ` and ${plural(keptSales, 'kept sales file')}` : ''}`;
  if (keptAs !== undefined) {
    return { state: 'damaged', keptAs, cachedInstances, keptSalesFiles: keptSales, message: `The warehouse was damaged; it was kept aside as ${keptAs}. Rebuild it from the ${held} in the cache.` };
  }
  // The app offers the rebuild: the warehouse may lack what the cache holds.
  if (interrupted !== null) return { state: 'interrupted', cachedInstances, keptSalesFiles: keptSales, message: `${INTERRUPTED_MESSAGE} The cache holds ${held}.` };
  if (!existed && (cachedInstances > 0 || keptSales > 0)) {
    return { state: 'missing', cachedInstances, keptSalesFiles: keptSales, message: `The warehouse file was missing; the cache holds ${held}. Rebuild to load them without contacting Apple.` };
  }
  return { state: 'ok', cachedInstances, message: 'The warehouse is open.' };
}

export interface WarehouseForReading {
  warehouse: OpenWarehouse;
  /** A rebuild left unfinished (not one running now in another process). */
  rebuildInterrupted: RebuildMarker | null;
  /** A rebuild is running in another process: this reads the warehouse as it was before it. */
  rebuildRunning: boolean;
}

/**
 * For `orchard query`: the file attached READ_ONLY, so any number of readers share it (a writer
 * — a sync, the app — holds it alone: CONFLICT). Nothing is recovered or marked; a file of an
 * older schema opens writable once to be migrated, as every other command does.
 */
export async function openWarehouseForReading(options: Omit<AccessOptions, 'damaged'>): Promise<WarehouseForReading> {
  const marker = await readRebuildMarker(options.dataDir);
  const rebuildRunning = rebuildRunningElsewhere(marker);
  const warehouse = await openWarehouse({ dataDir: options.dataDir, readOnly: true, ...(options.now ? { now: options.now } : {}), ...(options.logger ? { logger: options.logger } : {}) });
  if (await migrated(warehouse)) return { warehouse, rebuildInterrupted: rebuildRunning ? null : marker, rebuildRunning };
  await warehouse.close();
  const opened = await openWarehouseWithHealth({ ...options, damaged: 'report' });
  return { warehouse: opened.warehouse, rebuildInterrupted: opened.rebuildInterrupted, rebuildRunning: false };
}

async function migrated(warehouse: OpenWarehouse): Promise<boolean> {
  const rows = await warehouse.metadata.read('SELECT coalesce(max(version), 0) AS v FROM orchard.schema_version').catch(() => [{ v: 0 }]);
  return Number(rows[0]?.v ?? 0) >= SCHEMA_VERSION;
}

/** True when the folder holds no warehouse (read commands refuse it instead of creating one). */
export async function hasWarehouse(dataDir: string): Promise<boolean> {
  return exists(path.join(dataDir, DATABASE_FILE));
}
