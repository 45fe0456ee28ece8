// Confirmation tickets for destructive commands (requests:delete and :recreate, keys:remove, keys:add
// with replace, query:clearHistory, :deleteSaved and :save over a file, quarantine:clear, imports:drop
// and :finish with replace, warehouse:rebuild): ask for one right before the action, then send it
// with the command. See shared/confirmations.ts.
import { z } from 'zod';
import { command } from './define';
import { CONFIRMATION_TICKET_PATTERN, type ConfirmationTicket } from '../confirmations';
import { appIdSchema, keyIdSchema, resourceIdSchema } from './idSchemas';
import { SAFE_NAME } from '../workbench';
import { USER_TABLE_PATTERN } from '../imports';

/** The field every destructive command carries. */
export const confirmationSchema = z.string().regex(CONFIRMATION_TICKET_PATTERN, 'ask for a confirmation first (confirm:prepare)');

const savedQueryName = z.string().trim().regex(SAFE_NAME, 'not a saved query name');
const userTable = z.string().regex(USER_TABLE_PATTERN, 'not a user table name');

export const destructiveActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('requests:delete'), appId: appIdSchema, requestId: resourceIdSchema }).strict(),
  z.object({ action: z.literal('requests:recreate'), appId: appIdSchema, requestId: resourceIdSchema }).strict(),
  z.object({ action: z.literal('keys:remove'), keyId: keyIdSchema }).strict(),
  z.object({ action: z.literal('keys:replace'), keyId: keyIdSchema }).strict(),
  z.object({ action: z.literal('query:clearHistory') }).strict(),
  z.object({ action: z.literal('query:deleteSaved'), name: savedQueryName }).strict(),
  z.object({ action: z.literal('query:overwriteSaved'), name: savedQueryName }).strict(),
  z.object({ action: z.literal('quarantine:clear') }).strict(),
  z.object({ action: z.literal('imports:drop'), table: userTable }).strict(),
  z.object({ action: z.literal('imports:replace'), table: userTable }).strict(),
  z.object({ action: z.literal('warehouse:rebuild') }).strict(),
]);

export const confirmCommands = {
  'confirm:prepare': command(destructiveActionSchema).returns<ConfirmationTicket>(),
};
