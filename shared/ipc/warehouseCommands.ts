// Commands about the warehouse itself: how it is (missing, damaged, read-only) and rebuilding it
// from the downloaded files. Rebuild progress arrives as 'warehouse:rebuildProgress' events.
import { z } from 'zod';
import { command } from './define';
import type { RebuildSummary, WarehouseHealth } from '../rebuild';

export const warehouseCommands = {
  'warehouse:health': command(z.object({}).strict()).returns<WarehouseHealth>(),
  'warehouse:rebuild': command(z.object({}).strict()).returns<RebuildSummary>(),
};
