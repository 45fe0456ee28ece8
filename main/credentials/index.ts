// Public surface of the credentials area for the composition root and main-process consumers.
export type { SecretStore, SecretStoreAvailability, KeyCredentials, TestConnection } from './secretStore';
export { createMemorySecretStore } from './memorySecretStore';
export { createKeychainSecretStore, napiKeyringBackend, DEFAULT_KEYCHAIN_SERVICE } from './keychainSecretStore';
export type { KeyringBackend, KeyringEntry, KeychainSecretStoreOptions } from './keychainSecretStore';
export { createKeyService } from './keyService';
export type { KeyService, KeyServiceDeps } from './keyService';
export { API_KEYS_SETTING } from './keyRegistry';
export type { KeySettings, StoredKey } from './keyRegistry';
export { validateKeyInput, keyIdFromFileName } from './keyValidation';
