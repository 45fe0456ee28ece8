// Handlers for warehouse:* commands (health, rebuild from the cache).
import type { RebuildService } from '../../sync/rebuildService';
import type { PartialHandlers } from '../handlerTypes';

export function warehouseHandlers(rebuild: RebuildService) {
  return {
    'warehouse:health': async () => rebuild.health(),
    'warehouse:rebuild': async () => rebuild.rebuild(),
  } satisfies PartialHandlers;
}
