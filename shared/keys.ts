// App Store Connect API keys as the renderer sees them: metadata, secure-store status and test
// results. Nothing here ever holds key material; the only secret-bearing shape is the add request,
// which travels renderer -> main once and is never sent back.
import { z } from 'zod';

export type KeyType = 'team' | 'individual';

/** Where the private key lives: the OS keychain, or process memory until Orchard quits. */
export type KeyStorage = 'keychain' | 'session';

/** Learned from real calls (a 201 or a 403 on POST), since GET /v1/apps cannot reveal the role. */
export type RoleHint = 'admin' | 'read-only';
export const ROLE_HINTS: readonly RoleHint[] = ['admin', 'read-only'];

/** 'session-expired': a session-only key whose secret was lost when Orchard last quit. */
export type KeyStatus = 'ready' | 'session-expired';

export type ConnectionStatus = 'works' | 'unauthorized' | 'forbidden' | 'network' | 'error';

export type ConnectionResult =
  | { status: 'works'; appsVisible?: number }
  | { status: Exclude<ConnectionStatus, 'works'>; message: string };

export type KeyWarningCode = 'KEY_ID_UNUSUAL' | 'KEY_ID_FILE_NAME_MISMATCH';

/** Something that does not block adding a key but may explain a later 401. */
export interface KeyWarning {
  code: KeyWarningCode;
  message: string;
}

export interface KeyInfo {
  keyId: string;
  label: string;
  keyType: KeyType;
  /** Team keys only. Lower-case UUID. */
  issuerId?: string;
  storage: KeyStorage;
  status: KeyStatus;
  isDefault: boolean;
  roleHint?: RoleHint;
  /** ISO timestamps. */
  createdAt: string;
  lastUsedAt?: string;
  lastTest?: { at: string; status: ConnectionStatus; appsVisible?: number };
  warnings: KeyWarning[];
}

export type SecureStoreStatus =
  | { available: true; backend: 'keychain' | 'memory' }
  | { available: false; backend: 'keychain' | 'memory'; reason: string };

/**
 * What the "add key" form sends. `pem` is the text of the .p8 file (read by the renderer from
 * the chosen file, or pasted); `fileName` lets main take the key ID from `AuthKey_<KEYID>.p8`.
 */
export const addKeyInputSchema = z
  .object({
    fileName: z.string().max(1024).optional(),
    pem: z.string().max(16_384),
    keyId: z.string().max(256).optional(),
    issuerId: z.string().max(256).optional(),
    individual: z.boolean(),
    label: z.string().max(256).optional(),
    sessionOnly: z.boolean().optional(),
    /** The user confirmed replacing a key with the same key ID. */
    replace: z.boolean().optional(),
  })
  .strict();

export type AddKeyInput = z.infer<typeof addKeyInputSchema>;

/** Normalised, secret-free view of an add request: what would be stored, for a form preview. */
export interface KeyInspection {
  keyId: string;
  keyType: KeyType;
  issuerId?: string;
  label: string;
  warnings: KeyWarning[];
}

export interface AddKeyResult {
  key: KeyInfo;
  warnings: KeyWarning[];
  replaced: boolean;
}
