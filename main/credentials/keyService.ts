// The API-key service: adds, lists, tests and removes App Store Connect keys, keeping the private
// key in a SecretStore (keychain, or memory for session-only keys) and only metadata in settings.
// loadCredentials is the one way main-process consumers (API client, sync) obtain a private key.
import { OrchardError } from '../../shared/errors';
import type {
  AddKeyInput,
  AddKeyResult,
  ConnectionResult,
  KeyInfo,
  KeyInspection,
  KeyStatus,
  KeyStorage,
  RoleHint,
  SecureStoreStatus,
} from '../../shared/keys';
import type { Logger } from '../logging/logger';
import type { SettingsStore } from '../settings/settingsStore';
import { createKeyRegistry, type KeySettings, type StoredKey } from './keyRegistry';
import { keyIdWarnings, validateKeyInput } from './keyValidation';
import type { KeyCredentials, SecretStore, TestConnection } from './secretStore';

export interface KeyServiceDeps {
  settings: SettingsStore<KeySettings>;
  /** The persistent store, normally the OS keychain. */
  secretStore: SecretStore;
  /** Holds session-only keys for the life of the process. */
  sessionStore: SecretStore;
  testConnection: TestConnection;
  clock?: () => Date;
  logger?: Logger;
}

export interface KeyService {
  list(): Promise<KeyInfo[]>;
  secureStoreStatus(): Promise<SecureStoreStatus>;
  /** Validates an add request without storing anything (form preview); throws BAD_INPUT. */
  inspect(input: AddKeyInput): Promise<KeyInspection>;
  add(input: AddKeyInput): Promise<AddKeyResult>;
  test(keyId: string): Promise<ConnectionResult>;
  /** Returns the keys left; if the removed key was the default, the first remaining one is. */
  remove(keyId: string): Promise<KeyInfo[]>;
  setDefault(keyId: string): Promise<KeyInfo[]>;
  /** For the sync engine: what a POST revealed about the key's role. Unknown key IDs are ignored. */
  recordRoleHint(keyId: string, hint: RoleHint): Promise<void>;
  /** Main process only: the key to sign with (the default one when keyId is omitted). */
  loadCredentials(keyId?: string): Promise<KeyCredentials>;
}

