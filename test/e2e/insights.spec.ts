// The Insights section on synced fake data: tiles show the service's numbers, the period switch
// changes them, and "Open in SQL" gives the same number in the workbench.
import { test, expect } from './support/orchardFixture';
import { WorkbenchPage } from './pages/WorkbenchPage';
import { makeTestApiKey } from '../support/testKeys';
import type { FakeAsc } from '../fake-asc';
import type { OrchardHarness } from './support/orchardFixture';
import type { HeadlinesView } from '../../shared/insights';

const APP = { id: '1476097583', name: 'Example App', bundleId: 'com.example.app', sku: 'EXAMPLE' };
const DAY_MS = 86_400_000;
const REPORTS = ['App Store Discovery and Engagement Standard', 'App Downloads Standard'];

async function call<T>(orchard: OrchardHarness, name: string, payload: unknown): Promise<T> {
  const envelope = await orchard.services.dispatch(name, payload, { transport: 'test' });
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
  return envelope.value as T;
}

/** Lets the fake produce `days` of data, then puts its clock back (Orchard signs tokens with the real clock). */
function produceDays(fake: FakeAsc, days: number): void {
  fake.clock.advanceDays(days);
  fake.clock.set(new Date(fake.clock.now().getTime() - days * DAY_MS));
}

async function syncAndWait(orchard: OrchardHarness, runsBefore: number): Promise<void> {
  await call(orchard, 'sync:start', { appId: APP.id, reportNames: REPORTS, granularities: ['DAILY'] });
  await expect.poll(async () => (await call<unknown[]>(orchard, 'sync:history', { appId: APP.id })).length, { timeout: 120_000 }).toBe(runsBefore + 1);
}

test('headline tiles on synced data, the period switch, and Open in SQL', async ({ app, orchard, fakeAsc }) => {
  test.setTimeout(300_000);
  const key = makeTestApiKey();
  fakeAsc.registerKey({ keyId: key.keyId, issuerId: key.issuerId, publicKeyPem: key.publicKeyPem, role: 'ADMIN' });
  fakeAsc.addApp(APP);
  await call(orchard, 'keys:add', { pem: key.privateKeyPem, keyId: key.keyId, issuerId: key.issuerId, individual: false, label: 'Team' });
  await call(orchard, 'apps:select', { appId: APP.id });
  await syncAndWait(orchard, 0);
  produceDays(fakeAsc, 12);
  await syncAndWait(orchard, 1);
  const expected = async (days: 7 | 28) =>
    (await call<HeadlinesView>(orchard, 'insights:headlines', { appId: APP.id, days })).tiles.find((t) => t.id === 'impressions');

  await app.reload();
  await app.locator('.shell[data-state="ready"]').waitFor();
  await app.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Insights' }).click();
  const tile = app.getByRole('region', { name: 'Impressions' });
  const month = await expected(28);
  expect(month?.value).toBeGreaterThan(0);
  await expect(tile.getByTestId('headline-impressions')).toHaveText((month?.value ?? 0).toLocaleString('en-US'));

  await app.getByRole('radio', { name: '7 days' }).click();
  const week = await expected(7);
  expect(week?.value).not.toBe(month?.value);
  await expect(tile.getByTestId('headline-impressions')).toHaveText((week?.value ?? 0).toLocaleString('en-US'));

  // One app synced: all apps together show the same number.
  await app.getByRole('radio', { name: 'All apps' }).click();
  await expect(app.getByRole('radio', { name: 'All apps' })).toHaveAttribute('aria-checked', 'true');
  await expect(tile.getByTestId('headline-impressions')).toHaveText((week?.value ?? 0).toLocaleString('en-US'));

  await tile.getByRole('button', { name: 'Open in SQL' }).click();
  const workbench = new WorkbenchPage(app);
  await expect(workbench.editor).toContainText('app_store_discovery_and_engagement_standard');
  // The all-apps tile's SQL: no app filter.
  await expect(workbench.editor).not.toContainText('app_apple_identifier');
  await workbench.runWithKeyboard();
  await workbench.expectRows('1 row');
  const value = week?.value ?? 0;
  await expect(workbench.row(1)).toContainText(new RegExp(`${value}|${value.toLocaleString('en-US').replace(/,/g, '\\,')}`));
});
