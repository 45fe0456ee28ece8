// Commands of "bring your own data": upload a CSV or Parquet file's bytes in order (begin, chunk…,
// finish), then main loads it into `user.<table>`; list and drop those tables. No path crosses.
import { z } from 'zod';
import { command } from './define';
import { confirmationSchema } from './confirmCommands';
import { IMPORT_CHUNK_BYTES, IMPORT_FORMATS, MAX_IMPORT_BYTES, USER_TABLE_PATTERN, type ImportedTable } from '../imports';

const uploadId = z.string().uuid();
const table = z.string().regex(USER_TABLE_PATTERN, 'use a lowercase letter, then lowercase letters, digits or _ (at most 63)');
/** Standard base64 of at most IMPORT_CHUNK_BYTES bytes. */
const base64Chunk = z
  .string()
  .min(4)
  .max(Math.ceil(IMPORT_CHUNK_BYTES / 3) * 4)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'not base64');

export const importCommands = {
  'imports:begin': command(
    z.object({ table, format: z.enum(IMPORT_FORMATS), size: z.number().int().min(1).max(MAX_IMPORT_BYTES, 'files up to 200 MB can be imported') }).strict(),
  ).returns<{ uploadId: string }>(),
  /** `offset` must equal the bytes received so far: chunks arrive in order, once. */
  'imports:chunk': command(z.object({ uploadId, offset: z.number().int().min(0), data: base64Chunk }).strict()).returns<{ received: number }>(),
  /**
   * Loads the uploaded file. An existing table is replaced only with `replace` and a ticket from
   * confirm:prepare ({ action: 'imports:replace', table }); else CONFLICT, and the upload is closed.
   */
  'imports:finish': command(z.object({ uploadId, replace: z.boolean(), confirmation: confirmationSchema.optional() }).strict()).returns<ImportedTable>(),
  'imports:abort': command(z.object({ uploadId }).strict()).returns<{ aborted: boolean }>(),
  'imports:list': command(z.object({}).strict()).returns<ImportedTable[]>(),
  /** `confirmation`: a ticket from confirm:prepare ({ action: 'imports:drop', table }). */
  'imports:drop': command(z.object({ table, confirmation: confirmationSchema }).strict()).returns<{ dropped: boolean }>(),
};
