// Handlers for sync:* commands.
import { OrchardError } from '../../../shared/errors';
import type { ReportStatus } from '../../../shared/sync';
import type { SyncService } from '../../sync/syncService';
import type { PartialHandlers } from '../handlerTypes';

type StartInput = Parameters<SyncService['start']>[0];

export interface SyncHandlerOptions {
  /** Fills what the caller left out (report selection, granularities, concurrency) from settings. */
  resolveStart?: (input: StartInput) => StartInput;
  /** Live, read-only status of the app's selected reports. */
  reportStatuses?: (appId: string) => Promise<ReportStatus[]>;
}

export function syncHandlers(sync: SyncService, options: SyncHandlerOptions = {}) {
  return {
    'sync:start': async (input) => {
      const { jobId } = await sync.start(options.resolveStart ? options.resolveStart(input) : input);
      return { jobId };
    },
    'sync:cancel': async ({ jobId }) => ({ cancelled: sync.cancel(jobId) }),
    'sync:running': async () => sync.running(),
    'sync:history': async (input) => sync.history(input),
    'sync:reportStatuses': async ({ appId }) => {
      if (!options.reportStatuses) throw new OrchardError('UNSUPPORTED', 'Report statuses are not available here.');
      return options.reportStatuses(appId);
    },
  } satisfies PartialHandlers;
}
