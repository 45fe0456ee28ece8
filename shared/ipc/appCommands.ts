// Commands about the app itself: version, mode, preferences.
import { z } from 'zod';
import { command } from './define';
import type { AppInfo, Preferences } from '../app';

export const themeSchema = z.enum(['system', 'light', 'dark']);

export const preferencesPatchSchema = z
  .object({
    theme: themeSchema,
  })
  .partial()
  .strict();

export const appCommands = {
  'app:info': command(z.object({}).strict()).returns<AppInfo>(),
  'prefs:get': command(z.object({}).strict()).returns<Preferences>(),
  'prefs:update': command(preferencesPatchSchema).returns<Preferences>(),
};
