// Test credentials made at runtime: P-256 key pairs (PKCS#8 / SPKI PEM), key and issuer IDs in
// App Store Connect's shapes, and a JWT minter with knobs for every way a token can be wrong.
// Nothing here is ever written to disk.

import { createPrivateKey, generateKeyPairSync, randomBytes, randomUUID, sign } from 'node:crypto';

export interface TestKeyPair {
  /** `-----BEGIN PRIVATE KEY-----` PKCS#8, like an `AuthKey_<KEYID>.p8`. */
  privateKeyPem: string;
  /** `-----BEGIN PUBLIC KEY-----` SPKI, what the fake server registers. */
  publicKeyPem: string;
}

export interface TestApiKey extends TestKeyPair {
  keyId: string;
  issuerId: string;
}

const KEY_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function generateTestKeyPair(): TestKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

/** 10 upper-case alphanumerics, e.g. `2X9R4HXF34`. */
export function makeKeyId(): string {
  return [...randomBytes(10)].map((b) => KEY_ID_ALPHABET[b % KEY_ID_ALPHABET.length]).join('');
}

/** A UUID, as issuer IDs are. */
export function makeIssuerId(): string {
  return randomUUID();
}

export function makeTestApiKey(): TestApiKey {
  return { ...generateTestKeyPair(), keyId: makeKeyId(), issuerId: makeIssuerId() };
}

export interface MintOptions {
  /** Token time (default: the real now). Pass the fake server's clock. */
  now?: Date;
  /** `exp - iat` in seconds (default 900; Apple refuses more than 1200). */
  lifetimeSeconds?: number;
  /** Individual key: `sub: "user"` and no `iss`. */
  individual?: boolean;
  omitIat?: boolean;
  audience?: string;
  /** Overrides the issuer (team keys). */
  issuer?: string;
  /** Overrides the `kid` header. */
  kid?: string;
  alg?: string;
  scope?: string[];
  /** `der` produces the classic mistake: an ASN.1 signature instead of raw R||S. */
  signatureEncoding?: 'ieee-p1363' | 'der';
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** Signs an App Store Connect JWT with node:crypto alone (independent of the server's jose). */
export function mintTestJwt(key: { keyId: string; issuerId?: string; privateKeyPem: string }, options: MintOptions = {}): string {
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const header = { alg: options.alg ?? 'ES256', kid: options.kid ?? key.keyId, typ: 'JWT' };
  const payload: Record<string, unknown> = {};
  if (!options.individual) payload.iss = options.issuer ?? key.issuerId;
  else payload.sub = 'user';
  if (!options.omitIat) payload.iat = nowSeconds;
  payload.exp = nowSeconds + (options.lifetimeSeconds ?? 900);
  payload.aud = options.audience ?? 'appstoreconnect-v1';
  if (options.scope) payload.scope = options.scope;
  const signingInput = `${base64url(header)}.${base64url(payload)}`;
  const signature = sign('sha256', Buffer.from(signingInput), {
    key: createPrivateKey(key.privateKeyPem),
    dsaEncoding: options.signatureEncoding ?? 'ieee-p1363',
  });
  return `${signingInput}.${signature.toString('base64url')}`;
}
