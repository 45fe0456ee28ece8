// Round trips through the real OS keychain with @napi-rs/keyring, under a random service name so
// a user's real Orchard entries are never touched. On headless Linux run it through
// scripts/with-keyring.sh; without a reachable keychain the suite is skipped with a printed reason.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeychainSecretStore } from '../../../main/credentials/keychainSecretStore';
import { createKeyService } from '../../../main/credentials/keyService';
import { createMemorySecretStore } from '../../../main/credentials/memorySecretStore';
import type { KeySettings } from '../../../main/credentials/keyRegistry';
import { createMemorySettingsStore } from '../../../main/settings/confSettingsStore';
import { ISSUER_ID, p256Pkcs8Pem } from '../../unit/credentials/keyFixtures';

const service = `Orchard-test-${randomBytes(6).toString('hex')}`;
const store = createKeychainSecretStore(service);
const availability = await store.available();
if (!availability.ok) {
  console.warn(`[keychain.test] SKIPPED: no usable OS keychain (${availability.reason}). On Linux run: scripts/with-keyring.sh npx vitest run test/integration/credentials`);
}

/** What the Secret Service itself holds for an account, read with libsecret's CLI (Linux only). */
function secretToolLookup(account: string): string | null | undefined {
  if (process.platform !== 'linux') return undefined;
  const result = spawnSync('secret-tool', ['lookup', 'service', service, 'username', account], { encoding: 'utf8' });
  if (result.error !== undefined) return undefined; // libsecret-tools not installed
  return result.status === 0 ? result.stdout : null;
}

const accounts = ['TESTKEY001', 'TESTKEY002', 'TESTKEY003'];

describe.skipIf(!availability.ok)(`real keychain (${service})`, () => {
  afterAll(async () => {
    for (const account of accounts) await store.delete(account);
  });

  it('sets, gets, overwrites and deletes one entry per account', async () => {
    const first = p256Pkcs8Pem();
    const second = p256Pkcs8Pem();
    expect(await store.get(accounts[0]!)).toBeNull();
    await store.set(accounts[0]!, first);
    await store.set(accounts[1]!, second);
    expect(await store.get(accounts[0]!)).toBe(first);
    expect(await store.get(accounts[1]!)).toBe(second);

    const lookedUp = secretToolLookup(accounts[0]!);
    if (lookedUp !== undefined) expect(lookedUp).toBe(first);

    const replacement = p256Pkcs8Pem();
    await store.set(accounts[0]!, replacement);
    expect(await store.get(accounts[0]!)).toBe(replacement);

    expect(await store.delete(accounts[0]!)).toBe(true);
    expect(await store.delete(accounts[0]!)).toBe(false);
    expect(await store.get(accounts[0]!)).toBeNull();
    expect(await store.get(accounts[1]!)).toBe(second);
    if (lookedUp !== undefined) expect(secretToolLookup(accounts[0]!)).toBeNull();
  });

  it('keeps a KeyService key in the keychain across a restart and removes it with the key', async () => {
    const settings = createMemorySettingsStore<KeySettings>({ apiKeys: [] });
    const build = () =>
      createKeyService({ settings, secretStore: store, sessionStore: createMemorySecretStore(), testConnection: async () => ({ status: 'works' }) });
    const pem = p256Pkcs8Pem();
    const before = build();
    expect(await before.secureStoreStatus()).toEqual({ available: true, backend: 'keychain' });
    await before.add({ fileName: `AuthKey_${accounts[2]}.p8`, pem, issuerId: ISSUER_ID, individual: false });

    const after = build();
    expect((await after.list())[0]).toMatchObject({ keyId: accounts[2], storage: 'keychain', status: 'ready' });
    expect(await after.loadCredentials()).toEqual({ keyId: accounts[2], issuerId: ISSUER_ID, individual: false, privateKeyPem: pem });
    await after.remove(accounts[2]!);
    expect(await store.get(accounts[2]!)).toBeNull();
  });
});
