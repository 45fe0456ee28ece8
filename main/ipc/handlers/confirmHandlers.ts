// Handler for confirm:prepare: hands out a ticket for one destructive action (see main/security/confirmationGate).
import type { ConfirmationGate } from '../../security/confirmationGate';
import type { PartialHandlers } from '../handlerTypes';

export function confirmHandlers(gate: ConfirmationGate) {
  return {
    'confirm:prepare': async (action) => gate.prepare(action),
  } satisfies PartialHandlers;
}
