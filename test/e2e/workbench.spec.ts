// Issue 5's user path in a real browser: a query typed with autocomplete, run, sorted, scrolled to
// row 1,000,000 of two million, copied; a long query cancelled; the whole result exported to
// Parquet and read back; catalogue actions, saved queries and tabs that survive a reload; charts.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { test, expect } from './support/orchardFixture';
import { WorkbenchPage } from './pages/WorkbenchPage';

const SCREENSHOTS = path.join(__dirname, '..', '..', 'test-results', 'screenshots');
const TWO_MILLION = "SELECT range AS n, range % 7 AS weekday, 'item ' || range AS label, CASE WHEN range % 3 = 0 THEN NULL ELSE '' END AS note FROM range(2000000)";
const ENDLESS = 'SELECT count(*) FROM range(1000000) a, range(1000000) b WHERE a.range + b.range = -1';

async function readParquet(file: string, sql: string): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(':memory:');
  try {
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll(sql.replaceAll('$file', `'${file.replaceAll("'", "''")}'`));
    connection.closeSync();
    return reader.getRowsJson();
  } finally {
    instance.closeSync();
  }
}

test('types a query with autocomplete, runs, sorts, scrolls to row 1,000,000 and copies rows', async ({ app }) => {
  await app.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const wb = new WorkbenchPage(app);
  await wb.open();

  await wb.type('SELECT * FROM orchard.sync_r');
  await app.getByRole('listbox').getByRole('option', { name: /sync_runs/ }).click();
  await expect(wb.editor).toHaveText('SELECT * FROM orchard.sync_runs');
  await wb.button('Run').click();
  await wb.expectRows(/^0 rows/);
  await expect(wb.grid.getByRole('columnheader')).toContainText(['#', 'run_id', 'app_id', 'started_at']);

  await wb.paste(TWO_MILLION);
  await wb.runWithKeyboard();
  await wb.expectRows(/^2,000,000 rows/);
  await expect(wb.grid).toHaveAttribute('aria-rowcount', '2000001');
  await expect(wb.row(1).getByRole('gridcell')).toHaveText(['0', '0', 'item 0', 'NULL']);
  await expect(wb.row(2).getByRole('gridcell')).toHaveText(['1', '1', 'item 1', '']);
  // NULL is marked as such; the empty string is not.
  await expect(wb.row(1).getByRole('gridcell').nth(3)).toHaveAttribute('data-null', 'true');
  await expect(wb.row(2).getByRole('gridcell').nth(3)).not.toHaveAttribute('data-null');

  await wb.sortBy('weekday');
  await wb.sortBy('weekday');
  await expect(wb.columnHeader('weekday')).toHaveAttribute('aria-sort', 'descending');
  await expect(wb.row(1).getByRole('gridcell').nth(1)).toHaveText('6');
  await expect(wb.row(1).getByRole('gridcell').first()).toHaveText('6');
  await wb.sortBy('weekday');
  await expect(wb.columnHeader('weekday')).toHaveAttribute('aria-sort', 'none');

  await wb.goToRow(1_000_000);
  await expect(wb.row(1_000_000).getByRole('gridcell').first()).toHaveText('999999');
  await expect(wb.row(1_000_000)).toBeInViewport();
  await wb.row(1_000_000).getByRole('rowheader').click();
  await wb.row(1_000_001).getByRole('rowheader').click({ modifiers: ['Shift'] });
  await wb.button('Copy').click();
  await expect(app.getByText('Copied 2 rows with their header.')).toBeVisible();
  expect(await app.evaluate(() => navigator.clipboard.readText())).toBe('n\tweekday\tlabel\tnote\n999999\t0\titem 999999\t\n1000000\t1\titem 1000000\t');

  // The end of the result is reachable from the keyboard too.
  await wb.grid.press('ControlOrMeta+End');
  await expect(wb.row(2_000_000).getByRole('gridcell').first()).toHaveText('1999999');
  await app.screenshot({ path: path.join(SCREENSHOTS, 'workbench-grid.png') });
});

