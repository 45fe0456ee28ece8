// Handlers for lake:* commands. None takes a path: the folder comes from main's own chooser.
import type { LakeService } from '../../lake/lakeService';
import type { PartialHandlers } from '../handlerTypes';

export function lakeHandlers(lake: LakeService) {
  return {
    'lake:status': async () => lake.status(),
    'lake:chooseFolder': async () => lake.chooseFolder(),
    'lake:clearFolder': async () => lake.clearFolder(),
    'lake:publish': async () => lake.publishNow(),
    'lake:cancel': async ({ jobId }) => ({ cancelled: lake.cancel(jobId) }),
  } satisfies PartialHandlers;
}
