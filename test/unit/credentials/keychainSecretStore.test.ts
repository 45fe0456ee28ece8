import { describe, expect, it } from 'vitest';
import { OrchardError } from '../../../shared/errors';
import { createKeychainSecretStore, type KeyringBackend } from '../../../main/credentials/keychainSecretStore';
import { rejection } from './keyFixtures';

/** A backend over a Map that records which (service, account) entries were opened. */
function mapBackend() {
  const entries = new Map<string, string>();
  const opened: string[] = [];
  const backend: KeyringBackend = (service, account) => {
    const id = `${service}/${account}`;
    opened.push(id);
    return {
      getPassword: async () => entries.get(id) ?? null,
      setPassword: async (password) => {
        entries.set(id, password);
      },
      deletePassword: async () => entries.delete(id),
    };
  };
  return { backend, entries, opened };
}


describe('createKeychainSecretStore', () => {
  it('stores one entry per account under its service name', async () => {
    const { backend, entries } = mapBackend();
    const store = createKeychainSecretStore('Orchard', { backend });
    expect(store.kind).toBe('keychain');
    expect(await store.available()).toEqual({ ok: true });
    await store.set('KEYID00001', 'secret-1');
    await store.set('KEYID00002', 'secret-2');
    expect([...entries.keys()]).toEqual(['Orchard/KEYID00001', 'Orchard/KEYID00002']);
    expect(await store.get('KEYID00001')).toBe('secret-1');
    expect(await store.delete('KEYID00001')).toBe(true);
    expect(await store.delete('KEYID00001')).toBe(false);
    expect(await store.get('KEYID00001')).toBeNull();
  });

  it('probes availability with a read that writes nothing', async () => {
    const { backend, entries, opened } = mapBackend();
    await createKeychainSecretStore('Orchard', { backend }).available();
    expect(opened).toEqual(['Orchard/orchard-availability-probe']);
    expect(entries.size).toBe(0);
  });

  it('maps platform failures, thrown on open or on use, to SECRET_STORE_UNAVAILABLE in plain words', async () => {
    const dbus = new Error('Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time');
    const failOnOpen: KeyringBackend = () => {
      throw dbus;
    };
    const failOnUse: KeyringBackend = () => ({
      getPassword: () => Promise.reject(new Error("Couldn't access platform storage: AccessDenied")),
      setPassword: () => Promise.reject(new Error("Couldn't access platform storage: AccessDenied")),
      deletePassword: () => Promise.reject(new Error("Couldn't access platform storage: AccessDenied")),
    });

    const linux = createKeychainSecretStore('Orchard', { backend: failOnOpen, platform: 'linux' });
    const availability = await linux.available();
    expect(availability.ok).toBe(false);
    expect(!availability.ok && availability.reason).toBe(
      'No Secret Service (GNOME Keyring, KWallet or similar) is reachable, or it is locked. (System said: Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time)',
    );

    const mac = createKeychainSecretStore('Orchard', { backend: failOnUse, platform: 'darwin' });
    for (const call of [mac.get('K'), mac.set('K', 'top-secret-value'), mac.delete('K')]) {
      const err = await rejection(call);
      expect(err.code).toBe('SECRET_STORE_UNAVAILABLE');
      expect(err.message).toMatch(/^The macOS Keychain is locked or refused access\. \(System said: .*AccessDenied\)$/);
      expect(err.details).toEqual({ backend: 'keychain', platform: 'darwin' });
      expect(JSON.stringify(err.toPayload())).not.toContain('top-secret-value');
    }
  });

  it('calls a keychain that does not answer unavailable instead of hanging', async () => {
    const silent: KeyringBackend = () => ({
      getPassword: () => new Promise<string | null>(() => {}),
      setPassword: () => new Promise<void>(() => {}),
      deletePassword: () => new Promise<boolean>(() => {}),
    });
    const store = createKeychainSecretStore('Orchard', { backend: silent, platform: 'win32', probeTimeoutMs: 20 });
    const availability = await store.available();
    expect(availability).toEqual({ ok: false, reason: 'Windows Credential Manager is not available. It did not answer in time.' });
  });
});
