// Commands for App Store Connect API keys. Key material travels renderer -> main once, inside
// keys:add / keys:inspect, and no reply ever carries it back.
import { z } from 'zod';
import { command } from './define';
import { confirmationSchema } from './confirmCommands';
import { keyIdSchema } from './idSchemas';
import {
  addKeyInputSchema,
  type AddKeyResult,
  type ConnectionResult,
  type KeyInfo,
  type KeyInspection,
  type SecureStoreStatus,
} from '../keys';

const keyRef = z.object({ keyId: keyIdSchema }).strict();

export const keyCommands = {
  'keys:list': command(z.object({}).strict()).returns<KeyInfo[]>(),
  'keys:storeStatus': command(z.object({}).strict()).returns<SecureStoreStatus>(),
  'keys:inspect': command(addKeyInputSchema).returns<KeyInspection>(),
  /** `confirmation`: with `replace`, a ticket from confirm:prepare ({ action: 'keys:replace', keyId }) for the key ID being replaced. */
  'keys:add': command(addKeyInputSchema.extend({ confirmation: confirmationSchema.optional() })).returns<AddKeyResult>(),
  'keys:test': command(keyRef).returns<ConnectionResult>(),
  /** `confirmation`: a ticket from confirm:prepare for this very key. */
  'keys:remove': command(z.object({ keyId: keyIdSchema, confirmation: confirmationSchema }).strict()).returns<KeyInfo[]>(),
  'keys:setDefault': command(keyRef).returns<KeyInfo[]>(),
};
