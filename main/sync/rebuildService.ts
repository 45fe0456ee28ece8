// The warehouse's health as the app sees it, and rebuild-from-cache as a service: one rebuild at a
// time, never while a sync runs, progress pushed as events; a finished rebuild makes the warehouse
// healthy again.
import { OrchardError } from '../../shared/errors';
import type { RebuildProgress, RebuildSummary, WarehouseHealth } from '../../shared/rebuild';
import type { Logger } from '../logging/logger';
import type { Warehouse } from '../warehouse';
import { rebuildFromCache } from './rebuild';
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
      try {
        const summary = await rebuildFromCache({ warehouse: deps.warehouse, dataDir: deps.dataDir, onProgress: deps.onProgress, signal: running.signal });
        deps.logger.info('warehouse.rebuilt', { outcome: summary.outcome, instances: summary.instancesLoaded, rows: summary.rowsLoaded, holes: summary.holes.length });
        if (summary.outcome === 'succeeded' || summary.outcome === 'partial') {
          health = { state: 'ok', cachedInstances: await cachedInstanceCount(deps.dataDir), message: 'The warehouse was rebuilt from the cache.' };
        }
        return summary;
      } finally {
        running = null;
      }
    },
    close: () => running?.abort(),
  };
}
