// The key a CLI run signs with: a .p8 file given on the command line (used for this run only,
// never stored), or a key the app stored in the keychain.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { OrchardError } from '../../shared/errors';
import { createKeyService, createKeychainSecretStore, createMemorySecretStore, validateKeyInput, type KeyCredentials } from '../credentials';
import type { SettingsStore } from '../settings/settingsStore';
import type { OrchardSettings } from '../settings/orchardSettings';
import type { KeyChoice } from './cliArgs';

export async function resolveCliKey(choice: KeyChoice, settings: SettingsStore<OrchardSettings>): Promise<KeyCredentials> {
  if (choice.kind === 'file') {
    const pem = await readFile(choice.keyFile, 'utf8').catch((e: NodeJS.ErrnoException) => {
      throw new OrchardError('BAD_INPUT', `Cannot read the key file ${choice.keyFile} (${e.code ?? e.message}).`);
    });
    const valid = await validateKeyInput({
      pem,
      fileName: path.basename(choice.keyFile),
      keyId: choice.keyId,
      issuerId: choice.issuerId,
      individual: choice.individual,
    });
    return { keyId: valid.keyId, issuerId: valid.issuerId, individual: choice.individual, privateKeyPem: valid.privateKeyPem };
  }
  const keys = createKeyService({
    settings,
    secretStore: createKeychainSecretStore(),
    sessionStore: createMemorySecretStore(),
    testConnection: async () => ({ status: 'error', message: 'not used by the CLI' }),
  });
  const list = await keys.list();
  if (list.length === 0) throw new OrchardError('NOT_FOUND', 'No stored API key: add one in the app, or pass --key-file with --key-id/--issuer-id.');
  const ref = choice.ref;
  const match = ref === undefined ? undefined : list.find((k) => k.keyId === ref || k.label === ref);
  if (ref !== undefined && !match) throw new OrchardError('NOT_FOUND', `No stored key has the label or key ID “${ref}”.`);
  return keys.loadCredentials(match?.keyId);
}
