// A warehouse whose apps do not line up: Example App has two months of history (a snapshot) and is
// synced last; Trail Notes is first synced on the same day (its data start then, inside a 7-day
// comparison window) and last synced a day before Example App (its data end a day earlier) — the
// case the coverage rule exists for.
import { expect } from 'vitest';
import type { SyncOptions } from '../../../main/sync/syncEngine';
import { APP_ID, startSyncHarness, type SyncHarness } from '../sync/syncHarness';

export { APP_ID };
export const LATE_APP = '1500000001';
export const LATE_APP_NAME = 'Trail Notes';

export const LAGGING_REPORTS = ['App Store Discovery and Engagement Standard', 'App Downloads Standard', 'App Downloads Detailed',
  'App Sessions Standard'];

/** `storeNames: false` leaves orchard.apps as the syncs left it (no names), as before the app lists the apps. */
export async function startLaggingAppsHarness(seed: number, granularities: SyncOptions['granularities'] = ['DAILY', 'WEEKLY'],
  { storeNames = true }: { storeNames?: boolean } = {}): Promise<SyncHarness> {
  const h = await startSyncHarness({ seed });
  h.fake.addApp({ id: LATE_APP, name: LATE_APP_NAME, bundleId: 'com.example.trail', sku: 'TRAIL' });
  const sync = async (appId: string, more: Partial<SyncOptions> = {}) =>
    expect((await h.sync({ reportNames: LAGGING_REPORTS, granularities, appId, ...more })).outcome).toBe('succeeded');
  await sync(APP_ID, { requestSnapshot: true });
  await sync(LATE_APP);
  h.fake.clock.advanceDays(12);
  await sync(LATE_APP);
  h.fake.clock.advanceDays(1);
  await sync(APP_ID);
  // As the app does when it lists the apps (overviewService): their names, for notes naming an app.
  if (storeNames) await h.warehouse.metadata.upsertApps([{ appId: APP_ID, name: 'Example App' }, { appId: LATE_APP, name: LATE_APP_NAME }]);
  return h;
}
