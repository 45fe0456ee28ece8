// SecretStore over the OS keychain (macOS Keychain, Windows Credential Manager, Linux Secret
// Service) through @napi-rs/keyring: one entry per account under one service name. Every
// platform failure becomes SECRET_STORE_UNAVAILABLE with a plain explanation, never a secret.
import { AsyncEntry } from '@napi-rs/keyring';
import { OrchardError } from '../../shared/errors';
import type { SecretStore, SecretStoreAvailability } from './secretStore';

/** The three calls Orchard makes on one keychain entry (a subset of AsyncEntry). */
export interface KeyringEntry {
  getPassword(): Promise<string | null>;
  setPassword(password: string): Promise<void>;
  deletePassword(): Promise<boolean>;
}

/** Opens the entry for (service, account); may throw when the platform store is unusable. */
export type KeyringBackend = (service: string, account: string) => KeyringEntry;

export interface KeychainSecretStoreOptions {
  backend?: KeyringBackend;
  platform?: NodeJS.Platform;
  /** How long available() waits for the keychain before calling it unavailable. */
  probeTimeoutMs?: number;
}

export const DEFAULT_KEYCHAIN_SERVICE = 'Orchard';

/** A read of an entry that never exists: reveals whether the store answers, without prompts. */
const PROBE_ACCOUNT = 'orchard-availability-probe';

/**
 * On Linux the binding silently falls back to the kernel keyutils store when no Secret Service
 * runs; that store is in-memory and loses keys at reboot, so Orchard insists on Secret Service.
 */
export function napiKeyringBackend(platform: NodeJS.Platform = process.platform): KeyringBackend {
  const options = platform === 'linux' ? { linux: { store: 'secret-service' as const } } : undefined;
  return (service, account) => new AsyncEntry(service, account, options);
}

export function createKeychainSecretStore(
  service: string = DEFAULT_KEYCHAIN_SERVICE,
  options: KeychainSecretStoreOptions = {},
): SecretStore {
  const platform = options.platform ?? process.platform;
  const backend = options.backend ?? napiKeyringBackend(platform);
  const probeTimeoutMs = options.probeTimeoutMs ?? 10_000;

  // Entry construction can throw too (a pinned store that is missing), so it happens inside.
  const withEntry = async <T>(account: string, action: (entry: KeyringEntry) => Promise<T>): Promise<T> => {
    try {
      return await action(backend(service, account));
    } catch (err) {
      throw keychainUnavailableError(platform, err);
    }
  };

  return {
    kind: 'keychain',
    async available(): Promise<SecretStoreAvailability> {
      const probe = withEntry(PROBE_ACCOUNT, (entry) => entry.getPassword()).then(
        (): SecretStoreAvailability => ({ ok: true }),
        (err: unknown): SecretStoreAvailability => ({
          ok: false,
          reason: err instanceof Error ? err.message : keychainProblem(platform),
        }),
      );
      return withTimeout(probe, probeTimeoutMs, {
        ok: false,
        reason: `${keychainProblem(platform)} It did not answer in time.`,
      });
    },
    get: (account) => withEntry(account, (entry) => entry.getPassword()),
    set: (account, secret) => withEntry(account, (entry) => entry.setPassword(secret)),
    delete: (account) => withEntry(account, (entry) => entry.deletePassword()),
  };
}

/** What is wrong, in the user's terms, for each platform's keychain. */
export function keychainProblem(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'linux':
      return 'No Secret Service (GNOME Keyring, KWallet or similar) is reachable, or it is locked.';
    case 'darwin':
      return 'The macOS Keychain is locked or refused access.';
    case 'win32':
      return 'Windows Credential Manager is not available.';
    default:
      return 'The system keychain is not available.';
  }
}

function keychainUnavailableError(platform: NodeJS.Platform, err: unknown): OrchardError {
  // The binding's messages name the platform failure (e.g. a D-Bus error) and never the secret.
  const detail = err instanceof Error ? err.message.slice(0, 300) : 'unknown error';
  return new OrchardError('SECRET_STORE_UNAVAILABLE', `${keychainProblem(platform)} (System said: ${detail})`, {
    backend: 'keychain',
    platform,
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
