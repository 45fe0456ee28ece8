// The binding silently falls back to the in-memory kernel keyring on Linux; Orchard must pin the
// Secret Service there (keys would vanish at reboot) and leave other platforms on their default.
import { describe, expect, it, vi } from 'vitest';

const constructed = vi.hoisted(() => [] as unknown[][]);
vi.mock('@napi-rs/keyring', () => ({
  AsyncEntry: class {
    constructor(...args: unknown[]) {
      constructed.push(args);
    }
    async getPassword() {
      return null;
    }
  },
}));

const { createKeychainSecretStore, napiKeyringBackend } = await import('../../../main/credentials/keychainSecretStore');

describe('napiKeyringBackend', () => {
  it('requires the Secret Service on Linux and passes no options elsewhere', () => {
    constructed.length = 0;
    napiKeyringBackend('linux')('Orchard', 'KEYID00001');
    napiKeyringBackend('darwin')('Orchard', 'KEYID00002');
    napiKeyringBackend('win32')('Orchard', 'KEYID00003');
    expect(constructed).toEqual([
      ['Orchard', 'KEYID00001', { linux: { store: 'secret-service' } }],
      ['Orchard', 'KEYID00002', undefined],
      ['Orchard', 'KEYID00003', undefined],
    ]);
  });

  it('is what createKeychainSecretStore uses by default, with the service name "Orchard"', async () => {
    constructed.length = 0;
    await createKeychainSecretStore(undefined, { platform: 'linux' }).get('KEYID00001');
    expect(constructed).toEqual([['Orchard', 'KEYID00001', { linux: { store: 'secret-service' } }]]);
  });
});
