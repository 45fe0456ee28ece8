// The Insights section on synced fake data: tiles show the service's numbers, the period switch
// changes them, and "Open in SQL" gives the same number in the workbench; with two apps that do not
// line up, ranges end where both have data and a change is shown only like-for-like, with the reason.
import { test, expect } from './support/orchardFixture';
import { WorkbenchPage } from './pages/WorkbenchPage';
import { InsightsDashboards } from './pages/InsightsDashboards';
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

const TRAIL = { id: '1500000001', name: 'Trail Notes', bundleId: 'com.example.trail', sku: 'TRAIL' };
const PRESETS = [7, 28, 90] as const;

async function syncApp(orchard: OrchardHarness, appId: string, runsBefore: number): Promise<void> {
  await call(orchard, 'sync:start', { appId, reportNames: REPORTS, granularities: ['DAILY'] });
  await expect.poll(async () => (await call<unknown[]>(orchard, 'sync:history', { appId })).length, { timeout: 120_000 }).toBe(runsBefore + 1);
}

test('two apps that do not line up: ranges end where both have data, a change only like-for-like, and why', async ({ app, orchard, fakeAsc }) => {
  test.setTimeout(480_000);
  const key = makeTestApiKey();
  fakeAsc.registerKey({ keyId: key.keyId, issuerId: key.issuerId, publicKeyPem: key.publicKeyPem, role: 'ADMIN' });
  fakeAsc.addApp(APP);
  fakeAsc.addApp(TRAIL);
  await call(orchard, 'keys:add', { pem: key.privateKeyPem, keyId: key.keyId, issuerId: key.issuerId, individual: false, label: 'Team' });
  await call(orchard, 'apps:select', { appId: APP.id });
  // Example App a month ahead; Trail Notes first synced a month later (its data start then), last
  // synced a day before Example App (its data end earlier). Orchard follows the fake's clock.
  await syncApp(orchard, APP.id, 0);
  fakeAsc.clock.advanceDays(30);
  await syncApp(orchard, APP.id, 1);
  await syncApp(orchard, TRAIL.id, 0);
  fakeAsc.clock.advanceDays(8);
  await syncApp(orchard, TRAIL.id, 1);
  fakeAsc.clock.advanceDays(1);
  await syncApp(orchard, APP.id, 2);
  await call(orchard, 'browse:overview', { appId: TRAIL.id });
  const headlines = async (appId: string, days: 7 | 28 | 90) =>
    (await call<HeadlinesView>(orchard, 'insights:headlines', { appId, days })).tiles.find((t) => t.id === 'impressions')!;

  await app.reload();
  await app.locator('.shell[data-state="ready"]').waitFor();
  const insights = new InsightsDashboards(app);
  await insights.open();
  await app.getByRole('radio', { name: 'All apps' }).click();
  const tile = app.getByRole('region', { name: 'Impressions' });
  const overview = new Map<number, number>();
  const notes = new Map<number, string | null>();
  for (const days of PRESETS) {
    const expected = await headlines('all', days);
    await app.getByRole('radio', { name: `${days} days` }).click();
    await expect(tile.getByTestId('headline-impressions')).toHaveText((expected.value ?? 0).toLocaleString('en-US'));
    await expect(tile.getByTestId('headline-impressions-window')).toHaveText(new RegExp(`^${days} days to `));
    await expect(tile).toContainText(/Trail Notes: data up to/);
    if (expected.compareNote === null) {
      await expect(tile.getByTestId('headline-impressions-change')).toContainText('% vs previous period');
    } else {
      // Trail Notes' data start inside the compared range: both values, no percentage, the reason.
      expect(expected.compareNote).toMatch(/^No change shown: previous window .*data starts .* for Trail Notes\.$/);
      await expect(tile.getByTestId('headline-impressions-compare-note')).toHaveText(expected.compareNote);
      await expect(tile.getByTestId('headline-impressions-change')).not.toContainText('%');
    }
    overview.set(days, expected.value ?? 0);
    notes.set(days, expected.compareNote);
  }
  // The fake backfills about two months at a first sync: 90 days reach back before Trail Notes' data.
  expect(notes.get(90)).not.toBeNull();
  // One app whose data cover both windows: the change is shown.
  await app.getByRole('radio', { name: 'This app' }).click();
  await app.getByRole('radio', { name: '7 days' }).click();
  const alone = await headlines(APP.id, 7);
  expect(alone.compareNote).toBeNull();
  await expect(tile.getByTestId('headline-impressions-change')).toContainText('% vs previous period');

  // The Acquisition page, all apps, each preset: the funnel's impressions equal the Overview's.
  await insights.openTab('Acquisition');
  await insights.choose('Apps', 'All apps');
  await insights.choose('Compare with', 'Previous period');
  const funnel = insights.tile('Store funnel');
  for (const days of PRESETS) {
    await insights.choose('Date range', `Last ${days} days`);
    await insights.settled();
    const value = (overview.get(days) ?? 0).toLocaleString('en-US');
    await expect.poll(async () => (await insights.rows('Store funnel'))[0]?.[1], { timeout: 120_000 }).toBe(value);
    await expect(funnel.getByTestId('tile-window')).toContainText(new RegExp(`^${days} days to `));
    await expect(funnel).toContainText(/Trail Notes: data up to/);
    if (notes.get(days) === null) {
      await expect(funnel.getByRole('note').filter({ hasText: 'No change shown' })).toHaveCount(0);
      await expect(funnel.locator('text.chart-change').first()).toContainText('%');
    } else {
      await expect(funnel.getByRole('note').filter({ hasText: 'No change shown' })).toHaveText(notes.get(days) ?? '');
      await expect(funnel.locator('.chart-change.up, .chart-change.down')).toHaveCount(0);
      for (const text of await funnel.locator('text.chart-change').allTextContents()) expect(text).not.toContain('%');
    }
  }
  // Every page at each preset: no tile shows a coloured change beside a "No change shown" note.
  for (const name of ['Acquisition', 'Monetization', 'Usage', 'Performance']) {
    await insights.openTab(name);
    for (const days of PRESETS) {
      await insights.choose('Date range', `Last ${days} days`);
      await insights.settled();
      const noted = app.locator('[data-tile]', { has: app.getByRole('note').filter({ hasText: 'No change shown' }) });
      await expect(noted.locator('.chart-change.up, .chart-change.down')).toHaveCount(0);
    }
  }
});
