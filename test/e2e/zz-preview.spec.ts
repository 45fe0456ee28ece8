import { test } from './support/orchardFixture';
import type { Route } from '@playwright/test';

const pages = [
  { id: 'acquisition', title: 'Acquisition', description: 'How people find the app and become users.', tiles: [
    { id: 'funnel', title: 'Acquisition funnel', chart: 'funnel', meaning: 'Impressions, product page views and first-time downloads.', unit: 'count', reports: [], filters: [] },
    { id: 'trend', title: 'First-time downloads', chart: 'line', meaning: 'Downloads by first-time users.', unit: 'count', reports: [], filters: [] },
    { id: 'mix', title: 'Downloads by source type', chart: 'stackedArea', meaning: 'Where downloads came from.', unit: 'count', reports: [], filters: [] },
    { id: 'terr', title: 'Downloads by territory', chart: 'rankedBars', meaning: 'Top territories.', unit: 'count', reports: [], filters: [], uniqueNote: 'Unique devices are counted per territory by Apple and never summed.' },
    { id: 'tbl', title: 'Referrers', chart: 'table', meaning: 'Referring apps and websites.', unit: 'count', reports: [], filters: [] },
  ] },
  { id: 'monetization', title: 'Monetization', description: 'x', tiles: [] },
  { id: 'usage', title: 'Usage', description: 'x', tiles: [] },
  { id: 'performance', title: 'Performance', description: 'x', tiles: [] },
];

function days(n: number): string[] {
  return Array.from({ length: n }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
}

function tile(id: string) {
  const base = { pageId: 'acquisition', tileId: id, sql: `SELECT 42 AS ${id}`, granularity: 'DAILY', window: { from: '2026-01-01', to: '2026-01-28' }, compareWindow: { from: '2025-12-04', to: '2025-12-31' }, dataUpTo: '2026-01-28', restatingFrom: id === 'trend' ? '2026-01-25' : null, notes: id === 'mix' ? ['The platform version filter does not apply to this report.'] : [], elapsedMs: 12 };
  const d = days(28);
  switch (id) {
    case 'funnel':
      return { ...base, columns: ['step', 'value', 'previous'], rows: [['Impressions', 120345, 110000], ['Product page views', 30411, 29000], ['First-time downloads', 4210, 4500]] };
    case 'trend':
      return { ...base, columns: ['period', 'series', 'value', 'previous'], rows: d.map((p, i) => [p, 'First-time downloads', 140 + Math.round(30 * Math.sin(i / 3)), i === 10 ? null : 130 + Math.round(20 * Math.cos(i / 4))]) };
    case 'mix':
      return { ...base, columns: ['period', 'series', 'value', 'previous'], rows: d.flatMap((p, i) => [[p, 'App Store search', 80 + (i % 7) * 5, 70], [p, 'App Store browse', 40 + (i % 5) * 3, 35], [p, 'Web referrer', 15, 12], [p, 'Other', 8, 9]]) };
    case 'terr':
      return { ...base, columns: ['label', 'value', 'previous'], rows: [['United States', 1800, 1700], ['Germany', 640, 700], ['Japan', 420, 300], ['United Kingdom', 390, 390], ['Other', 960, 900]] };
    default:
      return { ...base, columns: ['referrer', 'downloads'], rows: [['example.com', 120], ['news.example', 45]] };
  }
}

test('preview', async ({ app }) => {
  test.setTimeout(120_000);
  const reply = (value: unknown) => (route: Route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, value }) });
  await app.route('**/ipc/insights%3Adashboards', reply(pages));
  await app.route('**/ipc/insights%3AfilterValues', reply(['US', 'DE', 'JP']));
  await app.route('**/ipc/insights%3Acancel', reply({ cancelled: 0 }));
  await app.route('**/ipc/insights%3Atile', async (route) => {
    const body = JSON.parse(route.request().postData() ?? '{}') as { tileId: string };
    await new Promise((r) => setTimeout(r, 300));
    await reply(tile(body.tileId))(route);
  });
  await app.evaluate(() => localStorage.setItem('orchard.dashboardControls', JSON.stringify({ apps: 'all' })));
  await app.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Insights' }).click();
  await app.getByRole('tab', { name: 'Acquisition' }).click();
  await app.locator('[data-tile="trend"][data-state="ready"]').waitFor();
  await app.locator('[data-tile="tbl"][data-state="ready"]').waitFor();
  await app.screenshot({ path: 'test-results/preview-light.png', fullPage: true });
  for (const t of ['trend', 'mix', 'terr', 'funnel']) {
    const wait = app.waitForEvent('download');
    await app.locator(`[data-tile="${t}"]`).getByRole('button', { name: 'Export PNG' }).click();
    const dl = await wait;
    await dl.saveAs(`test-results/preview-${t}.png`);
  }
  const wait = app.waitForEvent('download');
  await app.locator('[data-tile="terr"]').getByRole('button', { name: 'Export CSV' }).click();
  await (await wait).saveAs('test-results/preview-terr.csv');
  await app.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  await app.locator('.tile-title').first().focus();
  await app.screenshot({ path: 'test-results/preview-dark.png', fullPage: true });
});
