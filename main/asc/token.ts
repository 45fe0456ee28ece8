// Mints the ES256 JWTs App Store Connect wants (team or individual keys) and reuses each one until
// shortly before it expires. The imported private key lives only in this closure.

import { importPKCS8, SignJWT, type CryptoKey } from 'jose';
import { OrchardError } from '../../shared/errors';

export const ASC_AUDIENCE = 'appstoreconnect-v1';
/** Apple rejects lifetimes over 20 minutes; 15 leaves room for clock skew. */
const DEFAULT_LIFETIME_SECONDS = 15 * 60;
const MAX_LIFETIME_SECONDS = 20 * 60;
/** Re-mint this long before expiry so a token never dies mid-request or mid-retry. */
const REFRESH_MARGIN_SECONDS = 2 * 60;

export interface TokenProviderOptions {
  keyId: string;
  /** Issuer ID (UUID) of a team key. Required unless `individual` is true; ignored if it is. */
  issuerId?: string;
  /** Individual keys sign with `sub: "user"` and no `iss`. */
  individual?: boolean;
  /** The .p8 PEM, or a function that fetches it (e.g. from the keychain) on first use. */
  privateKeyPem: string | (() => Promise<string>);
  /** Epoch milliseconds; defaults to Date.now. */
  clock?: () => number;
  /** Token lifetime, clamped to Apple's 20-minute maximum. Default 15 minutes. */
  lifetimeSeconds?: number;
}

export interface TokenProvider {
  /** A valid bearer token (without the `Bearer ` prefix). */
  get(): Promise<string>;
  /** Forget the cached token, e.g. after a 401, so the next get() mints a fresh one. */
  invalidate(): void;
}

interface MintedToken {
  jwt: string;
  refreshAtSeconds: number;
}

export const BAD_KEY_MESSAGE =
  'The .p8 file is not a PKCS#8 P-256 private key. Use the AuthKey_<KEYID>.p8 file downloaded from App Store Connect, unchanged.';

export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  const keyId = options.keyId.trim();
  const issuerId = options.issuerId?.trim();
  const individual = options.individual === true;
  const clock = options.clock ?? Date.now;
  const lifetime = Math.min(options.lifetimeSeconds ?? DEFAULT_LIFETIME_SECONDS, MAX_LIFETIME_SECONDS);
  if (keyId === '') throw new OrchardError('BAD_INPUT', 'The key ID is empty.');
  if (!individual && (issuerId === undefined || issuerId === '')) {
    throw new OrchardError('BAD_INPUT', 'A team key needs its issuer ID (shown above the key list in App Store Connect).');
  }
  if (lifetime <= REFRESH_MARGIN_SECONDS) {
    throw new OrchardError('BAD_INPUT', `Token lifetime must exceed ${REFRESH_MARGIN_SECONDS} seconds.`);
  }

  let keyPromise: Promise<CryptoKey> | undefined;
  let current: MintedToken | undefined;
  let minting: Promise<MintedToken> | undefined;

  function loadKey(): Promise<CryptoKey> {
    if (keyPromise === undefined) {
      keyPromise = importKey(options.privateKeyPem);
      // A failed load (locked keychain, bad file) must not stick: the user may fix it and retry.
      keyPromise.catch(() => {
        keyPromise = undefined;
      });
    }
    return keyPromise;
  }

  async function mint(): Promise<MintedToken> {
    const key = await loadKey();
    const iat = Math.floor(clock() / 1000);
    const jwt = new SignJWT(individual ? { sub: 'user' } : {})
      .setProtectedHeader({ alg: 'ES256', kid: keyId, typ: 'JWT' })
      .setIssuedAt(iat)
      .setExpirationTime(iat + lifetime)
      .setAudience(ASC_AUDIENCE);
    if (!individual && issuerId !== undefined) jwt.setIssuer(issuerId);
    return { jwt: await jwt.sign(key), refreshAtSeconds: iat + lifetime - REFRESH_MARGIN_SECONDS };
  }

  return {
    async get() {
      const nowSeconds = Math.floor(clock() / 1000);
      if (current !== undefined && nowSeconds < current.refreshAtSeconds) return current.jwt;
      // Concurrent callers share one signing operation.
      if (minting === undefined) {
        minting = mint()
          .then((token) => {
            current = token;
            return token;
          })
          .finally(() => {
            minting = undefined;
          });
      }
      return (await minting).jwt;
    },
    invalidate() {
      current = undefined;
    },
  };
}

async function importKey(source: TokenProviderOptions['privateKeyPem']): Promise<CryptoKey> {
  // Errors from the loader (e.g. SECRET_STORE_UNAVAILABLE) are the caller's and pass through.
  const pem = typeof source === 'string' ? source : await source();
  try {
    return await importPKCS8(pem.trim(), 'ES256', { extractable: false });
  } catch {
    // jose's message could quote parts of the input; none of it may reach logs or the UI.
    throw new OrchardError('BAD_INPUT', BAD_KEY_MESSAGE, { reason: 'bad-private-key' });
  }
}
