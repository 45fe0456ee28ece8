// Issue 5's user path in a real browser: a query typed with autocomplete, run, sorted, scrolled to
// row 1,000,000 of two million, copied; a long query cancelled; the whole result exported to
// Parquet and read back; catalogue actions, saved queries and tabs that survive a reload; charts
// (top N and Other, legend, PNG export); Run all; a CSV imported by file picker and joined (issue 10).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { test, expect } from './support/orchardFixture';
import { WorkbenchPage } from './pages/WorkbenchPage';
import { syncedExampleApp } from './support/syncedApp';

const SCREENSHOTS = path.join(__dirname, '..', '..', 'test-results', 'screenshots');
/** Screenshots the README shows, refreshed by this spec. */
const DOCS_IMAGES = path.join(__dirname, '..', '..', 'docs', 'images');
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

// The query never ends on its own, so "Cancelled." proves the cancel reached DuckDB; how fast is a
// bench matter (a wall-clock bound here failed a busy CI machine at 1.2 s).
test('cancels a query that would never end, then runs the next one', async ({ app }) => {
  const wb = new WorkbenchPage(app);
  await wb.open();
  await wb.paste(ENDLESS);
  await wb.button('Run').click();
  await expect(wb.status).toContainText('Running');
  await expect(wb.button('Cancel')).toBeEnabled();
  await wb.button('Cancel').click();
  await expect(wb.status).toHaveText('Cancelled.');

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
    // CSV is the default, its name proposed to match; Parquet is one click away.
    await expect(dialog.getByLabel('CSV')).toBeChecked();
    await expect(dialog.getByLabel('File name')).toHaveValue('Query 1.csv');
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
  // By default the 8 largest territories get a line each and the other 292 are added up as Other.
  const top = app.getByRole('figure', { name: 'Chart of 9 series by day' });
  await expect(top.locator('canvas')).toBeVisible();
  await expect(top.locator('[data-series="9"][data-points="31"]')).toBeVisible();
  const legend = top.locator('.u-legend');
  await expect(legend).toBeVisible();
  await expect(legend.locator('.u-series th')).toHaveText(['day', 'T299', 'T298', 'T297', 'T296', 'T295', 'T294', 'T293', 'T292', 'Other']);
  // The legend reads the values under the cursor.
  const plotArea = top.locator('.u-over');
  const box = await plotArea.boundingBox();
  if (box === null) throw new Error('the plot has no box');
  await app.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(legend.locator('.u-series').first().locator('.u-value')).toHaveText(/^2026-01-\d\d$/);
  await expect(legend.locator('.u-series').last().locator('.u-value')).toHaveText(/^\d{1,3}(,\d{3})*(\.\d+)?$/);
  await app.mouse.move(0, 0);

  const downloading = app.waitForEvent('download');
  await top.getByRole('button', { name: 'Export PNG' }).click();
  const png = await downloading;
  expect(png.suggestedFilename()).toBe('9 series by day.png');
  const saved = path.join(orchard.dataDir, 'chart.png');
  await png.saveAs(saved);
  const bytes = await readFile(saved);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.length).toBeGreaterThan(5000);

  await app.getByRole('form', { name: 'Chart settings' }).getByLabel('Top series').fill('300');
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

test('Run all shows each statement’s result; a CSV imported with the file picker joins in SQL', async ({ app, orchard }) => {
  const wb = new WorkbenchPage(app);
  await wb.open();
  await wb.paste("SELECT 1 AS one;\nSELECT 'b' AS two, INTERVAL '1 day 2 hours' AS took;\nSELECT range AS n FROM range(3);");
  await wb.button('Run all').click();
  await wb.expectRows(/^3 rows/);
  const steps = app.getByRole('group', { name: 'Statement results' }).getByRole('button');
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(2)).toHaveAttribute('aria-pressed', 'true');
  await steps.nth(0).click();
  await wb.expectRows(/^1 row/);
  await expect(wb.row(1).getByRole('gridcell')).toHaveText(['1']);
  await steps.nth(1).click();
  await expect(wb.row(1).getByRole('gridcell')).toHaveText(['b', '1 day 02:00:00']);
  await steps.nth(2).click();
  await expect(wb.row(3).getByRole('gridcell')).toHaveText(['2']);

  const csv = path.join(orchard.dataDir, 'Ad Spend.csv');
  await writeFile(csv, 'date,campaign,spend_usd\n2026-03-01,search,12.50\n2026-03-01,social,7.25\n2026-03-02,search,20.00\n');
  await wb.sidePanel('Data').click();
  const chooser = app.waitForEvent('filechooser');
  await app.getByRole('button', { name: 'Import file…' }).click();
  await (await chooser).setFiles(csv);
  const form = app.getByRole('form', { name: 'Import a file' });
  await expect(form.getByLabel('Table name')).toHaveValue('ad_spend');
  await form.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(app.getByText('Imported user.ad_spend: 3 rows.')).toBeVisible();
  await expect(app.getByRole('list', { name: 'Imported tables' })).toContainText('user.ad_spend3 rows · 3 columns');

  await wb.paste(`WITH d AS (SELECT DATE '2026-03-01' + i::INTEGER AS day, 100 * (i + 1) AS installs FROM range(2) t(i))
SELECT d.day, installs, sum(spend_usd) AS spend_usd, round(sum(spend_usd) / installs, 4) AS cost_per_install
FROM d JOIN user.ad_spend s ON s.date = d.day GROUP BY 1, 2 ORDER BY 1`);
  await wb.runWithKeyboard();
  await wb.expectRows(/^2 rows/);
  await expect(wb.row(1).getByRole('gridcell')).toHaveText(['2026-03-01', '100', '19.75', '0.1975']);
  await expect(wb.row(2).getByRole('gridcell')).toHaveText(['2026-03-02', '200', '20', '0.1']);

  // The same name again asks before replacing; a malformed file then keeps the table.
  await writeFile(csv, 'date,campaign,spend_usd\n2026-03-01,search,1.00\n');
  const again = app.waitForEvent('filechooser');
  await app.getByRole('button', { name: 'Import file…' }).click();
  await (await again).setFiles(csv);
  await form.getByRole('button', { name: 'Import', exact: true }).click();
  await app.getByRole('alertdialog', { name: 'Replace user.ad_spend?' }).getByRole('button', { name: 'Replace' }).click();
  await expect(app.getByText('Replaced user.ad_spend: 1 row.')).toBeVisible();

  // A file dropped on the workbench goes the same way; an imported table can be dropped again.
  const dataTransfer = await app.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['territory,target\nUS,100\nDE,40\n'], 'Targets 2026.csv', { type: 'text/csv' }));
    return transfer;
  });
  await app.locator('.wb-page').dispatchEvent('drop', { dataTransfer });
  await expect(form.getByLabel('Table name')).toHaveValue('targets_2026');
  await form.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(app.getByText('Imported user.targets_2026: 2 rows.')).toBeVisible();
  await app.getByRole('button', { name: 'Drop user.targets_2026' }).click();
  await app.getByRole('button', { name: 'Confirm dropping user.targets_2026' }).click();
  await expect(app.getByText('Dropped user.targets_2026.')).toBeVisible();
  await expect(app.getByRole('list', { name: 'Imported tables' }).getByRole('listitem')).toHaveCount(1);

  await wb.sidePanel('Catalogue').click();
  await wb.treeItem('user').click();
  await expect(wb.treeItem('ad_spend')).toBeVisible();
  await wb.paste('SELECT * FROM user.ad_spend');
  await wb.runWithKeyboard();
  await wb.expectRows(/^1 row/);
  await expect(wb.row(1).getByRole('gridcell')).toHaveText(['2026-03-01', 'search', '1']);
});

