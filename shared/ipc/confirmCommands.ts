// Confirmation tickets for destructive commands (requests:delete and :recreate, keys:remove, query:clearHistory):
// ask for one right before the action, then send it with the command. See shared/confirmations.ts.
import { z } from 'zod';
import { command } from './define';
import { CONFIRMATION_TICKET_PATTERN, type ConfirmationTicket } from '../confirmations';
import { appIdSchema, keyIdSchema, resourceIdSchema } from './idSchemas';

/** The field every destructive command carries. */
export const confirmationSchema = z.string().regex(CONFIRMATION_TICKET_PATTERN, 'ask for a confirmation first (confirm:prepare)');

export const destructiveActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('requests:delete'), appId: appIdSchema, requestId: resourceIdSchema }).strict(),
  z.object({ action: z.literal('requests:recreate'), appId: appIdSchema, requestId: resourceIdSchema }).strict(),
  z.object({ action: z.literal('keys:remove'), keyId: keyIdSchema }).strict(),
  z.object({ action: z.literal('query:clearHistory') }).strict(),
]);

export const confirmCommands = {
  'confirm:prepare': command(destructiveActionSchema).returns<ConfirmationTicket>(),
};
