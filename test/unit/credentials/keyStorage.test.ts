import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OrchardError } from '../../../shared/errors';
import type { KeySettings } from '../../../main/credentials/keyRegistry';
import { createMemorySecretStore } from '../../../main/credentials/memorySecretStore';
import type { SecretStore } from '../../../main/credentials/secretStore';
import { createConfSettingsStore } from '../../../main/settings/confSettingsStore';
import { bodySlices, ISSUER_ID, p256Pkcs8Pem, rejection } from './keyFixtures';
import { createHarness, unavailableKeychain } from './serviceHarness';

const PEM = p256Pkcs8Pem();
const team = { fileName: 'AuthKey_TEAMKEY001.p8', pem: PEM, issuerId: ISSUER_ID, individual: false };

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function confSettings() {
  const dir = mkdtempSync(join(tmpdir(), 'orchard-keys-'));
  tempDirs.push(dir);
  return createConfSettingsStore<KeySettings>({ dir, defaults: { apiKeys: [] } });
}


describe('keychain unavailable', () => {
  it('reports the secure store status in plain words', async () => {
    const h = createHarness({ secretStore: unavailableKeychain() });
    const status = await h.service.secureStoreStatus();
    expect(status).toMatchObject({ available: false, backend: 'keychain' });
    expect(status.available === false && status.reason).toMatch(/^No Secret Service \(GNOME Keyring, KWallet or similar\) is reachable.*DBus error/);
    expect(await createHarness().service.secureStoreStatus()).toEqual({ available: true, backend: 'memory' });
  });

  it('refuses to store a key anywhere else and offers a session-only key instead', async () => {
    const h = createHarness({ secretStore: unavailableKeychain() });
    const err = await rejection(h.service.add(team));
    expect(err.code).toBe('SECRET_STORE_UNAVAILABLE');
    expect(err.message).toMatch(/never writes private keys to a plain file.*session-only key/);
    expect(err.details).toEqual({ field: 'sessionOnly', sessionOnlyPossible: true });
    expect(h.settings.get('apiKeys')).toEqual([]);
    expect(await h.sessionStore.get('TEAMKEY001')).toBeNull();
  });

  it('keeps a session-only key in memory and marks it as such', async () => {
    const h = createHarness({ secretStore: unavailableKeychain() });
    const { key } = await h.service.add({ ...team, sessionOnly: true });
    expect(key).toMatchObject({ storage: 'session', status: 'ready', isDefault: true });
    expect(await h.sessionStore.get('TEAMKEY001')).toBe(PEM);
    expect((await h.service.loadCredentials()).privateKeyPem).toBe(PEM);
    expect(await h.service.remove('TEAMKEY001')).toEqual([]);
    expect(await h.sessionStore.get('TEAMKEY001')).toBeNull();
  });

  it('does not remove a keychain key it cannot delete from the keychain', async () => {
    const working = createMemorySecretStore();
    let broken = false;
    const flaky: SecretStore = {
      ...working,
      kind: 'keychain',
      delete: (account) => (broken ? unavailableKeychain().delete(account) : working.delete(account)),
    };
    const h = createHarness({ secretStore: flaky });
    await h.service.add(team);
    broken = true;
    const err = await rejection(h.service.remove('TEAMKEY001'));
    expect(err.code).toBe('SECRET_STORE_UNAVAILABLE');
    expect(err.message).toMatch(/was not removed/);
    expect((await h.service.list()).map((k) => k.keyId)).toEqual(['TEAMKEY001']);
  });

  it('leaves no metadata behind when the keychain fails while saving', async () => {
    const store: SecretStore = { ...createMemorySecretStore(), kind: 'keychain', set: (account, secret) => unavailableKeychain().set(account, secret) };
    const h = createHarness({ secretStore: store });
    const err = await rejection(h.service.add(team));
    expect(err.code).toBe('SECRET_STORE_UNAVAILABLE');
    expect(JSON.stringify(err.toPayload())).not.toContain(bodySlices(PEM)[0]);
    expect(await h.service.list()).toEqual([]);
  });
});

