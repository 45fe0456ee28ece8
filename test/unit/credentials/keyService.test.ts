import { describe, expect, it } from 'vitest';
import { OrchardError } from '../../../shared/errors';
import { bodySlices, ISSUER_ID, p256Pkcs8Pem, rejection } from './keyFixtures';
import { createHarness, START } from './serviceHarness';

const TEAM_PEM = p256Pkcs8Pem();
const SOLO_PEM = p256Pkcs8Pem();
const team = { fileName: 'AuthKey_TEAMKEY001.p8', pem: TEAM_PEM, issuerId: ISSUER_ID, individual: false };
const solo = { fileName: 'AuthKey_SOLOKEY002.p8', pem: SOLO_PEM, individual: true, label: 'Mine' };


describe('KeyService: add, list, default, remove', () => {
  it('adds a team key to the keychain store and lists it as default, without key material', async () => {
    const h = createHarness();
    const added = await h.service.add(team);
    expect(added.replaced).toBe(false);
    expect(added.key).toEqual({
      keyId: 'TEAMKEY001',
      label: 'Team key TEAMKEY001',
      keyType: 'team',
      issuerId: ISSUER_ID,
      storage: 'keychain',
      status: 'ready',
      isDefault: true,
      createdAt: new Date(START).toISOString(),
      warnings: [],
    });
    expect(await h.secretStore.get('TEAMKEY001')).toBe(TEAM_PEM);
    expect(await h.sessionStore.get('TEAMKEY001')).toBeNull();
    const listed = await h.service.list();
    expect(listed).toEqual([added.key]);
    const everything = JSON.stringify([listed, added, h.settings.get('apiKeys')]);
    for (const slice of bodySlices(TEAM_PEM)) expect(everything).not.toContain(slice);
    expect(everything).not.toContain('PRIVATE KEY');
  });

  it('keeps the first key as default until told otherwise, and moves the default when it is removed', async () => {
    const h = createHarness();
    await h.service.add(team);
    await h.service.add(solo);
    expect((await h.service.list()).map((k) => [k.keyId, k.isDefault])).toEqual([['TEAMKEY001', true], ['SOLOKEY002', false]]);

    const afterSwitch = await h.service.setDefault('SOLOKEY002');
    expect(afterSwitch.map((k) => [k.keyId, k.isDefault])).toEqual([['TEAMKEY001', false], ['SOLOKEY002', true]]);
    expect((await h.service.loadCredentials()).keyId).toBe('SOLOKEY002');

    const afterRemove = await h.service.remove('SOLOKEY002');
    expect(afterRemove.map((k) => [k.keyId, k.isDefault])).toEqual([['TEAMKEY001', true]]);
    expect(await h.secretStore.get('SOLOKEY002')).toBeNull();
    expect((await h.service.loadCredentials()).keyId).toBe('TEAMKEY001');

    expect(await h.service.remove('TEAMKEY001')).toEqual([]);
    expect(await h.secretStore.get('TEAMKEY001')).toBeNull();
    const none = await rejection(h.service.loadCredentials());
    expect(none.code).toBe('NOT_FOUND');
    expect(none.message).toMatch(/No App Store Connect API key has been added yet/);
  });

  it('answers NOT_FOUND for unknown key IDs', async () => {
    const h = createHarness();
    await h.service.add(team);
    for (const call of [h.service.remove('NOPE'), h.service.setDefault('NOPE'), h.service.test('NOPE'), h.service.loadCredentials('NOPE')]) {
      expect((await rejection(call)).code).toBe('NOT_FOUND');
    }
  });

  it('refuses a second key with the same ID unless replace is confirmed, then keeps its default flag', async () => {
    const h = createHarness();
    await h.service.add(team);
    await h.service.add(solo);
    const newPem = p256Pkcs8Pem();
    const conflict = await rejection(h.service.add({ ...team, pem: newPem, label: 'Renamed' }));
    expect(conflict.code).toBe('CONFLICT');
    expect(conflict.details).toMatchObject({ field: 'keyId', keyId: 'TEAMKEY001' });
    expect(await h.secretStore.get('TEAMKEY001')).toBe(TEAM_PEM);

    h.advance(60_000);
    const replaced = await h.service.add({ ...team, pem: newPem, label: 'Renamed', replace: true });
    expect(replaced.replaced).toBe(true);
    expect(replaced.key).toMatchObject({ label: 'Renamed', isDefault: true, createdAt: new Date(START + 60_000).toISOString() });
    expect(await h.secretStore.get('TEAMKEY001')).toBe(newPem);
    expect((await h.service.list()).map((k) => k.keyId)).toEqual(['TEAMKEY001', 'SOLOKEY002']);
  });

  it('serialises concurrent adds, so a duplicate racing the original still gets CONFLICT', async () => {
    const h = createHarness();
    const results = await Promise.allSettled([h.service.add(team), h.service.add({ ...team, pem: p256Pkcs8Pem() }), h.service.add(solo)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await h.secretStore.get('TEAMKEY001')).toBe(TEAM_PEM);
    expect((await h.service.list()).map((k) => k.keyId)).toEqual(['TEAMKEY001', 'SOLOKEY002']);
  });

  it('rejects invalid input before touching either store', async () => {
    const h = createHarness();
    const err = await rejection(h.service.add({ ...team, issuerId: 'not-a-uuid' }));
    expect(err.code).toBe('BAD_INPUT');
    expect(await h.secretStore.get('TEAMKEY001')).toBeNull();
    expect(await h.service.list()).toEqual([]);
    const inspected = await h.service.inspect({ ...solo, keyId: 'odd' });
    expect(inspected).toEqual({ keyId: 'odd', keyType: 'individual', label: 'Mine', warnings: [expect.objectContaining({ code: 'KEY_ID_UNUSUAL' }), expect.objectContaining({ code: 'KEY_ID_FILE_NAME_MISMATCH' })] });
    expect(await h.service.list()).toEqual([]);
  });
});

describe('KeyService: credentials, tests and role hints', () => {
  it('loads team and individual credentials for main-process consumers and records their use', async () => {
    const h = createHarness();
    await h.service.add(team);
    await h.service.add(solo);
    h.advance(5_000);
    expect(await h.service.loadCredentials()).toEqual({ keyId: 'TEAMKEY001', issuerId: ISSUER_ID, individual: false, privateKeyPem: TEAM_PEM });
    expect(await h.service.loadCredentials('SOLOKEY002')).toEqual({ keyId: 'SOLOKEY002', individual: true, privateKeyPem: SOLO_PEM });
    expect((await h.service.list()).map((k) => k.lastUsedAt)).toEqual([new Date(START + 5_000).toISOString(), new Date(START + 5_000).toISOString()]);
  });

  it('says plainly when the keychain entry was deleted outside Orchard', async () => {
    const h = createHarness();
    await h.service.add(team);
    await h.secretStore.delete('TEAMKEY001');
    const err = await rejection(h.service.loadCredentials('TEAMKEY001'));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toMatch(/deleted outside Orchard/);
    expect(err.details).toEqual({ keyId: 'TEAMKEY001', reason: 'secret-missing' });
    expect(await h.service.remove('TEAMKEY001')).toEqual([]);
  });

  it('tests a key with its credentials and records the outcome', async () => {
    const h = createHarness();
    await h.service.add(team);
    h.advance(1_000);
    expect(await h.service.test('TEAMKEY001')).toEqual({ status: 'works', appsVisible: 3 });
    expect(h.tested).toEqual([{ keyId: 'TEAMKEY001', issuerId: ISSUER_ID, individual: false, privateKeyPem: TEAM_PEM }]);
    const at = new Date(START + 1_000).toISOString();
    expect((await h.service.list())[0]).toMatchObject({ lastUsedAt: at, lastTest: { at, status: 'works', appsVisible: 3 } });

    h.setConnectionResult({ status: 'forbidden', message: 'The key lacks access.' });
    h.advance(1_000);
    expect(await h.service.test('TEAMKEY001')).toEqual({ status: 'forbidden', message: 'The key lacks access.' });
    expect((await h.service.list())[0]?.lastTest).toEqual({ at: new Date(START + 2_000).toISOString(), status: 'forbidden' });
  });

  it('turns a throwing connection test into an error result without leaking what was thrown', async () => {
    const h = createHarness();
    await h.service.add(team);
    h.setConnectionResult(new Error(`boom ${TEAM_PEM}`));
    const result = await h.service.test('TEAMKEY001');
    expect(result).toEqual({ status: 'error', message: 'The connection test failed unexpectedly.' });
    h.setConnectionResult(new OrchardError('NETWORK', 'Could not reach App Store Connect.'));
    expect(await h.service.test('TEAMKEY001')).toEqual({ status: 'error', message: 'Could not reach App Store Connect.' });
  });

  it('records role hints from the sync engine, keeps them across a replace, and ignores unknown keys', async () => {
    const h = createHarness();
    await h.service.add(team);
    h.advance(1_000);
    await h.service.recordRoleHint('TEAMKEY001', 'read-only');
    await h.service.recordRoleHint('GONE', 'admin');
    expect((await h.service.list())[0]).toMatchObject({ roleHint: 'read-only', lastUsedAt: new Date(START + 1_000).toISOString() });
    await h.service.add({ ...team, replace: true });
    expect((await h.service.list())[0]?.roleHint).toBe('read-only');
    expect(h.settings.get('apiKeys')).toEqual([expect.objectContaining({ roleHint: 'read-only', roleHintAt: new Date(START + 1_000).toISOString() })]);
  });
});
