// Commands about new versions of Orchard: the in-app "new version available" check (main fetches
// the release feed; the renderer only shows the answer and a link to the download page).
import { z } from 'zod';
import { command } from './define';

export type UpdateStatus =
  /** No feed configured (browser mode, tests, development builds) or turned off by the user. */
  | { state: 'disabled' }
  | { state: 'current'; currentVersion: string; latestVersion: string; checkedAt: string }
  | { state: 'available'; currentVersion: string; latestVersion: string; releaseName: string; url: string; checkedAt: string }
  /** The feed could not be read or understood; the app works on, nothing to act on. */
  | { state: 'failed'; currentVersion: string; reason: string; checkedAt: string };

export const updateCommands = {
  /** Checks once per app start; later calls return that answer unless `refresh` is set. */
  'updates:check': command(z.object({ refresh: z.boolean().optional() }).strict()).returns<UpdateStatus>(),
};
