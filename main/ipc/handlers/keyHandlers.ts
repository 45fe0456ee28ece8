// Handlers for keys:* commands: thin glue over the key service; replies never hold key material.
import type { KeyService } from '../../credentials';
import type { AscSession } from '../../session/ascSession';
import type { ConfirmationGate } from '../../security/confirmationGate';
import { keyRemovalText, keyReplacementText } from '../../security/confirmationTexts';
import type { PartialHandlers } from '../handlerTypes';

export function keyHandlers(keys: KeyService, session: AscSession, gate: ConfirmationGate) {
  return {
    'keys:list': async () => keys.list(),
    'keys:storeStatus': async () => keys.secureStoreStatus(),
    'keys:inspect': async (input) => keys.inspect(input),
    'keys:add': async ({ confirmation, ...input }) => {
      // Replacing overwrites a private key Apple may never hand out again: the ticket must name the
      // very key ID the input resolves to (from the field, the file name or nothing else).
      if (input.replace === true) {
        const { keyId } = await keys.inspect(input);
        const label = (await keys.list()).find((k) => k.keyId === keyId)?.label;
        await gate.authorize({ action: 'keys:replace', keyId }, confirmation ?? '', async () => keyReplacementText({ keyId, label }));
      }
      const result = await keys.add(input);
      session.forget(result.key.keyId);
      return result;
    },
    'keys:test': async ({ keyId }) => keys.test(keyId),
    'keys:remove': async ({ keyId, confirmation }) => {
      await gate.authorize({ action: 'keys:remove', keyId }, confirmation, async () =>
        keyRemovalText({ keyId, label: (await keys.list()).find((k) => k.keyId === keyId)?.label }),
      );
      session.forget(keyId);
      return keys.remove(keyId);
    },
    'keys:setDefault': async ({ keyId }) => keys.setDefault(keyId),
  } satisfies PartialHandlers;
}
