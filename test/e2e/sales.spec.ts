// Sales and Trends in a real browser: the vendor number is checked with Apple (a wrong one is
// refused with where to find the right one), a year of daily sales is backfilled with visible
// progress, the per-date calendar tells a real zero from a loaded day, and money stays per
// currency. The README's screenshots come from demo data instead (salesDemo.spec.ts).
import { test, expect } from './support/orchardFixture';
import { makeTestApiKey } from '../support/testKeys';
import { Shell } from './pages/orchardPages';

const DAY_MS = 86_400_000;

test('vendor number, a year of daily sales, the outcome calendar and money per currency', async ({ app, fakeAsc, orchard }) => {
  test.setTimeout(300_000);
  const key = makeTestApiKey();
  fakeAsc.registerKey({ keyId: key.keyId, issuerId: key.issuerId, publicKeyPem: key.publicKeyPem, role: 'ADMIN' });
  fakeAsc.addApp({ id: '6447000101', name: 'Pocket Garden', bundleId: 'com.example.garden', sku: 'GARDEN' });
  fakeAsc.addApp({ id: '6447000102', name: 'Tide Tables', bundleId: 'com.example.tides', sku: 'TIDES', commerce: false });
  const zeroDay = new Date(Date.now() - 40 * DAY_MS).toISOString().slice(0, 10);
  fakeAsc.sales.noSalesDays.add(zeroDay);
  const added = await orchard.services.dispatch('keys:add', { pem: key.privateKeyPem, keyId: key.keyId, issuerId: key.issuerId, individual: false, label: 'Studio team' }, { transport: 'test' });
  expect(added.ok).toBe(true);

  const shell = new Shell(app);
  await shell.open('Sales');
  const vendor = app.getByRole('form', { name: 'Vendor number' });
  await vendor.getByLabel(/Vendor number of the team/).fill('12345678');
  await vendor.getByRole('button', { name: 'Check and save' }).click();
  await expect(vendor.getByRole('alert')).toContainText('Apple does not know vendor number 12345678');
  await vendor.getByLabel(/Vendor number of the team/).fill(fakeAsc.sales.vendorNumber);
  await vendor.getByRole('button', { name: 'Check and save' }).click();
  await expect(app.getByText(`Vendor ${fakeAsc.sales.vendorNumber} · Finance reports: readable with this key`)).toBeVisible();
  await expect(app.getByRole('button', { name: 'Change' })).toBeVisible();

  // Keep daily Summary Sales only, so the test fetches one year of one report.
  for (const label of ['Sales · weekly', 'Sales · monthly', 'Sales · yearly', 'Subscription · daily', 'Subscription event · daily', 'Subscriber · daily', 'Subscription offer code redemption · daily']) {
    await app.getByRole('checkbox', { name: label }).uncheck();
  }
  await app.getByRole('button', { name: 'Sync sales' }).click();
  await expect(app.getByRole('progressbar')).toBeVisible();
  await expect(app.getByRole('status', { name: 'Last sales sync' })).toContainText('Sales sync succeeded', { timeout: 240_000 });

  const calendar = app.getByRole('list', { name: 'Report dates' });
  await expect(calendar.locator('[data-outcome="no-sales"]')).toHaveCount(1);
  await expect.poll(() => calendar.locator('[data-outcome="loaded"]').count(), { timeout: 60_000 }).toBeGreaterThan(360);
  await expect(calendar.locator('[data-outcome="no-sales"]')).toHaveAttribute('title', new RegExp(`^${zeroDay}: No sales`));
  const money = app.getByRole('table');
  await expect(money.getByRole('row', { name: /^USD/ })).toBeVisible();
  await expect(money.getByRole('row', { name: /^JPY ¥/ })).toBeVisible();
});
