// Sales and Trends in a real browser: the vendor number is checked with Apple (a wrong one is
// refused with where to find the right one), a year of daily sales is backfilled with visible
// progress, the per-date calendar tells a real zero from a loaded day, and money stays per
// currency over the last 30 published days, for all apps or the one picked. The README's
// screenshots come from demo data instead (salesDemo.spec.ts).
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
  for (const label of ['Weekly sales', 'Monthly sales', 'Yearly sales', 'Daily subscriptions', 'Daily subscription events', 'Daily subscribers', 'Daily offer code redemptions']) {
    await app.getByRole('checkbox', { name: label }).uncheck();
  }
  await app.getByRole('button', { name: 'Sync sales' }).click();
  // One bar, named in words, counting dates over the whole run.
  const bar = app.getByRole('progressbar', { name: /^Sales sync/ });
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute('aria-valuetext', /^[\d,]+ of [\d,]+ dates? · /);
  await expect(app.getByRole('status', { name: 'Last sales sync' })).toContainText('Sales sync succeeded', { timeout: 240_000 });

  const calendar = app.getByRole('list', { name: 'Report dates' });
  await expect(calendar.locator('[data-outcome="no-sales"]')).toHaveCount(1);
  await expect.poll(() => calendar.locator('[data-outcome="loaded"]').count(), { timeout: 60_000 }).toBeGreaterThan(360);
  await expect(calendar.locator('[data-outcome="no-sales"]')).toHaveAttribute('title', new RegExp(`^${zeroDay}: No sales`));
  const card = app.getByRole('region', { name: 'Proceeds by currency' });
  const money = card.getByRole('table');
  await expect(money.getByRole('row', { name: /^USD/ })).toBeVisible();
  await expect(money.getByRole('row', { name: /^JPY ¥/ })).toBeVisible();

  // The window ends at the newest day Apple has published, as the report list says it, and says so.
  const upTo = (await app.getByRole('listitem').filter({ hasText: 'Daily sales' }).first().innerText()).match(/data up to (\d{4}-\d{2}-\d{2})/)?.[1];
  expect(upTo).toBeDefined();
  const shortDay = new Date(`${upTo}T12:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
  await expect(card.getByLabel('Sales window')).toContainText(`30 days to ${shortDay} (newest published day)`);
  await expect(card.getByRole('heading', { name: 'Last 30 days · All apps' })).toBeVisible();

  // All apps by default; picking one filters the totals, and the two apps add up to all of them.
  const usdDownloads = async () => Number((await money.getByRole('row', { name: /^USD/ }).getByRole('cell').nth(2).innerText()).replace(/,/g, ''));
  const picker = card.getByRole('combobox', { name: 'App' });
  await expect(picker).toHaveValue('');
  const all = await usdDownloads();
  await picker.selectOption({ label: 'Pocket Garden' });
  await expect(card.getByRole('heading', { name: 'Last 30 days · Pocket Garden' })).toBeVisible();
  const garden = await usdDownloads();
  await picker.selectOption({ label: 'Tide Tables' });
  await expect(card.getByRole('heading', { name: 'Last 30 days · Tide Tables' })).toBeVisible();
  // A free app: downloads, and no money in any currency.
  await expect(money.getByRole('row', { name: /^USD \$0\.00/ })).toBeVisible();
  const tides = await usdDownloads();
  expect(garden).toBeGreaterThan(0);
  expect(tides).toBeGreaterThan(0);
  expect(garden + tides).toBe(all);
  await picker.selectOption({ label: 'All apps (2)' });
  await expect(card.getByRole('heading', { name: 'Last 30 days · All apps' })).toBeVisible();
});
