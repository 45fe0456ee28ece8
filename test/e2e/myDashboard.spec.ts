// My dashboard end to end: a query declaring :app, :from and :to is run in the workbench (filled
// from the Insights controls), saved, charted and pinned; the tile on Insights › My dashboard shows
// the same rows as hand-written SQL over the same days, and is still there after a reload.
// With ORCHARD_DOCS_SCREENSHOTS=1 its light and dark screenshots go to docs/images.
import path from 'node:path';
import { test, expect, REPO_ROOT } from './support/orchardFixture';
import { WorkbenchPage } from './pages/WorkbenchPage';
import { call, EXAMPLE_APP as APP, syncedExampleApp } from './support/syncedApp';
import type { OrchardHarness } from './support/orchardFixture';
import type { Page } from '@playwright/test';
import type { QueryRunReply } from '../../shared/workbench';

const DAY_MS = 86_400_000;
const SHOTS = process.env.ORCHARD_DOCS_SCREENSHOTS === '1' ? path.join(REPO_ROOT, 'docs', 'images') : path.join(REPO_ROOT, 'test-results', 'screenshots');
const REPORTS = ['App Downloads Standard'];
const QUERY = `-- Downloads per day of :app (a comment: not filled)
SELECT date, sum(counts) AS downloads
FROM app_downloads_standard
WHERE app_apple_identifier = :app AND date BETWEEN :from AND :to
GROUP BY date
ORDER BY date`;

/**
 * The Insights controls' default range ("Last 28 days"): main ends a "last N" range on the newest
 * day the app has published, so the 28 days ending there, not the calendar's yesterday.
 */
async function defaultRange(orchard: OrchardHarness): Promise<{ from: string; to: string }> {
  const reply = await call<QueryRunReply>(orchard, 'query:run', {
    runId: crypto.randomUUID(),
    sql: `SELECT CAST(max(date) AS VARCHAR) AS d FROM main.app_downloads_standard WHERE app_apple_identifier = ${APP.id}`,
  });
  const to = String(reply.firstRows[0]?.[0]);
  return { from: new Date(Date.parse(`${to}T00:00:00Z`) - 27 * DAY_MS).toISOString().slice(0, 10), to };
}

/** Downloads per day over the range, by hand-written SQL run directly (not through the pin). */
async function expectedRows(orchard: OrchardHarness): Promise<string[][]> {
  const { from, to } = await defaultRange(orchard);
  const reply = await call<QueryRunReply>(orchard, 'query:run', {
    runId: crypto.randomUUID(),
    sql: `SELECT CAST(date AS VARCHAR) AS d, CAST(SUM(counts) AS VARCHAR) AS n FROM main.app_downloads_standard
      WHERE app_apple_identifier = ${APP.id} AND date >= DATE '${from}' AND date <= DATE '${to}' GROUP BY 1 ORDER BY 1`,
  });
  return reply.firstRows.map((row) => row.map(String));
}

async function openMyDashboard(app: Page): Promise<void> {
  await app.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Insights' }).click();
  await app.getByRole('tablist', { name: 'Insights pages' }).getByRole('tab', { name: 'My dashboard' }).click();
}

async function tileRows(app: Page, title: string): Promise<string[][]> {
  const tile = app.getByRole('region', { name: title });
  await tile.locator('summary').click();
  const table = tile.getByRole('table', { name: `Rows of ${title}` });
  await expect(table).toBeVisible();
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));
}

test('pin a saved query with a chart, see it on My dashboard after a reload, rows agree', async ({ app, orchard, fakeAsc }) => {
  test.setTimeout(300_000);
  await syncedExampleApp(orchard, fakeAsc, REPORTS, 12);
  const expected = await expectedRows(orchard);
  expect(expected.length).toBeGreaterThan(0);

  await app.reload();
  await app.locator('.shell[data-state="ready"]').waitFor();
  const wb = new WorkbenchPage(app);
  await wb.open();
  await wb.paste(QUERY);
  await wb.runWithKeyboard();
  await wb.expectRows(`${expected.length} rows`);
  await expect(app.getByText(/Parameters from the Insights controls: :app = '1476097583'/)).toBeVisible();

  await wb.button('Save').click();
  const form = app.getByRole('form', { name: 'Save query' });
  await form.getByLabel('Query name').fill('Daily downloads');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(app.getByText('Saved as Daily downloads.sql.')).toBeVisible();

  await app.getByRole('group', { name: 'Result view' }).getByRole('button', { name: 'Chart' }).click();
  await expect(app.getByRole('figure', { name: /Chart of downloads by date/ })).toBeVisible();
  await wb.button('Pin to My dashboard').click();
  const pinForm = app.getByRole('form', { name: 'Pin to My dashboard' });
  await pinForm.getByLabel('Tile title').fill('Downloads per day');
  await pinForm.getByRole('button', { name: 'Pin', exact: true }).click();
  await expect(app.getByText('Pinned “Downloads per day” to My dashboard (Insights).')).toBeVisible();

  await openMyDashboard(app);
  const tile = app.getByRole('region', { name: 'Downloads per day' });
  await expect(tile.getByText('Filled from the controls above: :app, :from, :to.')).toBeVisible();
  await expect(tile.getByTestId('pin-window')).toContainText(/^28 days to .* · Data up to /);
  await expect(tile.getByRole('figure', { name: /Chart of downloads by date/ })).toBeVisible();
  await app.screenshot({ path: path.join(SHOTS, 'my-dashboard-light.png') });
  await call(orchard, 'prefs:update', { theme: 'dark' });
  await expect(app.locator('html[data-theme="dark"]')).toBeVisible();
  await app.screenshot({ path: path.join(SHOTS, 'my-dashboard-dark.png') });
  await call(orchard, 'prefs:update', { theme: 'light' });
  expect(await tileRows(app, 'Downloads per day')).toEqual(expected);

  // A second tile of the same query, as bars, pinned through the contract; then the reload.
  await call(orchard, 'pins:add', { queryName: 'Daily downloads', title: 'As bars', chart: { kind: 'bar', x: 'date', y: ['downloads'], aggregate: 'sum' } });
  await app.reload();
  await app.locator('.shell[data-state="ready"]').waitFor();
  await openMyDashboard(app);
  await expect(tile.getByRole('figure', { name: /Chart of downloads by date/ })).toBeVisible();
  expect(await tileRows(app, 'Downloads per day')).toEqual(expected);
  const titles = app.locator('.pin-tile h3');
  await expect(titles).toHaveText(['Downloads per day', 'As bars']);

  // Arranged with the keyboard: move the second tile up, then remove it; the saved query stays.
  await app.getByRole('button', { name: 'Move As bars up' }).focus();
  await app.keyboard.press('Enter');
  await expect(titles).toHaveText(['As bars', 'Downloads per day']);
  await app.getByRole('button', { name: 'Remove As bars from My dashboard' }).focus();
  await app.keyboard.press('Enter');
  await expect(titles).toHaveText(['Downloads per day']);
  expect((await call<{ queries: { name: string }[] }>(orchard, 'query:savedList', {})).queries.map((q) => q.name)).toEqual(['Daily downloads']);

  // "Open in SQL" opens the statement that ran: the parameters as literals, the comment as written.
  await tile.getByRole('button', { name: 'Open in SQL' }).click();
  const { from, to } = await defaultRange(orchard);
  await expect(wb.editor).toContainText(`BETWEEN DATE '${from}' AND DATE '${to}'`);
  await expect(wb.editor).toContainText('Downloads per day of :app');
});
