// Issue 6's user path in a real browser: a new user adds a key, picks an app, requests reports,
// waits for Apple (the fake's clock), syncs with visible progress, sees instances turn
// downloaded, opens one in the workbench, and has a stopped request explained and recreated.
// Screenshots of Overview, Reports, Instances and Sync in light and dark themes.
import type { Page } from '@playwright/test';
import { test as base, expect } from './support/orchardFixture';
import { startFakeAsc, type FakeAsc } from '../fake-asc';
import { makeTestApiKey } from '../support/testKeys';
import { AppsScreen, InstancesScreen, KeysScreen, OverviewScreen, ReportsScreen, RequestsScreen, Shell, SyncScreen } from './pages/orchardPages';
import { WorkbenchPage } from './pages/WorkbenchPage';

const APP = { id: '6447000301', name: 'Pocket Garden', bundleId: 'com.example.pocketgarden', sku: 'PG' };
const INACTIVITY_DAYS = 10;
const DAY_MS = 86_400_000;

// Unlike the shared fixture, this fake stops ONGOING requests left undownloaded for 10 days.
const test = base.extend<{ fakeAsc: FakeAsc }>({
  fakeAsc: async ({}, use) => {
    const fake = await startFakeAsc({ followWallClock: true, inactivityDays: INACTIVITY_DAYS });
    await use(fake);
    await fake.close();
  },
});

/**
 * Lets the fake produce `days` of data, then puts its clock back: Orchard signs its tokens with
 * the real clock, which a fake running ahead would reject as expired. What was produced stays.
 */
function produceDays(fake: FakeAsc, days: number): void {
  fake.clock.advanceDays(days);
  fake.clock.set(new Date(fake.clock.now().getTime() - days * DAY_MS));
}

