// Session-only secret store: secrets live in this process's memory and are gone when it exits.
// Used for session-only keys when no keychain is available, and as the keychain stand-in in tests.
import type { SecretStore } from './secretStore';

export function createMemorySecretStore(): SecretStore {
  const secrets = new Map<string, string>();
  return {
    kind: 'memory',
    available: async () => ({ ok: true }),
    get: async (account) => secrets.get(account) ?? null,
    set: async (account, secret) => {
      secrets.set(account, secret);
    },
    delete: async (account) => secrets.delete(account),
  };
}
