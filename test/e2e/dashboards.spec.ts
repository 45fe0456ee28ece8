// The Insights dashboards on synced fake data (the demo's apps and history): every page's tiles
// load; changing the app, the range, a filter and the comparison changes what a tile shows; and a
// tile opened in SQL gives the same rows in the workbench. With ORCHARD_DOCS_SCREENSHOTS=1 the
// Overview and every page, light and dark, go to docs/images/insights-<page>-<theme>.png.
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { test, expect, REPO_ROOT, type OrchardHarness } from './support/orchardFixture';
import { InsightsDashboards } from './pages/InsightsDashboards';
import { WorkbenchPage } from './pages/WorkbenchPage';
import { DEMO_APPS, seedDemo } from '../fake-asc';
import type { HeadlinesView } from '../../shared/insights';
import type { DashboardPage } from '../../shared/dashboards';

const SHOTS = process.env.ORCHARD_DOCS_SCREENSHOTS === '1' ? path.join(REPO_ROOT, 'docs', 'images') : path.join(REPO_ROOT, 'test-results', 'screenshots');
const REPORTS = ['App Store Discovery and Engagement Standard', 'App Downloads Standard', 'App Store Purchases Standard',
  'App Sessions Standard', 'App Store Installation and Deletion Standard', 'App Crashes'];
const PAGES = ['Acquisition', 'Monetization', 'Usage', 'Performance'];
const TERRITORIES = 'Top territories by downloads';
const [GARDEN, TRAIL] = DEMO_APPS as [(typeof DEMO_APPS)[number], (typeof DEMO_APPS)[number]];

async function call<T>(orchard: OrchardHarness, name: string, payload: unknown): Promise<T> {
  const envelope = await orchard.services.dispatch(name, payload, { transport: 'test' });
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
  return envelope.value as T;
}

async function syncApp(orchard: OrchardHarness, appId: string): Promise<void> {
  await call(orchard, 'sync:start', { appId, reportNames: REPORTS, granularities: ['DAILY'] });
  await expect.poll(async () => (await call<{ outcome: string }[]>(orchard, 'sync:history', { appId })).map((r) => r.outcome), { timeout: 240_000 }).toEqual(['succeeded']);
}

async function setTheme(app: Page, orchard: OrchardHarness, theme: 'light' | 'dark'): Promise<void> {
  await call(orchard, 'prefs:update', { theme });
  await expect(app.locator(`html[data-theme="${theme}"]`)).toBeVisible();
}

async function inBothThemes(app: Page, orchard: OrchardHarness, shoot: (theme: 'light' | 'dark') => Promise<void>): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(app, orchard, theme);
    await shoot(theme);
  }
  await setTheme(app, orchard, 'light');
}

