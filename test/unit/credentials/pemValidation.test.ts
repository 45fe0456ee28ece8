import { createPublicKey } from 'node:crypto';
import { SignJWT, importPKCS8, importSPKI, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { checkPrivateKeyPem } from '../../../main/credentials/pemValidation';
import {
  bodySlices,
  ed25519Pkcs8Pem,
  encryptedP256Pem,
  p256Pkcs8Pem,
  p256PublicKeyPem,
  p256Sec1Pem,
  p384Pkcs8Pem,
  pemBody,
  rsaPems,
} from './keyFixtures';

async function rejectionOf(text: string): Promise<string> {
  const result = await checkPrivateKeyPem(text);
  if (result.ok) throw new Error('expected the PEM to be rejected');
  for (const slice of bodySlices(text)) expect(result.message).not.toContain(slice);
  return result.message;
}

describe('checkPrivateKeyPem', () => {
  it('accepts a P-256 PKCS#8 key and returns a PEM that signs an ES256 token', async () => {
    const original = p256Pkcs8Pem();
    const result = await checkPrivateKeyPem(original);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.pem).toBe(original);

    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: '2X9R4HXF34', typ: 'JWT' })
      .setAudience('appstoreconnect-v1')
      .sign(await importPKCS8(result.pem, 'ES256'));
    const spki = createPublicKey(result.pem).export({ type: 'spki', format: 'pem' }).toString();
    const verified = await jwtVerify(token, await importSPKI(spki, 'ES256'), { audience: 'appstoreconnect-v1' });
    expect(verified.protectedHeader.kid).toBe('2X9R4HXF34');
  });

  it('normalises CRLF, a byte-order mark, surrounding blanks and a paste squashed onto one line', async () => {
    const original = p256Pkcs8Pem();
    const variants = [
      `\uFEFF\r\n  ${original.replace(/\n/g, '\r\n')}\r\n\r\n`,
      original.replace(/\n/g, ' '),
      `${pemBody(original)}\n`,
    ];
    for (const text of variants) {
      const result = await checkPrivateKeyPem(text);
      expect(result).toEqual({ ok: true, pem: original });
    }
  });

  it('explains a SEC1 "EC PRIVATE KEY" and how to convert it', async () => {
    const message = await rejectionOf(p256Sec1Pem());
    expect(message).toContain('SEC1');
    expect(message).toContain('openssl pkcs8 -topk8 -nocrypt');
  });

  it('names RSA keys in both PKCS#1 and PKCS#8 wrapping', async () => {
    const rsa = rsaPems();
    expect(await rejectionOf(rsa.pkcs1)).toMatch(/^This is an RSA private key/);
    expect(await rejectionOf(rsa.pkcs8)).toMatch(/^This is an RSA private key/);
  });

  it('names public keys, other curves, other algorithms and encrypted keys', async () => {
    expect(await rejectionOf(p256PublicKeyPem())).toMatch(/^This is a public key; Orchard needs the private key/);
    expect(await rejectionOf(p384Pkcs8Pem())).toMatch(/^This EC key uses P-384; App Store Connect API keys use P-256/);
    expect(await rejectionOf(ed25519Pkcs8Pem())).toMatch(/^This is an Ed25519 private key/);
    expect(await rejectionOf(encryptedP256Pem())).toMatch(/password-protected/);
  });

  it('rejects garbage, empty text, a cut-off paste, a damaged body and two keys in one text', async () => {
    const good = p256Pkcs8Pem();
    expect(await rejectionOf('hello, this is not a key')).toMatch(/no "-----BEGIN PRIVATE KEY-----" line/);
    expect(await rejectionOf('  \n ')).toMatch(/^The key is empty/);
    expect(await rejectionOf(good.slice(0, 120))).toMatch(/incomplete/);
    const damaged = good.replace(/\n[A-Za-z0-9+/]{64}\n/, '\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n');
    expect(damaged).not.toBe(good);
    expect(await rejectionOf(damaged)).toMatch(/damaged/);
    expect(await rejectionOf(good.replace('\n', '\n*not base64*\n'))).toMatch(/not base64/);
    expect(await rejectionOf(good + p256Pkcs8Pem())).toMatch(/holds 2 PEM blocks/);
  });
});
