// The warehouse's health as the app sees it, and rebuild-from-cache as a service: one rebuild at a
// time, never while a sync runs, progress pushed as events; a finished rebuild makes the warehouse
// healthy again. The app keeps its warehouse open, so it rebuilds in place (the CLI swaps a new
// file in: atomicRebuild.ts); the marker stays until the rebuild completes, so a killed or failed
// one is reported on the next start and syncs are refused until a rebuild succeeds.
import { OrchardError } from '../../shared/errors';
import type { RebuildProgress, RebuildSummary, WarehouseHealth } from '../../shared/rebuild';
import type { Logger } from '../logging/logger';
import type { Warehouse } from '../warehouse';
import { isComplete } from './atomicRebuild';
import { rebuildFromCache, rebuildLine } from './rebuild';
import { clearRebuildMarker, writeRebuildMarker } from './rebuildMarker';
import { cachedInstanceCount } from './warehouseAccess';

export interface RebuildServiceDeps {
  warehouse: Warehouse;
  dataDir: string;
  health: WarehouseHealth;
  syncing: () => boolean;
  onProgress: (p: RebuildProgress) => void;
  logger: Logger;
}

export interface RebuildService {
  health(): WarehouseHealth;
  rebuild(): Promise<RebuildSummary>;
  close(): void;
}

export function createRebuildService(deps: RebuildServiceDeps): RebuildService {
  let health = deps.health;
  let running: AbortController | null = null;
  return {
    health: () => health,
    async rebuild() {
      if (running) throw new OrchardError('CONFLICT', 'A rebuild is already running.');
      if (deps.syncing()) throw new OrchardError('CONFLICT', 'A sync is running: rebuild once it has finished.');
      running = new AbortController();
      const marker = { startedAt: new Date().toISOString(), pid: process.pid };
      try {
        await writeRebuildMarker(deps.dataDir, { ...marker, state: 'building' });
        const summary = await rebuildFromCache({ warehouse: deps.warehouse, dataDir: deps.dataDir, onProgress: deps.onProgress, signal: running.signal });
        deps.logger.info('warehouse.rebuilt', { outcome: summary.outcome, instances: summary.instancesLoaded, rows: summary.rowsLoaded, holes: summary.holes.length });
        if (isComplete(summary)) {
          await clearRebuildMarker(deps.dataDir);
          health = { state: 'ok', cachedInstances: await cachedInstanceCount(deps.dataDir), message: 'The warehouse was rebuilt from the cache.' };
        } else {
          await writeRebuildMarker(deps.dataDir, { ...marker, state: 'failed', reason: rebuildLine(summary) });
          health = { ...health, state: 'damaged', message: `${rebuildLine(summary)} The rebuild did not complete: rebuild again before syncing.` };
        }
        return summary;
      } finally {
        running = null;
      }
    },
    close: () => running?.abort(),
  };
}
