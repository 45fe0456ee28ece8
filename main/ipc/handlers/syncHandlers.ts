// Handlers for sync:* commands.
import { OrchardError } from '../../../shared/errors';
import type { SyncService } from '../../sync/syncService';
import type { PartialHandlers } from '../handlerTypes';

export function syncHandlers(sync: SyncService) {
  return {
    'sync:start': async (input) => {
      const { jobId } = await sync.start(input);
      return { jobId };
    },
    'sync:cancel': async ({ jobId }) => ({ cancelled: sync.cancel(jobId) }),
    'sync:running': async () => sync.running(),
    'sync:history': async (input) => sync.history(input),
    'sync:reportStatuses': async () => {
      throw new OrchardError('UNSUPPORTED', 'Report statuses are not available yet.');
    },
  } satisfies PartialHandlers;
}