/** The viewport as the user sees it (the README shows the top of each page). */
async function screenshot(app: Page, name: string): Promise<void> {
  await app.screenshot({ path: path.join(SHOTS, `${name}.png`), animations: 'disabled' });
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

async function readDownload(download: Download): Promise<Buffer> {
  const file = await download.path();
  return readFile(file);
}

function numbers(rows: string[][]): string {
  return JSON.stringify(rows);
}

test('dashboards: every page, controls that change tiles, and Open in SQL', async ({ app, orchard, fakeAsc }) => {
  test.setTimeout(600_000);
  const key = await seedDemo(fakeAsc);
  await call(orchard, 'keys:add', { pem: key.privateKeyPem, keyId: key.keyId, issuerId: key.issuerId, individual: false, label: 'Demo team' });
  await syncApp(orchard, GARDEN.id);
  await syncApp(orchard, TRAIL.id);
  await call(orchard, 'apps:select', { appId: GARDEN.id });
  await app.reload();
  await app.locator('.shell[data-state="ready"]').waitFor();

  const insights = new InsightsDashboards(app);
  await insights.open();
  await expect(app.getByTestId('headline-impressions')).not.toHaveText('—');

  // Every page: each tile settles with rows or an honest empty state, none fails.
  for (const name of PAGES) {
    await insights.openTab(name);
    await insights.settled();
    expect(await app.locator('[data-tile][data-state="ready"]').count()).toBeGreaterThan(0);
  }

  // Screenshots: the demo holds about a month, so the last 7 days (Overview) and a custom last
  // two weeks (dashboards) each have a full period before them to compare with.
  const headlines = await call<HeadlinesView>(orchard, 'insights:headlines', { appId: GARDEN.id, days: 7 });
  const upTo = headlines.tiles.find((t) => t.id === 'impressions')?.dataUpTo ?? '';
  expect(upTo).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await insights.openTab('Overview');
  await app.getByRole('radio', { name: '7 days' }).click();
  await expect(app.getByTestId('headline-impressions')).toHaveText((headlines.tiles.find((t) => t.id === 'impressions')?.value ?? 0).toLocaleString('en-US'));
  await inBothThemes(app, orchard, (theme) => screenshot(app, `insights-overview-${theme}`));
  await insights.openTab('Acquisition');
  await insights.choose('Date range', 'Custom…');
  await insights.controls.getByLabel('From', { exact: true }).fill(addDays(upTo, -13));
  await insights.controls.getByLabel('To', { exact: true }).fill(upTo);
  for (const name of PAGES) {
    await insights.openTab(name);
    await insights.settled();
    await expect(app.locator('[data-tile][data-state="ready"]').first()).toContainText(`Data up to`);
    await inBothThemes(app, orchard, (theme) => screenshot(app, `insights-${name.toLowerCase()}-${theme}`));
  }
  await insights.choose('Date range', 'Last 28 days');

  // Arrow keys move between the page tabs.
  await insights.tabs.getByRole('tab', { name: 'Performance' }).focus();
  await app.keyboard.press('ArrowRight');
  await expect(insights.tabs.getByRole('tab', { name: 'My dashboard' })).toHaveAttribute('aria-selected', 'true');
  await app.keyboard.press('Home');
  await expect(insights.tabs.getByRole('tab', { name: 'Overview' })).toBeFocused();

  await insights.openTab('Acquisition');
  await insights.choose('Compare with', 'Previous period');
  await insights.settled();
  const garden = await insights.rows(TERRITORIES);
  expect(garden.length).toBeGreaterThan(1);
  expect(await insights.headers(TERRITORIES)).toEqual(['label', 'value', 'previous']);

  // Another app in the switcher: the tiles follow it.
  await app.locator('#app-switcher').selectOption(TRAIL.id);
  await expect.poll(async () => numbers(await insights.rows(TERRITORIES)), { timeout: 120_000 }).not.toBe(numbers(garden));
  const trail = await insights.rows(TERRITORIES);

  // A shorter range: smaller totals.
  await insights.choose('Date range', 'Last 7 days');
  await expect.poll(async () => numbers(await insights.rows(TERRITORIES)), { timeout: 120_000 }).not.toBe(numbers(trail));
  const week = await insights.rows(TERRITORIES);
  const total = (rows: string[][]) => rows.reduce((sum, r) => sum + Number((r[1] ?? '0').replace(/,/g, '')), 0);
  expect(total(week)).toBeLessThan(total(trail));

  // One territory: only its row is left.
  const territory = await insights.filterFirst('Territory');
  await expect.poll(async () => (await insights.rows(TERRITORIES)).map((r) => r[0]), { timeout: 120_000 }).toEqual([territory]);

  // No comparison: the previous column goes away.
  await insights.choose('Compare with', 'No comparison');
  await expect.poll(() => insights.headers(TERRITORIES), { timeout: 120_000 }).toEqual(['label', 'value']);
  await insights.settled();
  const shown = await insights.rows(TERRITORIES);

  // Its meaning shows on keyboard focus; its rows export as CSV and its chart as PNG.
  const tile = insights.tile(TERRITORIES);
  await tile.getByText(TERRITORIES, { exact: true }).focus();
  await expect(tile.getByRole('tooltip')).toBeVisible();
  const pages = await call<DashboardPage[]>(orchard, 'insights:dashboards', {});
  const meaning = pages.flatMap((p) => p.tiles).find((t) => t.title === TERRITORIES)?.meaning ?? '';
  expect(meaning).not.toBe('');
  await expect(tile.getByRole('tooltip')).toHaveText(meaning);
  const csvDownload = app.waitForEvent('download');
  await tile.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await readDownload(await csvDownload);
  expect(csv.toString('utf8').trim().split(/\r\n/)).toEqual(['label,value', ...shown.map(([label, value]) => `${label},${(value ?? '').replace(/,/g, '')}`)]);
  const pngDownload = app.waitForEvent('download');
  await tile.getByRole('button', { name: 'Export PNG' }).click();
  const png = await readDownload(await pngDownload);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');

  // The tile's SQL in the workbench gives the same rows.
  await insights.tile(TERRITORIES).getByRole('button', { name: 'Open in SQL' }).click();
  const workbench = new WorkbenchPage(app);
  await expect(workbench.editor).toContainText('SELECT');
  await workbench.runWithKeyboard();
  await workbench.expectRows(shown.length === 1 ? '1 row' : `${shown.length} rows`);
  for (const [i, [label, value]] of shown.entries()) {
    const row = workbench.row(i + 1);
    await expect(row).toContainText(label ?? '');
    const plain = (value ?? '').replace(/,/g, '');
    await expect(row).toContainText(new RegExp(`${plain}|${(value ?? '').replace(/,/g, '\\,')}`));
  }
});
