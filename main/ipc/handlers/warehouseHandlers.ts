// Handlers for warehouse:* commands (health, rebuild from the cache); a rebuild needs a confirmation
// ticket (see main/security/confirmationGate).
import type { RebuildService } from '../../sync/rebuildService';
import type { ConfirmationGate } from '../../security/confirmationGate';
import { warehouseRebuildText } from '../../security/confirmationTexts';
import type { PartialHandlers } from '../handlerTypes';

export function warehouseHandlers(rebuild: RebuildService, gate: ConfirmationGate) {
  return {
    'warehouse:health': async () => rebuild.health(),
    'warehouse:rebuild': async ({ confirmation }) => {
      await gate.authorize({ action: 'warehouse:rebuild' }, confirmation, async () => warehouseRebuildText());
      return rebuild.rebuild();
    },
    // Not destructive (it keeps the previous warehouse), so no confirmation ticket.
    'warehouse:cancelRebuild': async () => ({ cancelled: rebuild.cancel() }),
  } satisfies PartialHandlers;
}
