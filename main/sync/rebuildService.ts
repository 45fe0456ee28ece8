// The warehouse's health as the app sees it, and rebuild-from-cache as a service: one rebuild at a
// time, never while a sync runs, progress pushed as events. Atomic like `orchard rebuild` (same
// steps: atomicRebuild.ts): the new file is built beside the open warehouse while its writes are
// held, then swapped in only when complete; a cancelled or failed rebuild keeps the previous
// warehouse and its marker, so the health says 'interrupted' and syncs are refused until one completes.
import { OrchardError } from '../../shared/errors';
import type { RebuildProgress, RebuildSummary, WarehouseHealth } from '../../shared/rebuild';
import type { Logger } from '../logging/logger';
import { keptSalesFileCount } from '../sales/keptSalesFiles';
import { openWarehouse } from '../warehouse';
import type { SwappableWarehouse } from '../warehouse/swappableWarehouse';
import { buildReplacement, finishSwap, moveIntoPlace, undoSwap } from './atomicRebuild';
import { rebuildLine } from './rebuild';
import { INTERRUPTED_MESSAGE } from './rebuildMarker';
import { cachedInstanceCount } from './warehouseAccess';

export interface RebuildServiceDeps {
  warehouse: SwappableWarehouse;
  dataDir: string;
  health: WarehouseHealth;
  syncing: () => boolean;
  onProgress: (p: RebuildProgress) => void;
  logger: Logger;
  now?: () => Date;
}

export interface RebuildService {
  health(): WarehouseHealth;
  rebuild(): Promise<RebuildSummary>;
  /** Stops a running rebuild: it keeps the previous warehouse and its marker. */
  /** Stops a running rebuild; false when none runs. */
  cancel(): boolean;
  close(): void;
}

const HELD = 'A rebuild is running: changes to the warehouse wait until it has finished. Browsing and queries still work.';

export function createRebuildService(deps: RebuildServiceDeps): RebuildService {
  const { warehouse, dataDir, logger } = deps;
  const now = deps.now ?? (() => new Date());
  let health = deps.health;
  let running: AbortController | null = null;

  const interrupted = async (why: string): Promise<WarehouseHealth> => ({
    state: 'interrupted',
    cachedInstances: await cachedInstanceCount(dataDir),
    keptSalesFiles: await keptSalesFileCount(dataDir),
    message: `${why} The previous warehouse was kept unchanged. ${INTERRUPTED_MESSAGE}`,
  });

  async function rebuildAndSwap(signal: AbortSignal): Promise<RebuildSummary> {
    const startedAt = now().toISOString();
    const { summary, complete } = await buildReplacement({
      dataDir, now, logger, startedAt, signal, onProgress: deps.onProgress,
      whileWritesPaused: (copy) => warehouse.whileWritesPaused(copy),
    });
    logger.info('warehouse.rebuilt', { outcome: summary.outcome, instances: summary.instancesLoaded, rows: summary.rowsLoaded, holes: summary.holes.length, swapped: complete });
    if (!complete) {
      health = await interrupted(rebuildLine(summary));
      return summary;
    }
    await warehouse.swap(
      async () => {
        await moveIntoPlace(dataDir, startedAt);
        return openWarehouse({ dataDir, now, logger });
      },
      async () => {
        await undoSwap(dataDir, startedAt, 'The rebuilt warehouse would not open.');
        return openWarehouse({ dataDir, now, logger });
      },
    );
    await finishSwap(dataDir);
    health = { state: 'ok', cachedInstances: await cachedInstanceCount(dataDir), message: 'The warehouse was rebuilt from the cache.' };
    return summary;
  }

  return {
    health: () => health,
    async rebuild() {
      if (running) throw new OrchardError('CONFLICT', 'A rebuild is already running.');
      if (deps.syncing()) throw new OrchardError('CONFLICT', 'A sync is running: rebuild once it has finished.');
      if (warehouse.readOnly) throw new OrchardError('READ_ONLY', 'The warehouse is open read-only: make the data folder writable to rebuild it.');
      const controller = new AbortController();
      running = controller;
      const release = await warehouse.holdWrites(HELD).catch((error: unknown) => {
        running = null;
        throw error;
      });
      try {
        return await rebuildAndSwap(controller.signal);
      } catch (error) {
        health = await interrupted(`The rebuild stopped: ${(error as Error).message}`);
        throw error;
      } finally {
        release();
        running = null;
      }
    },
    cancel() {
      if (running === null) return false;
      running.abort();
      return true;
    },
    close: () => running?.abort(),
  };
}
