// Handlers for apps:* commands: the apps the default key sees, and the app the user works with.
import { OrchardError } from '../../../shared/errors';
import type { KeyService } from '../../credentials';
import type { AscSession } from '../../session/ascSession';
import type { SettingsStore } from '../../settings/settingsStore';
import type { OrchardSettings } from '../../settings/orchardSettings';
import type { PartialHandlers } from '../handlerTypes';
import type { Logger } from '../../logging/logger';
import type { MetadataStore } from '../../warehouse';
import { appsInWarehouse, rememberApps } from '../../browse/warehouseApps';

export interface AppsSource {
  metadata: Pick<MetadataStore, 'read' | 'upsertApps'>;
  /** A lake opened read-only: the apps are those its data holds, and no key is asked for. */
  lake: boolean;
  logger: Logger;
}

export function appsHandlers(keys: KeyService, session: AscSession, settings: SettingsStore<OrchardSettings>, now: () => Date, source: AppsSource) {
  const selection = (apps: readonly { id: string }[]) => {
    const selected = settings.get('selectedAppId');
    return typeof selected === 'string' && apps.some((a) => a.id === selected) ? selected : undefined;
  };
  return {
    'apps:list': async ({ keyId }) => {
      if (source.lake) {
        const apps = await appsInWarehouse(source.metadata);
        const selectedAppId = selection(apps);
        // No key over a lake: keyId is empty.
        return { keyId: '', apps, ...(selectedAppId ? { selectedAppId } : {}), fetchedAt: now().toISOString() };
      }
      if ((await keys.list()).length === 0) {
        throw new OrchardError('NOT_FOUND', 'Add an App Store Connect API key first.', { reason: 'no-key' });
      }
      const { keyId: usedKey, client } = await session.clientFor(keyId);
      const apps = await client.listApps();
      apps.sort((a, b) => a.name.localeCompare(b.name));
      await rememberApps(source.metadata, apps, source.logger);
      return {
        keyId: usedKey,
        apps,
        selectedAppId: selection(apps),
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