export function createKeyService(deps: KeyServiceDeps): KeyService {
  const { secretStore, sessionStore, testConnection } = deps;
  const registry = createKeyRegistry(deps.settings);
  const now = () => (deps.clock ?? (() => new Date()))().toISOString();
  const exclusive = createSerializer();
  const storeFor = (storage: KeyStorage) => (storage === 'session' ? sessionStore : secretStore);

  const statusOf = async (key: StoredKey): Promise<KeyStatus> =>
    key.storage === 'session' && (await sessionStore.get(key.keyId)) === null ? 'session-expired' : 'ready';

  const list = async (): Promise<KeyInfo[]> =>
    Promise.all(registry.read().map(async (key) => toKeyInfo(key, await statusOf(key))));

  const find = (keyId: string): StoredKey => {
    const key = registry.read().find((k) => k.keyId === keyId);
    if (key === undefined) throw new OrchardError('NOT_FOUND', `There is no API key with ID ${keyId} in Orchard.`, { keyId });
    return key;
  };

  const touch = (keyId: string, patch: Partial<StoredKey>) =>
    registry.update((keys) => keys.map((key) => (key.keyId === keyId ? { ...key, ...patch } : key)));

  const readSecret = async (key: StoredKey): Promise<string> => {
    let secret: string | null;
    try {
      secret = await storeFor(key.storage).get(key.keyId);
    } catch (err) {
      throw asStoreUnavailable(err);
    }
    if (secret !== null) return secret;
    throw key.storage === 'session'
      ? new OrchardError('NOT_FOUND', `The session-only key ${key.keyId} was kept in memory only and was lost when Orchard quit. Add its .p8 file again, or remove the key.`, { keyId: key.keyId, reason: 'session-expired' })
      : new OrchardError('NOT_FOUND', `The system keychain has no private key for ${key.keyId}; it may have been deleted outside Orchard. Remove the key and add its .p8 file again.`, { keyId: key.keyId, reason: 'secret-missing' });
  };

  const loadStored = async (keyId: string | undefined): Promise<{ key: StoredKey; credentials: KeyCredentials }> => {
    const keys = registry.read();
    const key = keyId === undefined ? keys.find((k) => k.isDefault) : find(keyId);
    if (key === undefined) throw new OrchardError('NOT_FOUND', 'No App Store Connect API key has been added yet. Add one first.', { reason: 'no-keys' });
    const privateKeyPem = await readSecret(key);
    const credentials: KeyCredentials = { keyId: key.keyId, individual: key.keyType === 'individual', privateKeyPem };
    if (key.issuerId !== undefined) credentials.issuerId = key.issuerId;
    return { key, credentials };
  };

  return {
    list,

    async secureStoreStatus() {
      const availability = await secretStore.available();
      return availability.ok
        ? { available: true, backend: secretStore.kind }
        : { available: false, backend: secretStore.kind, reason: availability.reason };
    },

    async inspect(input) {
      const { keyId, keyType, issuerId, label, warnings } = await validateKeyInput(input);
      return { keyId, keyType, ...(issuerId === undefined ? {} : { issuerId }), label, warnings };
    },

    async add(input) {
      const valid = await validateKeyInput(input);
      return exclusive(async () => {
        const existing = registry.read().find((k) => k.keyId === valid.keyId);
        // Replacing a session key whose secret is already gone loses nothing, so needs no confirmation.
        if (existing !== undefined && !input.replace && (await statusOf(existing)) !== 'session-expired') {
          throw new OrchardError('CONFLICT', `Orchard already has a key with ID ${valid.keyId} ("${existing.label}"). Confirm to replace it.`, { field: 'keyId', keyId: valid.keyId });
        }
        const storage: KeyStorage = input.sessionOnly ? 'session' : 'keychain';
        if (storage === 'keychain') {
          const availability = await secretStore.available();
          if (!availability.ok) {
            deps.logger?.warn('keys.secret_store_unavailable', { reason: availability.reason });
            throw new OrchardError(
              'SECRET_STORE_UNAVAILABLE',
              `${availability.reason} Orchard never writes private keys to a plain file. You can add this key as a session-only key instead: it stays in memory until Orchard quits.`,
              { field: 'sessionOnly', sessionOnlyPossible: true },
            );
          }
        }
        try {
          await storeFor(storage).set(valid.keyId, valid.privateKeyPem);
        } catch (err) {
          throw asStoreUnavailable(err);
        }
        if (existing !== undefined && existing.storage !== storage) {
          await storeFor(existing.storage).delete(valid.keyId).catch(() => {
            deps.logger?.warn('keys.stale_secret_kept', { keyId: valid.keyId, storage: existing.storage });
          });
        }
        const record: StoredKey = {
          keyId: valid.keyId,
          label: valid.label,
          keyType: valid.keyType,
          ...(valid.issuerId === undefined ? {} : { issuerId: valid.issuerId }),
          storage,
          isDefault: existing?.isDefault ?? false,
          // Same key ID means the same Apple key, so what was learned about its role still holds.
          ...(existing?.roleHint === undefined ? {} : { roleHint: existing.roleHint, roleHintAt: existing.roleHintAt }),
          createdAt: now(),
        };
        let saved: StoredKey[];
        try {
          saved = registry.update((keys) =>
            existing === undefined ? [...keys, record] : keys.map((k) => (k.keyId === record.keyId ? record : k)),
          );
        } catch (err) {
          if (existing === undefined) await storeFor(storage).delete(valid.keyId).catch(() => false);
          throw err;
        }
        deps.logger?.info('keys.added', { keyId: valid.keyId, storage, replaced: existing !== undefined });
        const stored = saved.find((k) => k.keyId === valid.keyId) ?? record;
        return { key: toKeyInfo(stored, 'ready'), warnings: valid.warnings, replaced: existing !== undefined };
      });
    },

    async test(keyId) {
      const { credentials } = await loadStored(keyId);
      let result: ConnectionResult;
      try {
        result = await testConnection(credentials);
      } catch (err) {
        // The injected client should return results, not throw; keep whatever it throws out of the UI.
        result = { status: 'error', message: err instanceof OrchardError ? err.message : 'The connection test failed unexpectedly.' };
      }
      const at = now();
      touch(keyId, {
        lastUsedAt: at,
        lastTest: { at, status: result.status, ...(result.status === 'works' && result.appsVisible !== undefined ? { appsVisible: result.appsVisible } : {}) },
      });
      return result;
    },

    remove: (keyId) =>
      exclusive(async () => {
        const key = find(keyId);
        try {
          await storeFor(key.storage).delete(keyId);
        } catch (err) {
          const cause = asStoreUnavailable(err);
          throw new OrchardError(cause.code, `${cause.message} The key was not removed, so that no private key is left behind in the keychain; unlock it and try again.`, { keyId });
        }
        await sessionStore.delete(keyId);
        registry.update((keys) => keys.filter((k) => k.keyId !== keyId));
        deps.logger?.info('keys.removed', { keyId });
        return list();
      }),

    setDefault: (keyId) =>
      exclusive(async () => {
        find(keyId);
        registry.update((keys) => keys.map((key) => ({ ...key, isDefault: key.keyId === keyId })));
        return list();
      }),

    async recordRoleHint(keyId, hint) {
      const at = now();
      touch(keyId, { roleHint: hint, roleHintAt: at, lastUsedAt: at });
    },

    async loadCredentials(keyId) {
      const { key, credentials } = await loadStored(keyId);
      touch(key.keyId, { lastUsedAt: now() });
      return credentials;
    },
  };
}

/** Builds the renderer's view field by field, so nothing else stored can ever leak into it. */
function toKeyInfo(key: StoredKey, status: KeyStatus): KeyInfo {
  const info: KeyInfo = {
    keyId: key.keyId,
    label: key.label,
    keyType: key.keyType,
    storage: key.storage,
    status,
    isDefault: key.isDefault,
    createdAt: key.createdAt,
    warnings: keyIdWarnings(key.keyId),
  };
  if (key.issuerId !== undefined) info.issuerId = key.issuerId;
  if (key.roleHint !== undefined) info.roleHint = key.roleHint;
  if (key.lastUsedAt !== undefined) info.lastUsedAt = key.lastUsedAt;
  if (key.lastTest !== undefined) info.lastTest = { ...key.lastTest };
  return info;
}

function asStoreUnavailable(err: unknown): OrchardError {
  if (err instanceof OrchardError) return err;
  return new OrchardError('SECRET_STORE_UNAVAILABLE', 'The secure store for private keys failed. Unlock the system keychain, or use a session-only key.');
}

/** Runs tasks one after another so read-check-write sequences around async secret calls don't interleave. */
function createSerializer() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}