test('screenshots of the workbench with a result, light and dark, and of a top-N chart', async ({ app, orchard }) => {
  const wb = new WorkbenchPage(app);
  await wb.open();
  await wb.paste(`SELECT DATE '2026-03-01' + (range % 14)::INTEGER AS day, ['US', 'DE', 'JP', 'FR', 'GB'][range % 5 + 1] AS territory,
  (range * 7919 % 900 + 100)::BIGINT AS downloads, round(range * 7919 % 90000 / 100.0, 2)::DECIMAL(18,2) AS proceeds_usd,
  INTERVAL (range % 50) MINUTE AS session_length
FROM range(70) ORDER BY day, territory`);
  await wb.runWithKeyboard();
  await wb.expectRows(/^70 rows/);
  await wb.sortBy('downloads');
  await expect(wb.columnHeader('downloads')).toHaveAttribute('aria-sort', 'ascending');
  await app.screenshot({ path: path.join(DOCS_IMAGES, 'workbench.png') });
  await orchard.services.dispatch('prefs:update', { theme: 'dark' }, { transport: 'test' });
  await expect(app.locator('html[data-theme="dark"]')).toBeVisible();
  await app.screenshot({ path: path.join(DOCS_IMAGES, 'workbench-dark.png') });
  await orchard.services.dispatch('prefs:update', { theme: 'light' }, { transport: 'test' });
  await expect(app.locator('html[data-theme="light"]')).toBeVisible();

  // Fifteen territories over four weeks: the eight largest and Other.
  await wb.paste(`SELECT DATE '2026-02-01' + d::INTEGER AS day,
  ['US', 'GB', 'DE', 'JP', 'FR', 'CA', 'AU', 'BR', 'IN', 'MX', 'IT', 'ES', 'KR', 'NL', 'SE'][t + 1] AS territory,
  round(1000 / (t + 1) * (1 + 0.25 * sin(d / 2.0 + t))) AS downloads
FROM range(28) r(d), range(15) s(t)`);
  await wb.runWithKeyboard();
  await wb.expectRows(/^420 rows/);
  await wb.button('Chart').click();
  await expect(app.getByRole('figure', { name: 'Chart of 9 series by day' }).locator('.u-legend')).toContainText('Other');
  await app.screenshot({ path: path.join(DOCS_IMAGES, 'chart-topn.png') });
});

