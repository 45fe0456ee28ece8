// Commands about the warehouse itself: how it is (missing, damaged, read-only) and rebuilding it
// from the downloaded files. Rebuild progress arrives as 'warehouse:rebuildProgress' events.
import { z } from 'zod';
import { command } from './define';
import { confirmationSchema } from './confirmCommands';
import type { RebuildSummary, WarehouseHealth } from '../rebuild';

export const warehouseCommands = {
  'warehouse:health': command(z.object({}).strict()).returns<WarehouseHealth>(),
  /** `confirmation`: a ticket from confirm:prepare ({ action: 'warehouse:rebuild' }). */
  'warehouse:rebuild': command(z.object({ confirmation: confirmationSchema }).strict()).returns<RebuildSummary>(),
  /** Stops a running rebuild: the previous warehouse stays, and the health says the rebuild was interrupted. */
  'warehouse:cancelRebuild': command(z.object({}).strict()).returns<{ cancelled: boolean }>(),
};