test('cancels a long query within a second, then runs the next one', async ({ app }) => {
  const wb = new WorkbenchPage(app);
  await wb.open();
  await wb.paste(ENDLESS);
  await wb.button('Run').click();
  await expect(wb.status).toContainText('Running');
  await expect(wb.button('Cancel')).toBeEnabled();
  const asked = Date.now();
  await wb.button('Cancel').click();
  await expect(wb.status).toHaveText('Cancelled.');
  expect(Date.now() - asked).toBeLessThan(1000);

  await wb.paste(ENDLESS);
  await wb.runWithKeyboard();
  await expect(wb.status).toContainText('Running');
  await wb.editor.press('Escape');
  await expect(wb.status).toHaveText('Cancelled.');

  await wb.paste('SELECT 42 AS answer');
  await wb.runWithKeyboard();
  await wb.expectRows(/^1 row/);
  await expect(wb.row(1).getByRole('gridcell')).toHaveText(['42']);

  await wb.paste('SELECT 1,\n  nope\nFROM orchard.apps');
  await wb.runWithKeyboard();
  const error = app.getByRole('alert');
  await expect(error).toContainText('Referenced column "nope" not found');
  await expect(error.getByRole('button', { name: 'Line 2, column 3' })).toBeVisible();
});

test('exports the whole result to Parquet: main writes it into the exports folder and the browser downloads it once', async ({ app, orchard }) => {
  const target = await mkdtemp(path.join(os.tmpdir(), 'orchard-e2e-export-'));
  try {
    const wb = new WorkbenchPage(app);
    await wb.open();
    await wb.paste("SELECT range AS n, (range * 0.25)::DECIMAL(18,2) AS usd, DATE '2026-01-01' + (range % 28)::INTEGER AS day, CASE WHEN range % 2 = 0 THEN NULL ELSE 'x' END AS maybe FROM range(300000)");
    await wb.runWithKeyboard();
    await wb.expectRows(/^300,000 rows/);
    await wb.button('Export…').click();
    const dialog = app.getByRole('dialog', { name: 'Export the whole result' });
    await dialog.getByLabel('Parquet').check();
    // The renderer proposes a file name only; there is no path to type.
    await expect(dialog.getByLabel('File name')).toHaveValue('Query 1.parquet');
    await dialog.getByLabel('File name').fill('three hundred thousand');
    const downloading = app.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export' }).click();
    await expect(dialog.getByRole('status')).toContainText(`Exported 300,000 rows`, { timeout: 30_000 });
    await expect(dialog.getByRole('status')).toContainText(path.join(orchard.dataDir, 'exports', 'three hundred thousand.parquet'));
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('three hundred thousand.parquet');
    const file = path.join(target, 'downloaded.parquet');
    await download.saveAs(file);
    expect(await readParquet(file, 'SELECT count(*), sum(n), sum(usd)::VARCHAR, count(maybe), min(day)::VARCHAR FROM $file')).toEqual([
      ['300000', '44999850000', '11249962500.00', '150000', '2026-01-01'],
    ]);
    expect(await readParquet(file, 'SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM $file)')).toEqual([
      ['n', 'BIGINT'], ['usd', 'DECIMAL(18,2)'], ['day', 'DATE'], ['maybe', 'VARCHAR'],
    ]);
    // The link worked once; a second export of the same name never replaces the first file.
    const url = download.url();
    expect((await app.request.get(url)).status()).toBe(404);
    const second = app.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export' }).click();
    expect((await second).suggestedFilename()).toBe('three hundred thousand (2).parquet');
    await expect(dialog.getByRole('status')).toContainText('three hundred thousand (2).parquet');
  } finally {
    await rm(target, { recursive: true, force: true });
  }
});

