// Handlers for apps:* commands: the apps the default key sees, and the app the user works with.
import { OrchardError } from '../../../shared/errors';
import type { KeyService } from '../../credentials';
import type { AscSession } from '../../session/ascSession';
import type { SettingsStore } from '../../settings/settingsStore';
import type { OrchardSettings } from '../../settings/orchardSettings';
import type { PartialHandlers } from '../handlerTypes';

export function appsHandlers(keys: KeyService, session: AscSession, settings: SettingsStore<OrchardSettings>, now: () => Date) {
  return {
    'apps:list': async ({ keyId }) => {
      if ((await keys.list()).length === 0) {
        throw new OrchardError('NOT_FOUND', 'Add an App Store Connect API key first.', { reason: 'no-key' });
      }
      const { keyId: usedKey, client } = await session.clientFor(keyId);
      const apps = await client.listApps();
      apps.sort((a, b) => a.name.localeCompare(b.name));
      const selected = settings.get('selectedAppId');
      return {
        keyId: usedKey,
        apps,
        selectedAppId: typeof selected === 'string' && apps.some((a) => a.id === selected) ? selected : undefined,
        fetchedAt: now().toISOString(),
      };
    },
    'apps:selected': async () => {
      const selected = settings.get('selectedAppId');
      return typeof selected === 'string' ? { selectedAppId: selected } : {};
    },
    'apps:select': async ({ appId }) => {
      settings.set('selectedAppId', appId);
      return { selectedAppId: appId };
    },
  } satisfies PartialHandlers;
}
