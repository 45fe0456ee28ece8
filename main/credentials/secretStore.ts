// Where private keys live: the OS keychain, or process memory for session-only keys. Main-process
// only; the renderer never sees a secret, only SecureStoreStatus and KeyInfo from shared/keys.
import type { ConnectionResult } from '../../shared/keys';

export type SecretStoreAvailability = { ok: true } | { ok: false; reason: string };

export interface SecretStore {
  readonly kind: 'keychain' | 'memory';
  /** Never throws: says whether get/set/delete can be expected to work, and if not, why. */
  available(): Promise<SecretStoreAvailability>;
  /** Resolves null when no secret is stored for the account. */
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** Resolves true if a secret was deleted, false if there was none. */
  delete(account: string): Promise<boolean>;
}

/** Everything needed to sign an App Store Connect JWT. Never log, persist or send this. */
export interface KeyCredentials {
  keyId: string;
  /** Team keys only. */
  issuerId?: string;
  individual: boolean;
  privateKeyPem: string;
}

/** Injected by the composition root: one authenticated call (e.g. GET /v1/apps) with the key. */
export type TestConnection = (credentials: KeyCredentials) => Promise<ConnectionResult>;