test('catalogue actions, saved queries, history and tabs that survive a reload', async ({ app, orchard }) => {
  const wb = new WorkbenchPage(app);
  await wb.open();
  await expect(wb.treeItem('main')).toBeVisible();
  await wb.treeItem('orchard').click();
  await expect(wb.treeItem('sync_runs')).toBeVisible();
  await wb.treeItem('apps').click();
  await expect(wb.treeItem('bundle_id VARCHAR')).toBeVisible();

  await wb.paste('SELECT * FROM ');
  await wb.treeItem('apps').dblclick();
  await expect(wb.editor).toContainText('SELECT * FROM orchard.apps');

  await wb.treeItem('sync_runs').click({ button: 'right' });
  await app.getByRole('menu', { name: 'Actions for orchard.sync_runs' }).getByRole('menuitem', { name: 'Open SELECT * … LIMIT 100 in a new tab' }).click();
  await expect(wb.queryTabs.getByRole('tab', { name: 'sync_runs' })).toHaveAttribute('aria-selected', 'true');
  await expect(wb.editor).toHaveText('SELECT * FROM orchard.sync_runs LIMIT 100;');
  await wb.runWithKeyboard();
  await wb.expectRows(/^0 rows/);

  await wb.editor.press('ControlOrMeta+s');
  const form = app.getByRole('form', { name: 'Save query' });
  await form.getByLabel('Query name').fill('Recent sync runs');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(app.getByText('Saved as Recent sync runs.sql.')).toBeVisible();
  expect(await readFile(path.join(orchard.dataDir, 'queries', 'Recent sync runs.sql'), 'utf8')).toBe('SELECT * FROM orchard.sync_runs LIMIT 100;\n');
  await expect(wb.queryTabs.getByRole('tab', { name: 'Recent sync runs' })).toBeVisible();

  await wb.sidePanel('History').click();
  const history = app.getByRole('list', { name: 'Query history' });
  await expect(history.getByRole('listitem')).toHaveCount(1);
  await app.getByLabel('Search history').fill('no such query');
  await expect(history.getByRole('listitem')).toHaveCount(0);
  // Clearing asks first (main issued the ticket the confirmation carries); Cancel keeps it all.
  await app.getByLabel('Search history').fill('');
  await expect(history.getByRole('listitem')).toHaveCount(1);
  await app.getByRole('button', { name: 'Clear history' }).click();
  await app.getByRole('dialog', { name: 'Clear the query history?' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(history.getByRole('listitem')).toHaveCount(1);
  await app.getByRole('button', { name: 'Clear history' }).click();
  await app.getByRole('dialog', { name: 'Clear the query history?' }).getByRole('button', { name: 'Clear history' }).click();
  await expect(history.getByRole('listitem')).toHaveCount(0);
  await expect(app.getByText('Queries you run appear here.')).toBeVisible();

  await app.reload();
  await app.locator('.shell[data-state="ready"]').waitFor();
  await wb.open();
  await expect(wb.queryTabs.getByRole('tab')).toHaveText(['Query 1', 'Recent sync runs']);
  await expect(wb.queryTabs.getByRole('tab', { name: 'Recent sync runs' })).toHaveAttribute('aria-selected', 'true');
  await wb.sidePanel('Saved').click();
  await app.getByRole('list', { name: 'Saved queries' }).getByRole('button', { name: 'Open Recent sync runs' }).click();
  await expect(wb.queryTabs.getByRole('tab')).toHaveCount(3);
  await wb.queryTabs.getByRole('tab', { name: 'Query 1' }).click();
  await expect(wb.editor).toContainText('SELECT * FROM orchard.apps');
});

test('charts a month of daily data for hundreds of series, and a few series as bars', async ({ app, orchard }) => {
  const wb = new WorkbenchPage(app);
  await wb.open();
  // A month of days × 300 territories: each territory a smooth weekly wave at its own level.
  await wb.paste("SELECT DATE '2026-01-01' + d::INTEGER AS day, 'T' || lpad(t::VARCHAR, 3, '0') AS territory, round(40 + t * 1.2 + (10 + t / 10) * sin(d / 1.1 + t / 7.0)) AS downloads FROM range(31) r(d), range(300) s(t)");
  await wb.runWithKeyboard();
  await wb.expectRows(/^9,300 rows/);
  await wb.button('Chart').click();
  const chart = app.getByRole('figure', { name: /Chart of 300 series by day/ });
  await expect(chart.locator('canvas')).toBeVisible();
  await expect(chart.locator('[data-series="300"][data-points="31"]')).toBeVisible();
  await app.screenshot({ path: path.join(SCREENSHOTS, 'workbench-chart-300-series.png') });

  await orchard.services.dispatch('prefs:update', { theme: 'dark' }, { transport: 'test' });
  await expect(app.locator('html[data-theme="dark"]')).toBeVisible();
  await wb.paste("SELECT 'v' || (range % 5 + 1) AS app_version, sum(range % 13) AS sessions, sum(range % 7) AS crashes FROM range(5000) GROUP BY 1 ORDER BY 1");
  await wb.runWithKeyboard();
  await wb.expectRows(/^5 rows/);
  const settings = app.getByRole('form', { name: 'Chart settings' });
  await settings.getByLabel('Chart type').selectOption('bar');
  await expect(settings.getByLabel('X axis')).toHaveValue('app_version');
  await expect(settings.getByRole('checkbox', { name: 'sessions' })).toBeChecked();
  await expect(settings.getByRole('checkbox', { name: 'crashes' })).toBeChecked();
  await expect(app.getByRole('figure', { name: 'Chart of 2 series by app_version' }).locator('canvas')).toBeVisible();
  await app.screenshot({ path: path.join(SCREENSHOTS, 'workbench-chart-bars-dark.png') });
  await wb.button('Grid').click();
  await expect(wb.row(5).getByRole('gridcell').first()).toHaveText('v5');
});