describe('session-only keys across a restart', () => {
  it('shows an expired session key after a restart, refuses to use it, and lets it be added again', async () => {
    const first = createHarness();
    await first.service.add({ ...team, sessionOnly: true });
    await first.service.recordRoleHint('TEAMKEY001', 'admin');

    const second = first.restart();
    expect(await second.service.list()).toEqual([expect.objectContaining({ keyId: 'TEAMKEY001', storage: 'session', status: 'session-expired', roleHint: 'admin' })]);
    const err = await rejection(second.service.loadCredentials());
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toMatch(/lost when Orchard quit\. Add its \.p8 file again/);
    expect((await rejection(second.service.test('TEAMKEY001'))).code).toBe('NOT_FOUND');

    // Nothing is lost by replacing an expired session key, so no confirmation is needed.
    const again = await second.service.add(team);
    expect(again).toMatchObject({ replaced: true, key: { storage: 'keychain', status: 'ready', roleHint: 'admin' } });
    expect(await second.secretStore.get('TEAMKEY001')).toBe(PEM);
  });

  it('moving a key from the keychain to session-only removes the keychain copy', async () => {
    const h = createHarness();
    await h.service.add(team);
    await h.service.add({ ...team, sessionOnly: true, replace: true });
    expect(await h.secretStore.get('TEAMKEY001')).toBeNull();
    expect(await h.sessionStore.get('TEAMKEY001')).toBe(PEM);
  });
});

describe('metadata in a real settings file', () => {
  it('writes no key material to the file conf writes', async () => {
    const settings = confSettings();
    const h = createHarness({ settings });
    const soloPem = p256Pkcs8Pem();
    await h.service.add(team);
    await h.service.add({ pem: soloPem, keyId: 'SOLOKEY002', individual: true, sessionOnly: true });
    await h.service.test('TEAMKEY001');
    const text = readFileSync(settings.path, 'utf8');
    for (const slice of [...bodySlices(PEM), ...bodySlices(soloPem)]) expect(text).not.toContain(slice);
    expect(text).not.toMatch(/PRIVATE KEY|privateKey/);
    const written = JSON.parse(text) as { apiKeys: { keyId: string; storage: string }[] };
    expect(written.apiKeys.map((k) => [k.keyId, k.storage])).toEqual([['TEAMKEY001', 'keychain'], ['SOLOKEY002', 'session']]);
  });

  it('survives a hand-edited file: repairs soft damage, hides broken entries and keeps them on write', async () => {
    const settings = confSettings();
    const broken = [{ keyId: 'BROKEN0001', keyType: 'team' }, 'junk', { keyId: 'BAD ID', keyType: 'individual' }];
    const entries = [
      { keyId: 'TEAMKEY001', keyType: 'team', issuerId: ISSUER_ID, storage: 'keychain', isDefault: 'yes', roleHint: 'boss', createdAt: 'yesterday', label: '' },
      ...broken,
      { keyId: 'TEAMKEY001', keyType: 'individual', storage: 'keychain', isDefault: true, createdAt: '2025-01-01T00:00:00.000Z' },
    ];
    writeFileSync(settings.path, JSON.stringify({ apiKeys: entries }));
    const h = createHarness({ settings });
    expect(await h.service.list()).toEqual([
      { keyId: 'TEAMKEY001', label: 'Team key TEAMKEY001', keyType: 'team', issuerId: ISSUER_ID, storage: 'keychain', status: 'ready', isDefault: true, createdAt: '1970-01-01T00:00:00.000Z', warnings: [] },
    ]);

    await h.service.add({ pem: PEM, keyId: 'SOLOKEY002', individual: true });
    const after = (JSON.parse(readFileSync(settings.path, 'utf8')) as { apiKeys: unknown[] }).apiKeys;
    expect(after.slice(2)).toEqual([...broken, entries[4]]);

    writeFileSync(settings.path, JSON.stringify({ apiKeys: 'not a list' }));
    expect(await createHarness({ settings }).service.list()).toEqual([]);
  });
});
