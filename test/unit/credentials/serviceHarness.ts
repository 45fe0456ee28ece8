// Builds a KeyService over in-memory (or conf-backed) settings and secret stores, with a clock
// the test moves and a recorded fake testConnection, for the credentials unit tests.
import type { ConnectionResult } from '../../../shared/keys';
import { createKeychainSecretStore } from '../../../main/credentials/keychainSecretStore';
import { createKeyService, type KeyService } from '../../../main/credentials/keyService';
import { createMemorySecretStore } from '../../../main/credentials/memorySecretStore';
import type { KeySettings } from '../../../main/credentials/keyRegistry';
import type { KeyCredentials, SecretStore } from '../../../main/credentials/secretStore';
import { createMemorySettingsStore } from '../../../main/settings/confSettingsStore';
import type { SettingsStore } from '../../../main/settings/settingsStore';

export interface Harness {
  service: KeyService;
  settings: SettingsStore<KeySettings>;
  secretStore: SecretStore;
  sessionStore: SecretStore;
  tested: KeyCredentials[];
  setConnectionResult(result: ConnectionResult | Error): void;
  advance(ms: number): void;
  /** A new service over the same settings and keychain, as after quitting and restarting Orchard. */
  restart(): Harness;
}

export const START = Date.parse('2025-03-01T10:00:00.000Z');

export function createHarness(opts: { settings?: SettingsStore<KeySettings>; secretStore?: SecretStore } = {}): Harness {
  const settings = opts.settings ?? createMemorySettingsStore<KeySettings>({ apiKeys: [] });
  const secretStore = opts.secretStore ?? createMemorySecretStore();
  let now = START;
  let connectionResult: ConnectionResult | Error = { status: 'works', appsVisible: 3 };
  const tested: KeyCredentials[] = [];
  const build = (): Harness => {
    const sessionStore = createMemorySecretStore();
    const service = createKeyService({
      settings,
      secretStore,
      sessionStore,
      clock: () => new Date(now),
      testConnection: async (credentials) => {
        tested.push(credentials);
        if (connectionResult instanceof Error) throw connectionResult;
        return connectionResult;
      },
    });
    return {
      service,
      settings,
      secretStore,
      sessionStore,
      tested,
      setConnectionResult: (result) => {
        connectionResult = result;
      },
      advance: (ms) => {
        now += ms;
      },
      restart: build,
    };
  };
  return build();
}

/** A real keychain store over a backend that fails like headless Linux without a Secret Service. */
export function unavailableKeychain(): SecretStore {
  return createKeychainSecretStore('Orchard', {
    platform: 'linux',
    backend: () => {
      throw new Error('Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time');
    },
  });
}
