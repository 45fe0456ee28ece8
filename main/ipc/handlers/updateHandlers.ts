// Handlers for updates:* commands.
import type { PartialHandlers } from '../handlerTypes';
import type { UpdateService } from '../../updates/updateService';

export function updateHandlers(updates: UpdateService) {
  return {
    'updates:check': async (input) => updates.check({ refresh: input.refresh === true }),
  } satisfies PartialHandlers;
}
