// Handlers for the browse screens: overview, requests, reports, instances and settings.
import type { Browse } from '../../browse/browseService';
import type { ConfirmationGate } from '../../security/confirmationGate';
import { requestDeletionText, requestRecreationText } from '../../security/confirmationTexts';
import type { PartialHandlers } from '../handlerTypes';

export function browseHandlers(browse: Browse, gate: ConfirmationGate) {
  return {
    'browse:overview': async ({ appId }) => browse.overview.overview(appId),
    'browse:requests': async ({ appId, live }) => browse.requests.list(appId, live ?? true),
    'requests:create': async ({ appId, accessType }) => browse.requests.create(appId, accessType),
    'requests:delete': async ({ appId, requestId, confirmation }) => {
      await gate.authorize({ action: 'requests:delete', appId, requestId }, confirmation, async () =>
        requestDeletionText({ appId, requestId, ...(await browse.requests.facts(appId, requestId)) }),
      );
      return browse.requests.remove(appId, requestId);
    },
    'requests:recreate': async ({ appId, requestId, confirmation }) => {
      await gate.authorize({ action: 'requests:recreate', appId, requestId }, confirmation, async () =>
        requestRecreationText({ appId, requestId, ...(await browse.requests.facts(appId, requestId)) }),
      );
      return browse.requests.recreate(appId, requestId);
    },
    'browse:reports': async ({ appId, live }) => browse.reports.list(appId, live ?? false),
    'reports:setSelection': async ({ appId, reportNames }) => browse.reports.setSelection(appId, reportNames),
    'browse:instances': async ({ appId, reportName }) => browse.instances.list(appId, reportName),
    'browse:instance': async ({ appId, instanceId }) => browse.instances.detail(appId, instanceId),
    'settings:get': async () => browse.settings.get(),
    'settings:update': async (patch) => browse.settings.update(patch),
    'settings:revealDataDir': async () => browse.settings.revealDataDir(),
  } satisfies PartialHandlers;
}
