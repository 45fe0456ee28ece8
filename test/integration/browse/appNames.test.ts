// The app list Apple returns is stored in orchard.apps, so notes and lag lines (and a lake published
// from this warehouse) name apps instead of printing their Apple IDs.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ID, startBrowseHarness, type BrowseHarness } from './browseHarness';

let h: BrowseHarness;
beforeAll(async () => {
  h = await startBrowseHarness();
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe('apps:list', () => {
  it('stores every listed app with its name, bundle ID and SKU', async () => {
    const list = await h.call('apps:list', {});
    const listed = list.apps.find((a) => a.id === APP_ID);
    expect(listed?.name).toBe('Example App');
    const stored = await h.call('query:run', { runId: randomUUID(), sql: `SELECT app_id, name, bundle_id, sku FROM orchard.apps WHERE app_id = '${APP_ID}'` });
    expect(stored.firstRows).toEqual([[APP_ID, listed?.name, listed?.bundleId, listed?.sku]]);
  });
});