test('Open in SQL runs the statement; results, the chart and the tabs are there again after another section', async ({ app, orchard, fakeAsc }) => {
  test.setTimeout(180_000);
  // Headline tiles offer Open in SQL once they have data.
  await syncedExampleApp(orchard, fakeAsc, ['App Store Discovery and Engagement Standard', 'App Downloads Standard'], 4);
  await app.reload();
  const nav = app.getByRole('navigation', { name: 'Sections' });
  const wb = new WorkbenchPage(app);

  await wb.open();
  // The catalogue says what each schema holds, and a row's full name shows on hover.
  await expect(wb.treeItem('orchard')).toContainText('Orchard’s own records');
  await expect(wb.treeItem('main')).toHaveAttribute('title', /^main: Daily numbers per report/);
  await wb.treeItem('orchard').click();
  await expect(wb.treeItem('apps')).toHaveAttribute('title', 'orchard.apps');

  // A result of our own, drawn as a chart, before leaving.
  await wb.paste("SELECT 'v' || (range % 3 + 1) AS app_version, count(*) AS sessions FROM range(300) GROUP BY 1 ORDER BY 2 DESC, 1");
  await wb.runWithKeyboard();
  await wb.expectRows(/^3 rows/);
  await wb.button('Chart').click();
  await expect(app.getByRole('figure', { name: 'Chart of sessions by app_version' }).locator('canvas')).toBeVisible();

  // Insights' Open in SQL opens a tab and runs it: rows, no Run press.
  await nav.getByRole('button', { name: 'Insights' }).click();
  await app.getByRole('button', { name: 'Open in SQL' }).first().click();
  await expect(wb.queryTabs.getByRole('tab')).toHaveCount(2);
  await wb.expectRows(/^[\d,]+ rows?/);

  // Away and back: both tabs, and the first one's result and chart, as they were.
  await nav.getByRole('button', { name: 'Settings' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await wb.open();
  await expect(wb.queryTabs.getByRole('tab')).toHaveCount(2);
  await wb.queryTabs.getByRole('tab').first().click();
  await expect(app.getByRole('figure', { name: 'Chart of sessions by app_version' }).locator('canvas')).toBeVisible();
  await wb.button('Grid').click();
  await wb.expectRows(/^3 rows/);
  await expect(wb.row(1).getByRole('gridcell').first()).toHaveText('v1');
});

test('a saved tab shows edits not saved yet, and Pin says the tile would run the saved file', async ({ app }) => {
  const wb = new WorkbenchPage(app);
  await wb.open();
  await wb.paste("SELECT 'v' || (range % 3 + 1) AS app_version, count(*) AS sessions FROM range(30) GROUP BY 1 ORDER BY 1");
  await wb.editor.press('ControlOrMeta+s');
  const form = app.getByRole('form', { name: 'Save query' });
  await form.getByLabel('Query name').fill('Versions');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  const tab = wb.queryTabs.getByRole('tab', { name: 'Versions' });
  await expect(tab).toBeVisible();
  await expect(tab).not.toHaveAttribute('data-unsaved');

  // An edit marks the tab; the chart's Pin warns that the tile runs the file as saved.
  await wb.editor.click();
  await app.keyboard.press('ControlOrMeta+End');
  await app.keyboard.insertText(' DESC');
  await expect(tab).toHaveAttribute('data-unsaved', 'true');
  await expect(tab).toHaveAttribute('title', /with unsaved edits/);
  await wb.runWithKeyboard();
  await wb.expectRows(/^3 rows/);
  await wb.button('Chart').click();
  await expect(app.getByRole('note')).toContainText('A pinned tile runs Versions.sql as saved, without this tab’s edits');

  // Saving again clears both.
  await wb.editor.press('ControlOrMeta+s');
  await expect(tab).not.toHaveAttribute('data-unsaved');
  await expect(app.getByRole('note')).toHaveCount(0);
});
