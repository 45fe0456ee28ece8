// Composition root of the main-process services, shared by the Electron shell, the loopback
// bridge (browser mode) and tests: build every service from a Platform, bind them to handlers.
import { createDispatcher, type Dispatch } from './ipc/dispatch';
import { createEventHub, type EventHub } from './ipc/eventHub';
import type { Handlers } from './ipc/handlerTypes';
import { appHandlers } from './ipc/handlers/appHandlers';
import type { Platform } from './platform/platform';
import { createPreferencesService } from './preferences/preferencesService';

export interface Services {
  dispatch: Dispatch;
  events: EventHub;
  close(): Promise<void>;
}

export async function createServices(platform: Platform): Promise<Services> {
  const events = createEventHub();
  const preferences = createPreferencesService(platform.settings, (prefs) => events.emit('prefs:changed', prefs));
  const handlers: Handlers = {
    ...appHandlers(platform, preferences),
  };
  return {
    dispatch: createDispatcher(handlers, platform.logger),
    events,
    async close() {},
  };
}
