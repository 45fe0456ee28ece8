// Persists the non-secret metadata of API keys under the settings key `apiKeys` (an array).
// What is read back is re-validated with zod: a broken optional field falls back to a default,
// a broken entry is hidden but kept verbatim on the next write, so a hand edit never crashes the
// app nor silently loses a key.
import { z } from 'zod';
import { ROLE_HINTS, type ConnectionStatus, type KeyStorage, type KeyType, type RoleHint } from '../../shared/keys';
import type { SettingsStore } from '../settings/settingsStore';
import { defaultKeyLabel } from './keyValidation';

/** The part of the settings file this module owns; the app's settings type includes it. */
export type KeySettings = { apiKeys: unknown };

export const API_KEYS_SETTING = 'apiKeys';

export interface StoredKey {
  keyId: string;
  label: string;
  keyType: KeyType;
  issuerId?: string;
  storage: KeyStorage;
  isDefault: boolean;
  roleHint?: RoleHint;
  roleHintAt?: string;
  createdAt: string;
  lastUsedAt?: string;
  lastTest?: { at: string; status: ConnectionStatus; appsVisible?: number };
}

const isoTimestamp = z.iso.datetime({ offset: true });
const connectionStatus = z.enum(['works', 'unauthorized', 'forbidden', 'network', 'error']);

const storedKeySchema = z
  .object({
    keyId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    label: z.string().trim().min(1).max(200).optional().catch(undefined),
    keyType: z.enum(['team', 'individual']),
    issuerId: z.string().regex(/^[0-9a-f-]{36}$/i).optional(),
    storage: z.enum(['keychain', 'session']).catch('keychain'),
    isDefault: z.boolean().catch(false),
    roleHint: z.enum(ROLE_HINTS as [RoleHint, ...RoleHint[]]).optional().catch(undefined),
    roleHintAt: isoTimestamp.optional().catch(undefined),
    createdAt: isoTimestamp.catch(new Date(0).toISOString()),
    lastUsedAt: isoTimestamp.optional().catch(undefined),
    lastTest: z
      .object({ at: isoTimestamp, status: connectionStatus, appsVisible: z.number().int().nonnegative().optional() })
      .optional()
      .catch(undefined),
  })
  // A team key cannot sign a token without its issuer; an individual key must not send one.
  .refine((key) => (key.keyType === 'team') === (key.issuerId !== undefined));

export interface KeyRegistry {
  /** Valid entries in file order, with exactly one default when there are any. */
  read(): StoredKey[];
  /** Applies `change` to the current entries and writes the result (normalised) back. */
  update(change: (keys: StoredKey[]) => StoredKey[]): StoredKey[];
}

export function createKeyRegistry(settings: SettingsStore<KeySettings>): KeyRegistry {
  const load = (): { keys: StoredKey[]; unreadable: unknown[] } => {
    const raw = settings.get(API_KEYS_SETTING);
    const keys: StoredKey[] = [];
    const unreadable: unknown[] = [];
    for (const entry of Array.isArray(raw) ? raw : []) {
      const parsed = storedKeySchema.safeParse(entry);
      if (!parsed.success || keys.some((key) => key.keyId === parsed.data.keyId)) {
        unreadable.push(entry);
        continue;
      }
      const { label, ...rest } = parsed.data;
      keys.push(withoutUndefined({ ...rest, label: label ?? defaultKeyLabel(rest.keyId, rest.keyType === 'individual') }));
    }
    return { keys: withOneDefault(keys), unreadable };
  };

  return {
    read: () => load().keys,
    update(change) {
      const { keys, unreadable } = load();
      const next = withOneDefault(change(keys.map((key) => ({ ...key }))).map(withoutUndefined));
      settings.set(API_KEYS_SETTING, [...next, ...unreadable]);
      return next;
    },
  };
}

function withOneDefault(keys: StoredKey[]): StoredKey[] {
  const chosen = keys.find((key) => key.isDefault) ?? keys[0];
  return keys.map((key) => ({ ...key, isDefault: key === chosen }));
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
