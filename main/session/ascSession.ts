// Turns a stored key into a ready API client: the private key is read from the keychain only
// when a token must be signed, and stays inside the token provider's closure.
import { OrchardError } from '../../shared/errors';
import type { ConnectionResult } from '../../shared/keys';
import { createAscClient, type AscClient } from '../asc/client';
import { createTokenProvider } from '../asc/token';
import type { KeyCredentials, KeyService } from '../credentials';
import type { Logger } from '../logging/logger';

export interface AscSession {
  /** A client for the key (the default key when omitted). Throws NOT_FOUND when no key exists. */
  clientFor(keyId?: string): Promise<{ keyId: string; client: AscClient }>;
  /** The connection test the key service runs when a key is added or tested. */
  testConnection(credentials: KeyCredentials): Promise<ConnectionResult>;
  /** Drop cached clients (after a key is removed or replaced). */
  forget(keyId?: string): void;
}

export interface AscSessionDeps {
  keys: () => KeyService;
  fetch: typeof fetch;
  baseUrl: () => string;
  logger: Logger;
  /** The platform clock: tokens are signed and rate-limit windows read with it. */
  now: () => Date;
}

export function createAscSession(deps: AscSessionDeps): AscSession {
  const clients = new Map<string, { baseUrl: string; client: AscClient }>();

  const build = (creds: Omit<KeyCredentials, 'privateKeyPem'>, pem: string | (() => Promise<string>)) =>
    createAscClient({
      baseUrl: deps.baseUrl(),
      fetch: deps.fetch,
      logger: deps.logger,
      clock: () => deps.now().getTime(),
      tokenProvider: createTokenProvider({
        clock: () => deps.now().getTime(),
        keyId: creds.keyId,
        issuerId: creds.issuerId,
        individual: creds.individual,
        privateKeyPem: pem,
      }),
    });

  return {
    async clientFor(keyId) {
      // Resolve the key from metadata only: the secret is read from the keychain when a token is
      // actually signed, not on every call.
      const keys = await deps.keys().list();
      const info = keyId === undefined ? keys.find((k) => k.isDefault) : keys.find((k) => k.keyId === keyId);
      if (info === undefined) {
        // loadCredentials gives the precise, actionable NOT_FOUND (no key at all, unknown key ID).
        await deps.keys().loadCredentials(keyId);
        throw new OrchardError('NOT_FOUND', 'Add an App Store Connect API key first.', { reason: 'no-key' });
      }
      const cached = clients.get(info.keyId);
      if (cached && cached.baseUrl === deps.baseUrl()) return { keyId: info.keyId, client: cached.client };
      const id = info.keyId;
      const client = build(
        { keyId: id, issuerId: info.issuerId, individual: info.keyType === 'individual' },
        async () => (await deps.keys().loadCredentials(id)).privateKeyPem,
      );
      clients.set(id, { baseUrl: deps.baseUrl(), client });
      return { keyId: id, client };
    },
    async testConnection(creds) {
      const result = await build(creds, creds.privateKeyPem).testConnection();
      if (result.ok) return { status: 'works', appsVisible: result.appsVisible };
      const status =
        result.reason === 'auth-failed' || result.reason === 'bad-key'
          ? 'unauthorized'
          : result.reason === 'forbidden'
            ? 'forbidden'
            : result.reason === 'network'
              ? 'network'
              : 'error';
      return { status, message: result.error.message };
    },
    forget(keyId) {
      if (keyId === undefined) clients.clear();
      else clients.delete(keyId);
    },
  };
}
