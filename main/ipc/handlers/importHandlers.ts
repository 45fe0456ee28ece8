// Handlers for imports:* commands: the user's own CSV and Parquet files in `user.<table>`. Dropping
// a table or replacing one by an import needs a confirmation ticket (main/security/confirmationGate).
import type { ImportService } from '../../imports';
import type { ConfirmationGate } from '../../security/confirmationGate';
import { importedTableDropText, importedTableReplaceText } from '../../security/confirmationTexts';
import type { PartialHandlers } from '../handlerTypes';

export function importHandlers(imports: ImportService, gate: ConfirmationGate) {
  return {
    'imports:begin': async (input) => imports.begin(input),
    'imports:chunk': async (input) => imports.chunk(input),
    'imports:finish': async ({ uploadId, replace, confirmation }) => {
      if (replace) {
        // The ticket names the table this upload was begun for, not one the caller names now.
        const table = imports.tableOf(uploadId);
        await gate.authorize({ action: 'imports:replace', table }, confirmation ?? '', async () => importedTableReplaceText(table)).catch(async (error: unknown) => {
          await imports.abort(uploadId);
          throw error;
        });
      }
      return imports.finish({ uploadId, replace });
    },
    'imports:abort': async ({ uploadId }) => ({ aborted: await imports.abort(uploadId) }),
    'imports:list': async () => imports.list(),
    'imports:drop': async ({ table, confirmation }) => {
      await gate.authorize({ action: 'imports:drop', table }, confirmation, async () => importedTableDropText(table));
      return { dropped: await imports.drop(table) };
    },
  } satisfies PartialHandlers;
}
