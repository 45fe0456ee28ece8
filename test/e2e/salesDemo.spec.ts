// The Sales section as a newcomer sees it in demo mode (`npm run web -- --demo`): the demo's own
// set-up (seedDemo, then enterDemo: key and vendor number), one click on "Sync sales" with the
// default reports kept — one progress bar over every report, named in words, that never goes
// back — and the screen once the backfill is done. With ORCHARD_DOCS_SCREENSHOTS=1
// the README's docs/images/sales.png and sales-dark.png are written from it.
import path from 'node:path';
import { REPO_ROOT, test, expect } from './support/orchardFixture';
import { seedDemo } from '../fake-asc';
import { enterDemo } from '../../main/web/demoMode';
import { silentLogger } from '../../main/logging/logger';
import { Shell } from './pages/orchardPages';

const SHOTS = process.env.ORCHARD_DOCS_SCREENSHOTS === '1' ? path.join(REPO_ROOT, 'docs', 'images') : path.join(REPO_ROOT, 'test-results', 'screenshots');

test('demo mode: one click backfills a year of sales for the demo team', async ({ app, fakeAsc, orchard }) => {
  test.setTimeout(300_000);
  const credentials = await seedDemo(fakeAsc);
  await enterDemo(orchard.services.dispatch, { fake: fakeAsc, credentials }, silentLogger);

  const shell = new Shell(app);
  await shell.open('Sales');
  await expect(app.getByText(`Vendor ${fakeAsc.sales.vendorNumber} · Finance reports: readable with this key`)).toBeVisible();
  // Every change of the bar, as the page draws it (no sampling: a MutationObserver sees each one).
  await app.evaluate(() => {
    const seen: [string, number][] = [];
    Object.assign(window, { salesBarSeen: seen });
    new MutationObserver(() => {
      const bar = document.querySelector('[role="progressbar"][aria-label^="Sales sync"]');
      const entry: [string, number] | undefined = bar ? [bar.getAttribute('aria-label') ?? '', Number(bar.getAttribute('aria-valuenow'))] : undefined;
      const last = seen.at(-1);
      if (entry && (last?.[0] !== entry[0] || last[1] !== entry[1])) seen.push(entry);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await app.getByRole('button', { name: 'Sync sales' }).click();
  await expect(app.getByRole('status', { name: 'Last sales sync' })).toContainText('Sales sync succeeded', { timeout: 280_000 });
  const seen = await app.evaluate(() => (window as unknown as { salesBarSeen: [string, number][] }).salesBarSeen);
  const labels = [...new Set(seen.map(([label]) => label).filter((label) => label !== 'Sales sync: starting…'))];
  // Several reports went by under one bar, each named as a person would say it.
  expect(labels.length).toBeGreaterThan(2);
  expect(labels).toContain('Sales sync: Daily sales');
  for (const label of labels) expect(label).not.toMatch(/[A-Z]+\/[A-Z]+/);
  seen.forEach(([, value], i) => expect(value).toBeGreaterThanOrEqual(seen[i - 1]?.[1] ?? 0));
  const calendar = app.getByRole('list', { name: 'Report dates' });
  // The calendar reloads after the finished event, a moment after the status line: wait for it.
  await expect.poll(() => calendar.locator('[data-outcome="loaded"]').count(), { timeout: 60_000 }).toBeGreaterThan(360);
  const card = app.getByRole('region', { name: 'Proceeds by currency' });
  await expect(card.getByRole('table').getByRole('row', { name: /^USD/ })).toBeVisible();
  await expect(card.getByRole('heading', { name: 'Last 30 days · All apps' })).toBeVisible();
  await expect(card.getByLabel('Sales window')).toContainText(/^30 days to [A-Z][a-z]{2} \d{1,2} \(newest published day\)/);
  await expect(card.getByRole('combobox', { name: 'App' })).toHaveValue('');

  // The shell scrolls inside its main pane, so a full-page shot would stop at the viewport: make the viewport hold the whole section.
  await app.setViewportSize({ width: 1280, height: 1260 });
  for (const theme of ['light', 'dark'] as const) {
    await app.emulateMedia({ colorScheme: theme });
    await expect(app.locator('html')).toHaveAttribute('data-theme', theme);
    await app.screenshot({ path: path.join(SHOTS, theme === 'light' ? 'sales.png' : 'sales-dark.png'), animations: 'disabled' });
  }
});
