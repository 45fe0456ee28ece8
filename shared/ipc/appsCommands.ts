// Commands for the apps a key can see, and the app the user works with.
import { z } from 'zod';
import { command } from './define';
import type { App } from '../ascTypes';

export interface AppList {
  keyId: string;
  apps: App[];
  /** The app the user picked to work with, if it is in this list. */
  selectedAppId?: string;
  fetchedAt: string;
}

export const appsCommands = {
  'apps:list': command(z.object({ keyId: z.string().min(1).max(64).optional() }).strict()).returns<AppList>(),
  'apps:selected': command(z.object({}).strict()).returns<{ selectedAppId?: string }>(),
  'apps:select': command(z.object({ appId: z.string().regex(/^\d{1,20}$/, 'an App Store app ID is numeric') }).strict()).returns<{ selectedAppId: string }>(),
};
