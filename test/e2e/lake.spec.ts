// Issue 22 in a real browser: a data folder synced from the fake, published with `orchard publish
// --lake`, then two `npm run web` servers — one on the folder, one with `--lake` — show the same
// Insights Overview (every tile as drawn, at several periods), and the lake's says it is a
// read-only lake, who published it when, and never leads to adding a key or syncing.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './support/orchardFixture';
import { InsightsDashboards } from './pages/InsightsDashboards';
import { Shell } from './pages/orchardPages';
import { lakePublisher, runCli, serveLakeWithDetails, startWebServer, syncDataFolder } from './support/lakeServers';

/** The reports behind the Overview's headline tiles. */
const REPORTS = ['App Store Discovery and Engagement Standard', 'App Downloads Standard', 'App Store Purchases Standard', 'App Sessions Standard', 'App Crashes'];
const PERIODS = [28, 90, 7] as const;

/** Opens Insights › Overview for all apps, ready for the period switch. */
async function openOverview(page: Page): Promise<void> {
  await page.locator('.shell[data-state="ready"]').waitFor();
  const insights = new InsightsDashboards(page);
  await insights.open();
  await insights.openTab('Overview');
  const allApps = page.getByRole('radiogroup', { name: 'Apps' }).getByRole('radio', { name: 'All apps' });
  await allApps.click();
  await expect(allApps).toHaveAttribute('aria-checked', 'true');
}

/** Every headline tile as drawn for the period: its text and its sparkline's path. */
async function tilesFor(page: Page, days: number): Promise<{ metric: string; value: string; text: string; line: string }[]> {
  const period = page.getByRole('radiogroup', { name: 'Period' }).getByRole('radio', { name: `${days} days` });
  await period.click();
  await expect(period).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('headline-impressions-window')).toHaveText(new RegExp(`^${days} days to `), { timeout: 60_000 });
  await expect(page.locator('.insights-panel [aria-busy="true"]')).toHaveCount(0, { timeout: 60_000 });
  return page.locator('.headline-tile').evaluateAll((tiles) =>
    tiles.map((t) => ({
      metric: t.getAttribute('data-metric') ?? '',
      value: t.querySelector('.headline-value')?.textContent ?? '',
      text: (t as HTMLElement).innerText,
      line: t.querySelector('svg.sparkline path')?.getAttribute('d') ?? '',
    })));
}

/** Collects what the page logs as errors, to check at the end. */
function errorsOf(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

test('Insights Overview over the lake equals the same page over the warehouse; the lake is read-only without key onboarding', async ({ page, context, fakeAsc }) => {
  test.setTimeout(600_000);
  const root = await mkdtemp(path.join(os.tmpdir(), 'orchard-e2e-lake-'));
  const dataDir = path.join(root, 'data');
  const lakeDir = path.join(root, 'lake');
  const servers: { stop(): Promise<void> }[] = [];
  try {
    await syncDataFolder(fakeAsc, dataDir, REPORTS, 30);
    const published = await runCli(['publish', '--lake', lakeDir, '--data-dir', dataDir]);
    expect(published.code, published.stderr).toBe(0);
    expect(published.stdout).toMatch(/^Published snapshot 1 to /);
    const about = await lakePublisher(lakeDir);

    // The warehouse's server still points at the fake: nothing it does may reach Apple.
    const [overWarehouse, overLake] = await Promise.all([
      startWebServer(['--data-dir', dataDir], { ...process.env, ORCHARD_ASC_BASE_URL: fakeAsc.baseUrl }),
      startWebServer(['--lake', lakeDir]),
    ]);
    servers.push(overWarehouse, overLake);

    const lakePage = await context.newPage();
    const lakeErrors = errorsOf(lakePage);
    await Promise.all([page.goto(overWarehouse.url), lakePage.goto(overLake.url)]);
    await Promise.all([openOverview(page), openOverview(lakePage)]);
    const values: string[] = [];
    for (const days of PERIODS) {
      const [warehouseTiles, lakeTiles] = await Promise.all([tilesFor(page, days), tilesFor(lakePage, days)]);
      expect(warehouseTiles.length, `${days} days`).toBeGreaterThan(5);
      expect(lakeTiles, `${days} days`).toEqual(warehouseTiles);
      values.push(...warehouseTiles.map((t) => `${days}d ${t.metric}: ${t.value}`));
    }
    // Real numbers, not the same emptiness on both sides.
    expect(values.filter((v) => /[1-9]/.test(v.split(': ')[1] ?? '')).length, values.join('\n')).toBeGreaterThan(PERIODS.length * 3);

    // The lake says what it is, whose and when; the warehouse does not.
    const banner = lakePage.getByTestId('lake-banner');
    await expect(banner).toContainText(/read-only/i);
    await expect(banner).toContainText(about.publisher);
    await expect(banner).toContainText(new RegExp(`snapshot ${about.snapshot}\\b`, 'i'));
    await expect(page.getByTestId('lake-banner')).toHaveCount(0);

    // No first steps towards a key; Sync and API Keys say it is a read-only lake and offer nothing.
    const shell = new Shell(lakePage);
    await shell.open('Overview');
    await expect(lakePage.getByRole('region', { name: 'Lake' })).toContainText(about.publisher);
    await expect(lakePage.getByRole('region', { name: 'Getting started' })).toHaveCount(0);
    await expect(lakePage.getByRole('button', { name: 'Add an API key' })).toHaveCount(0);
    await shell.screenshot('lake-overview');
    await shell.open('Sync');
    await expect(lakePage.getByTestId('lake-mode-notice')).toContainText(about.publisher);
    await expect(lakePage.getByRole('button', { name: 'Sync now' })).toHaveCount(0);
    await shell.open('API Keys');
    await expect(lakePage.getByTestId('lake-mode-notice')).toContainText('No App Store Connect API key is needed');
    await expect(lakePage.getByRole('form', { name: 'Add an API key' })).toHaveCount(0);
    await shell.screenshot('lake-keys');
    await shell.open('Apps');
    await expect(lakePage.getByTestId('lake-mode-notice')).toBeVisible();
    await expect(lakePage.getByRole('button', { name: 'Add an API key' })).toHaveCount(0);
    // Ctrl/Cmd+R, the sync shortcut, only shows the Sync page's notice.
    await lakePage.keyboard.press('Control+r');
    await expect(lakePage.getByRole('heading', { level: 1, name: /^Sync/ })).toBeVisible();
    await expect(lakePage.getByTestId('lake-mode-notice')).toBeVisible();
    expect(lakeErrors).toEqual([]);

    // A host that passes the publisher's details gets them laid out rather than quoted.
    const detailed = await serveLakeWithDetails(lakeDir);
    servers.push({ stop: detailed.close });
    const detailPage = await context.newPage();
    await detailPage.goto(detailed.url);
    await detailPage.locator('.shell[data-state="ready"]').waitFor();
    await expect(detailPage.getByTestId('lake-banner')).toContainText(`Snapshot ${about.snapshot}, published by ${about.publisher} on `);
    await expect(detailPage.getByTestId('lake-banner')).toContainText(lakeDir);
    const facts = detailPage.getByRole('region', { name: 'Lake' });
    await expect(facts.getByRole('definition').nth(1)).toHaveText(String(about.snapshot));
    await expect(facts.getByRole('definition').nth(2)).toHaveText(about.publisher);
    await new Shell(detailPage).screenshot('lake-overview-details');
  } finally {
    for (const server of servers) await server.stop();
    await rm(root, { recursive: true, force: true });
  }
});
