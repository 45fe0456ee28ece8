// Handlers for app:* and prefs:* commands.
import type { PartialHandlers } from '../handlerTypes';
import type { Platform } from '../../platform/platform';
import type { PreferencesService } from '../../preferences/preferencesService';
import { nonAppleBaseUrl, resolveAscBaseUrl } from '../../session/ascBaseUrl';

export function appHandlers(platform: Platform, preferences: PreferencesService) {
  return {
    'app:info': async () => {
      const otherHost = nonAppleBaseUrl(resolveAscBaseUrl(platform.env));
      return {
        name: 'Orchard',
        version: platform.appVersion,
        mode: platform.mode,
        demo: platform.demo,
        dataDir: platform.dataDir,
        platform: process.platform,
        ...(otherHost !== undefined ? { ascBaseUrl: otherHost } : {}),
      };
    },
    'prefs:get': async () => preferences.get(),
    'prefs:update': async (patch) => preferences.update(patch),
  } satisfies PartialHandlers;
}
