// Whether the default key may create and delete report requests. Apple reveals a key's role only
// by accepting (201) or refusing (403) a POST, so an unknown role is allowed to try once.
import type { RoleView } from '../../shared/browse';
import type { KeyInfo } from '../../shared/keys';

export const READ_ONLY_REASON =
  'This key is not an Admin key: App Store Connect refused to let it create a report request. Only Admin keys can ' +
  'create or delete requests. Add an Admin key on the API Keys page, or ask an Admin to request the reports once; ' +
  'this key can then download them.';

export function roleView(keys: readonly KeyInfo[]): RoleView {
  const key = keys.find((k) => k.isDefault) ?? keys[0];
  if (key === undefined) return { canManage: false, reason: 'Add an App Store Connect API key first.' };
  const base = { keyId: key.keyId, ...(key.roleHint === undefined ? {} : { roleHint: key.roleHint }) };
  if (key.roleHint === 'read-only') return { ...base, canManage: false, reason: READ_ONLY_REASON };
  return { ...base, canManage: true };
}