test('from a new key to downloaded instances, the workbench, and a recreated request', async ({ app, fakeAsc }) => {
  const key = makeTestApiKey();
  fakeAsc.registerKey({ keyId: key.keyId, issuerId: key.issuerId, publicKeyPem: key.publicKeyPem, role: 'ADMIN' });
  fakeAsc.addApp(APP);
  const shell = new Shell(app);
  const overview = new OverviewScreen(app);

  // A new user is guided to a key, then to an app.
  await expect(app.getByRole('heading', { name: 'Welcome to Orchard' })).toBeVisible();
  await app.getByRole('button', { name: 'Add an API key' }).click();
  await new KeysScreen(app).addByPaste(key, 'Example team');
  await shell.open('Apps');
  await new AppsScreen(app).pick(APP.name);

  // The overview says reports were never requested and leads to the Requests screen.
  await shell.open('Overview');
  await expect(app.getByRole('heading', { level: 1 })).toHaveText(`Overview — ${APP.name}`);
  await overview.notice('No ongoing report request yet').getByRole('button', { name: 'Request reports' }).click();
  const requests = new RequestsScreen(app);
  await expect(app.getByText('No report requests yet')).toBeVisible();
  await app.getByRole('button', { name: 'Request ongoing reports' }).click();
  await expect(requests.row('Ongoing')).toContainText('Requested just now — Apple usually needs 24–48 hours');
  await expect(app.getByRole('button', { name: 'Request ongoing reports' })).toBeDisabled();
  await app.getByRole('button', { name: 'Request history snapshot' }).click();
  await expect(requests.row('History snapshot')).toContainText('History snapshot requested just now');
  await expect(app.getByRole('button', { name: 'Request history snapshot' })).toBeDisabled();
  await expect(app.getByText('This app already has a history snapshot request.')).toBeVisible();

  // Reports list at once; the default selection is the Standard reports of engagement, commerce and usage,
  // plus App Downloads Detailed (Apple's only weekly and monthly downloads); other Detailed reports stay off.
  await shell.open('Reports');
  const reports = new ReportsScreen(app);
  await reports.search('app sessions');
  await expect(reports.includeSwitch('App Sessions Detailed')).not.toBeChecked();
  await reports.search('app downloads');
  await expect(reports.includeSwitch('App Downloads Standard')).toBeChecked();
  await expect(reports.includeSwitch('App Downloads Detailed')).toBeChecked();
  await expect(reports.row('App Downloads Standard')).toContainText('Not synced yet');
  await reports.search('');
  await app.getByRole('radio', { name: 'Performance' }).click();
  await reports.includeSwitch('App Crashes Expanded').check();
  await expect(app.getByRole('status', { name: 'Selection' })).toContainText(/^\d+ of \d+ reports included in sync$/);
  await app.getByRole('radio', { name: 'All' }).click();

  // Apple produces data; Ctrl+R syncs with visible progress. Every file arrives damaged this time.
  produceDays(fakeAsc, 4);
  fakeAsc.faults.corruptChecksumNext = 100_000;
  await app.keyboard.press('Control+r');
  await expect(app.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible();
  const sync = new SyncScreen(app);
  await expect(sync.progress()).toBeVisible();
  await expect(sync.progress().getByRole('progressbar', { name: 'Overall' })).toBeVisible();
  await sync.waitForFinish();
  const history = app.getByRole('list', { name: 'Sync history' });
  await expect(history.getByRole('listitem').first()).toContainText('Finished with problems');
  await expect(history.getByRole('listitem').first()).toContainText('Suggested fix: The damaged file was quarantined and the next sync downloads it again');

  // The failed instances are marked as such.
  await shell.open('Instances');
  const instances = new InstancesScreen(app);
  await expect(instances.cells('failed').first()).toBeVisible();
  await expect(instances.cells('downloaded')).toHaveCount(0);

  // Sync again with healthy files: everything loads.
  fakeAsc.faults.corruptChecksumNext = 0;
  await shell.open('Sync');
  await app.getByRole('button', { name: 'Sync now' }).click();
  await sync.waitForFinish();
  await expect(sync.progress().getByRole('progressbar', { name: 'Overall' })).toHaveAttribute('aria-valuenow', '100');
  await expect(sync.progress().getByRole('progressbar', { name: 'Downloading' })).toHaveAttribute('aria-valuetext', /files · \d/);
  await expect(history.getByRole('listitem')).toHaveCount(2);
  await expect(history.getByRole('listitem').first()).toContainText('Succeeded');
  await inBothThemes(app, (theme) => shell.screenshot(`sync-${theme}`));

  // Instances of App Downloads Standard turned downloaded; drill into one and open its rows.
  await shell.open('Reports');
  await reports.search('app downloads standard');
  await expect(reports.row('App Downloads Standard')).toContainText('Available');
  await reports.row('App Downloads Standard').getByRole('button', { name: 'Instances of App Downloads Standard' }).click();
  await expect(app.getByRole('combobox', { name: 'Report' })).toHaveValue('App Downloads Standard');
  await expect(instances.cells('downloaded').first()).toBeVisible();
  await expect(instances.cells('pending')).toHaveCount(0);
  await instances.cells('downloaded').first().click();
  const detail = instances.detail();
  await expect(detail.getByRole('table', { name: 'Segments' }).getByRole('row')).not.toHaveCount(1);
  await expect(detail.getByRole('table', { name: 'Segments' })).toContainText('ingested');
  await expect(detail).toContainText(/[\d,]+ rows? loaded into the warehouse/);

  await inBothThemes(app, (theme) => shell.screenshot(`instances-${theme}`));

  const loaded = (await detail.textContent())?.match(/([\d,]+) rows? loaded into the warehouse/)?.[1] ?? '';
  await detail.getByRole('button', { name: 'Open rows in SQL workbench' }).click();
  const workbench = new WorkbenchPage(app);
  await expect(workbench.editor).toContainText("FROM orchard.segment_keys WHERE instance_id = '");
  await workbench.runWithKeyboard();
  // The instance's own rows, as many as the Instances screen said were loaded (capped by LIMIT 1000).
  await workbench.expectRows(`${Math.min(1000, Number(loaded.replace(/,/g, ''))).toLocaleString('en-US')} row`);

  // Ten days without a download: Apple stops the ongoing request. The overview says so and recreates it.
  produceDays(fakeAsc, INACTIVITY_DAYS + 2);
  await shell.open('Reports');
  await reports.search('app downloads standard');
  await app.getByRole('button', { name: 'Check status with Apple' }).click();
  await expect(reports.row('App Downloads Standard')).toContainText('Stopped');
  await expect(reports.row('App Downloads Standard')).toContainText('Recreate it to receive new data');
  await shell.open('Overview');
  const stopped = overview.notice('Stopped: no downloads for a while');
  await expect(stopped).toBeVisible();
  await inBothThemes(app, (theme) => shell.screenshot(`overview-${theme}`));
  await stopped.getByRole('button', { name: 'Recreate' }).click();
  const dialog = app.getByRole('dialog', { name: `Recreate the stopped request of ${APP.name}?` });
  await expect(dialog).toContainText('Apple stopped this app’s ongoing request');
  await dialog.getByRole('button', { name: 'Recreate request' }).click();
  await expect(dialog).toBeHidden();
  await expect(overview.notice('Stopped: no downloads for a while')).toHaveCount(0);
  await expect(overview.notice(/^Requested just now — Apple usually needs 24–48 hours/)).toBeVisible();
  expect(fakeAsc.requests(APP.id).filter((r) => r.accessType === 'ONGOING').map((r) => [r.deleted, r.stoppedDueToInactivity])).toEqual([[true, true], [false, false]]);

  await shell.open('Reports');
  await expect(reports.list()).toBeVisible();
  await expect(app.getByText('Checking App Store Connect…')).toHaveCount(0);
  await inBothThemes(app, (theme) => shell.screenshot(`reports-${theme}`));
  await shell.open('Requests');
  await expect(requests.row('Ongoing')).toContainText('Requested just now');
  await shell.screenshot('requests-light');
  await shell.open('Settings');
  await expect(app.getByText(/Holds [\d.]+ (KB|MB)/)).toBeVisible();
  await shell.screenshot('settings-light');
});

test('a key that is not Admin learns it from a 403 and then says why it cannot request', async ({ app, fakeAsc }) => {
  const key = makeTestApiKey();
  fakeAsc.registerKey({ keyId: key.keyId, issuerId: key.issuerId, publicKeyPem: key.publicKeyPem, role: 'SALES_AND_REPORTS' });
  fakeAsc.addApp(APP);
  const shell = new Shell(app);
  await shell.open('API Keys');
  await new KeysScreen(app).addByPaste(key, 'Reports only');
  await shell.open('Apps');
  await new AppsScreen(app).pick(APP.name);
  await shell.open('Requests');
  await app.getByRole('button', { name: 'Request ongoing reports' }).click();
  await expect(app.getByRole('alert')).toContainText('This key is not an Admin key');
  const why = app.getByRole('note', { name: 'Why requests cannot be changed' });
  await expect(why).toContainText('Only Admin keys can create or delete requests');
  await expect(app.getByRole('button', { name: 'Request ongoing reports' })).toBeDisabled();
  await expect(app.getByRole('button', { name: 'Request history snapshot' })).toBeDisabled();
  expect(fakeAsc.requests(APP.id)).toEqual([]);
});

test('deleting a request asks first; only the confirmed click deletes it at Apple', async ({ app, fakeAsc }) => {
  const key = makeTestApiKey();
  fakeAsc.registerKey({ keyId: key.keyId, issuerId: key.issuerId, publicKeyPem: key.publicKeyPem, role: 'ADMIN' });
  fakeAsc.addApp(APP);
  fakeAsc.createRequest(APP.id, 'ONGOING');
  const ongoing = () => fakeAsc.requests(APP.id).filter((r) => r.accessType === 'ONGOING' && !r.deleted);
  const shell = new Shell(app);
  const requests = new RequestsScreen(app);
  await shell.open('API Keys');
  await new KeysScreen(app).addByPaste(key, 'Admin');
  await shell.open('Apps');
  await new AppsScreen(app).pick(APP.name);
  await shell.open('Requests');
  // The confirmation says what deleting means at Apple; main issued the ticket the answer carries.
  await requests.row('Ongoing').getByRole('button', { name: 'Delete' }).click();
  const confirm = app.getByRole('dialog', { name: `Delete the ongoing request of ${APP.name}?` });
  await expect(confirm).toContainText('Apple stops producing data for this request.');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  expect(ongoing()).toHaveLength(1);
  await requests.row('Ongoing').getByRole('button', { name: 'Delete' }).click();
  await confirm.getByRole('button', { name: 'Delete request' }).click();
  await expect(requests.row('Ongoing')).toHaveCount(0);
  expect(ongoing()).toHaveLength(0);
});

/** Runs `capture` with the system in light, then dark mode (the app follows the system theme). */
async function inBothThemes(app: Page, capture: (theme: 'light' | 'dark') => Promise<void>): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await app.emulateMedia({ colorScheme: theme });
    await expect(app.locator('html')).toHaveAttribute('data-theme', theme);
    await capture(theme);
  }
  await app.emulateMedia({ colorScheme: 'light' });
}
