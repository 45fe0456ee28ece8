// Handlers for quarantine:* commands: always <data>/quarantine, never a path from the caller; clearing
// needs a confirmation ticket (see main/security/confirmationGate).
import path from 'node:path';
import { openQuarantine } from '../../sync/quarantine';
import type { ConfirmationGate } from '../../security/confirmationGate';
import { quarantineClearingText } from '../../security/confirmationTexts';
import type { PartialHandlers } from '../handlerTypes';

export function quarantineHandlers(dataDir: string, gate: ConfirmationGate) {
  const quarantine = () => openQuarantine(path.join(dataDir, 'quarantine'));
  return {
    'quarantine:list': async () => quarantine().list(),
    'quarantine:clear': async ({ confirmation }) => {
      await gate.authorize({ action: 'quarantine:clear' }, confirmation, async () => quarantineClearingText());
      await quarantine().clear();
      return quarantine().list();
    },
  } satisfies PartialHandlers;
}
