import { decodeProtectedHeader, exportPKCS8, generateKeyPair, importSPKI, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { BAD_KEY_MESSAGE, createTokenProvider } from '../../../main/asc/token';
import { OrchardError } from '../../../shared/errors';
import { generateTestKey, testClock } from './helpers';

const ISSUER = '57246542-96fe-1a63-e053-0824d011072a';

async function verify(token: string, publicKeyPem: string, nowMs: number, issuer?: string) {
  const key = await importSPKI(publicKeyPem, 'ES256');
  return jwtVerify(token, key, {
    algorithms: ['ES256'],
    audience: 'appstoreconnect-v1',
    currentDate: new Date(nowMs),
    ...(issuer === undefined ? {} : { issuer }),
  });
}

describe('createTokenProvider', () => {
  it('signs team-key tokens Apple accepts: ES256 header with kid, iss, aud, 15-minute lifetime', async () => {
    const key = await generateTestKey();
    const clock = testClock();
    const provider = createTokenProvider({ keyId: ' 2X9R4HXF34 ', issuerId: ISSUER, privateKeyPem: key.privateKeyPem, clock: clock.now });
    const token = await provider.get();
    const { payload, protectedHeader } = await verify(token, key.publicKeyPem, clock.now(), ISSUER);
    expect(protectedHeader).toEqual({ alg: 'ES256', kid: '2X9R4HXF34', typ: 'JWT' });
    const iat = Math.floor(clock.now() / 1000);
    expect(payload).toEqual({ iss: ISSUER, aud: 'appstoreconnect-v1', iat, exp: iat + 900 });
    // Raw R||S signature: 64 bytes, i.e. 86 base64url characters, never DER.
    expect(token.split('.')[2]).toHaveLength(86);
  });

  it('signs individual-key tokens with sub "user" and no iss', async () => {
    const key = await generateTestKey();
    const clock = testClock();
    const provider = createTokenProvider({ keyId: 'INDIVKEY01', individual: true, issuerId: ISSUER, privateKeyPem: key.privateKeyPem, clock: clock.now });
    const { payload } = await verify(await provider.get(), key.publicKeyPem, clock.now());
    expect(payload.sub).toBe('user');
    expect(payload).not.toHaveProperty('iss');
    expect(payload.exp! - payload.iat!).toBe(900);
  });

  it('clamps a requested lifetime to Apple’s 20-minute maximum', async () => {
    const key = await generateTestKey();
    const provider = createTokenProvider({ keyId: 'TESTKEY123', issuerId: ISSUER, privateKeyPem: key.privateKeyPem, lifetimeSeconds: 3600 });
    const { payload } = await verify(await provider.get(), key.publicKeyPem, Date.now(), ISSUER);
    expect(payload.exp! - payload.iat!).toBe(1200);
  });

  it('reuses a token until two minutes before expiry, then mints a new one', async () => {
    const key = await generateTestKey();
    const clock = testClock();
    const provider = createTokenProvider({ keyId: 'TESTKEY123', issuerId: ISSUER, privateKeyPem: key.privateKeyPem, clock: clock.now });
    const first = await provider.get();
    clock.advance(12 * 60_000 + 59_000); // 12:59 in: still 2:01 left
    expect(await provider.get()).toBe(first);
    clock.advance(1_000); // 13:00 in: refresh margin reached
    const second = await provider.get();
    expect(second).not.toBe(first);
    const { payload } = await verify(second, key.publicKeyPem, clock.now(), ISSUER);
    expect(payload.iat).toBe(Math.floor(clock.now() / 1000));
  });

  it('mints afresh after invalidate()', async () => {
    const key = await generateTestKey();
    const clock = testClock();
    const provider = createTokenProvider({ keyId: 'TESTKEY123', issuerId: ISSUER, privateKeyPem: key.privateKeyPem, clock: clock.now });
    const first = await provider.get();
    clock.advance(1_000);
    provider.invalidate();
    expect(await provider.get()).not.toBe(first);
  });

  it('loads a lazy key once, on first use, and shares one mint between concurrent callers', async () => {
    const key = await generateTestKey();
    let loads = 0;
    const provider = createTokenProvider({
      keyId: 'TESTKEY123',
      issuerId: ISSUER,
      privateKeyPem: async () => {
        loads += 1;
        return key.privateKeyPem;
      },
    });
    expect(loads).toBe(0);
    const tokens = await Promise.all([provider.get(), provider.get(), provider.get()]);
    expect(new Set(tokens).size).toBe(1);
    provider.invalidate();
    await provider.get();
    expect(loads).toBe(1);
  });

  it('passes a loader error through and tries the loader again next time', async () => {
    const key = await generateTestKey();
    let calls = 0;
    const provider = createTokenProvider({
      keyId: 'TESTKEY123',
      issuerId: ISSUER,
      privateKeyPem: async () => {
        calls += 1;
        if (calls === 1) throw new OrchardError('SECRET_STORE_UNAVAILABLE', 'keychain locked');
        return key.privateKeyPem;
      },
    });
    await expect(provider.get()).rejects.toMatchObject({ code: 'SECRET_STORE_UNAVAILABLE' });
    await expect(provider.get()).resolves.toMatch(/^eyJ/);
  });

  it.each([
    ['garbage', async () => 'not a key at all'],
    ['an RSA key', async () => exportPKCS8((await generateKeyPair('RS256', { extractable: true })).privateKey)],
    ['a P-384 key', async () => exportPKCS8((await generateKeyPair('ES384', { extractable: true })).privateKey)],
    ['a truncated P-256 key', async () => (await generateTestKey()).privateKeyPem.slice(0, 120) + '\n-----END PRIVATE KEY-----'],
  ])('rejects %s with BAD_INPUT and no key material in the error', async (_label, makePem) => {
    const pem = await makePem();
    const provider = createTokenProvider({ keyId: 'TESTKEY123', issuerId: ISSUER, privateKeyPem: pem });
    const error = await provider.get().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(OrchardError);
    expect(error).toMatchObject({ code: 'BAD_INPUT', message: BAD_KEY_MESSAGE });
    const serialised = JSON.stringify((error as OrchardError).toPayload());
    const body = pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s/g, '');
    for (let i = 0; i + 16 <= body.length; i += 16) expect(serialised).not.toContain(body.slice(i, i + 16));
  });

  it('refuses a team key without issuer ID and an empty key ID', () => {
    expect(() => createTokenProvider({ keyId: 'TESTKEY123', privateKeyPem: 'x' })).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => createTokenProvider({ keyId: '  ', issuerId: ISSUER, privateKeyPem: 'x' })).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });

  it('puts the key ID in the header exactly once and signs nothing else into it', async () => {
    const key = await generateTestKey();
    const provider = createTokenProvider({ keyId: 'TESTKEY123', issuerId: ISSUER, privateKeyPem: key.privateKeyPem });
    expect(Object.keys(decodeProtectedHeader(await provider.get())).sort()).toEqual(['alg', 'kid', 'typ']);
  });
});
