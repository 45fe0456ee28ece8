// Handlers for query:* commands: the SQL workbench. Clearing history, deleting a saved query and
// saving over one need a confirmation ticket (see main/security/confirmationGate).
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { OrchardError } from '../../../shared/errors';
import type { Workbench } from '../../workbench';
import type { ConfirmationGate } from '../../security/confirmationGate';
import { historyClearingText, savedQueryDeletionText, savedQueryOverwriteText } from '../../security/confirmationTexts';
import type { PartialHandlers } from '../handlerTypes';

export function queryHandlers(workbench: Workbench, gate: ConfirmationGate) {
  return {
    'query:run': async ({ runId, sql }) => workbench.run(runId, sql),
    'query:wait': async ({ runId }) => workbench.wait(runId),
    'query:cancel': async ({ runId }) => ({ cancelled: workbench.cancel(runId) }),
    'query:page': async ({ resultId, ...page }) => workbench.page(resultId, page),
    'query:release': async ({ resultId }) => {
      await workbench.release(resultId);
      return { released: true };
    },
    'query:catalogue': async ({ appId }) => workbench.catalogue(appId),
    'query:chart': async ({ resultId, ...request }) => workbench.chart(resultId, request),
    'query:tabs': async () => workbench.tabs(),
    'query:saveTabs': async (state) => {
      await workbench.saveTabs(state);
      return { saved: true };
    },
    'query:history': async (options) => workbench.history(options),
    'query:clearHistory': async ({ confirmation }) => {
      await gate.authorize({ action: 'query:clearHistory' }, confirmation, async () => historyClearingText());
      await workbench.clearHistory();
      return { cleared: true };
    },
    'query:savedList': async () => workbench.savedQueries(),
    'query:save': async ({ name, sql, confirmation }) => {
      // stat, not the listing: the file system decides (a case-insensitive one treats "a" as "A").
      const { folder } = await workbench.savedQueries();
      const exists = await stat(path.join(folder, `${name}.sql`)).then(() => true, () => false);
      if (exists) {
        if (confirmation === undefined) {
          throw new OrchardError('CONFLICT', `A saved query named “${name}” exists; confirm to overwrite it.`, { savedQueryExists: true, name });
        }
        await gate.authorize({ action: 'query:overwriteSaved', name }, confirmation, async () => savedQueryOverwriteText(name));
      }
      return workbench.saveQuery(name, sql);
    },
    'query:deleteSaved': async ({ name, confirmation }) => {
      await gate.authorize({ action: 'query:deleteSaved', name }, confirmation, async () => savedQueryDeletionText(name));
      return { deleted: await workbench.deleteQuery(name) };
    },
    'query:exportTarget': async ({ name, format }) => workbench.exportTarget(name, format),
    'query:export': async (request) => workbench.exportResult(request),
    'query:cancelExport': async ({ exportId }) => ({ cancelled: workbench.cancelExport(exportId) }),
  } satisfies PartialHandlers;
}
