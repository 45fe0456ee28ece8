// Handlers for imports:* commands: the user's own CSV and Parquet files in `user.<table>`.
import type { ImportService } from '../../imports';
import type { PartialHandlers } from '../handlerTypes';

export function importHandlers(imports: ImportService) {
  return {
    'imports:begin': async (input) => imports.begin(input),
    'imports:chunk': async (input) => imports.chunk(input),
    'imports:finish': async (input) => imports.finish(input),
    'imports:abort': async ({ uploadId }) => ({ aborted: await imports.abort(uploadId) }),
    'imports:list': async () => imports.list(),
    'imports:drop': async ({ table }) => ({ dropped: await imports.drop(table) }),
  } satisfies PartialHandlers;
}
