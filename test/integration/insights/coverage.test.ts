// The coverage rule against a real sync of two apps that do not line up (laggingAppsHarness.ts):
// "last N days" ends where every app has data and names the app that holds it back, a change is
// shown only between windows both apps cover, periods outside the data are gaps, window totals at
// weekly count published weeks only, and the Overview and Acquisition agree on the same range.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHeadlineService } from '../../../main/insights/headlineService';
import { createDashboardService, type DashboardService } from '../../../main/insights/dashboards/service';
import type { DashboardControls, DashboardPageId, TileResult } from '../../../shared/dashboards';
import type { HeadlinesView } from '../../../shared/insights';
import { withProvenance } from '../../support/rowProvenance';
import type { SyncHarness } from '../sync/syncHarness';
import { addDays, orGap, periods } from './dashboardTruth';
import { APP_ID, LATE_APP, LATE_APP_NAME, startLaggingAppsHarness } from './laggingAppsHarness';

let h: SyncHarness;
let service: DashboardService;
let today: string;
const BOTH = `app_apple_identifier IN (${APP_ID}, ${LATE_APP})`;
const ENG = 'app_store_discovery_and_engagement_standard';
const DL = 'app_downloads_standard';
const IMPRESSION = `event ILIKE 'impression'`;
const DOWNLOAD = `download_type ILIKE 'first-time download' OR download_type ILIKE 'redownload'`;

beforeAll(async () => {
  h = await startLaggingAppsHarness(31);
  service = createDashboardService({ reader: h.warehouse.insights });
  today = h.fake.clock.now().toISOString().slice(0, 10);
}, 900_000);

afterAll(async () => {
  await h?.close();
});

const short = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** Per app, the oldest and newest period of a view, by hand. */
async function spans(view: string): Promise<{ app: string; oldest: string; newest: string }[]> {
  const rows = await h.sql(`SELECT CAST(app_apple_identifier AS VARCHAR) AS a, CAST(min(date) AS VARCHAR) AS o, CAST(max(date) AS VARCHAR) AS n
    FROM ${view} WHERE ${BOTH} GROUP BY 1 ORDER BY 1`);
  return rows.map((r) => ({ app: String(r.a), oldest: String(r.o), newest: String(r.n) }));
}

async function sum(view: string, column: string, predicate: string, from: string, to: string): Promise<number> {
  const rows = await h.sql(`SELECT COALESCE(SUM(${column}), 0) AS v FROM ${view} WHERE ${BOTH} AND (${predicate}) AND date BETWEEN DATE '${from}' AND DATE '${to}'`);
  return Number(rows[0]?.v);
}

function tile(pageId: DashboardPageId, tileId: string, over: Partial<DashboardControls>): Promise<TileResult> {
  const controls: DashboardControls = { apps: [APP_ID, LATE_APP], from: addDays(today, -28), to: addDays(today, -1), granularity: 'DAILY',
    filters: {}, compare: 'previous', topN: 5, ...over };
  return service.tile({ requestId: randomUUID(), group: randomUUID(), pageId, tileId, controls });
}

const value = (r: TileResult, label: string, col = 'value') => r.rows.find((row) => row[0] === label)?.[r.columns.indexOf(col)];

describe('the two apps do not line up', () => {
  it('Trail Notes starts later and ends earlier than Example App', async () => {
    const [a, b] = await spans(`main.${ENG}`);
    expect(a?.app).toBe(APP_ID);
    expect(b!.oldest > a!.oldest).toBe(true);
    expect(b!.newest < a!.newest).toBe(true);
  });
});

describe.each([7, 28, 90] as const)('Overview and Acquisition over the last %i days', (days) => {
  let view: HeadlinesView;
  let funnel: TileResult;
  beforeAll(async () => {
    view = await createHeadlineService({ metadata: h.warehouse.metadata }).headlines({ appId: 'all', days, today: h.fake.clock.now() });
    funnel = await tile('acquisition', 'funnel', { from: addDays(today, -days), to: addDays(today, -1), endAtData: true });
  });

  it('end on the newest day both apps have published, name the app that lags, and agree on the totals', async () => {
    const eng = await spans(`main.${ENG}`);
    const dl = await spans(`main.${DL}`);
    const end = [...eng, ...dl].map((s) => s.newest).sort()[0] as string;
    const window = { from: addDays(end, -(days - 1)), to: end };
    const impressions = view.tiles.find((t) => t.id === 'impressions');
    expect(impressions?.window).toEqual(window);
    expect(funnel.window).toEqual(window);
    const ahead = [...eng, ...dl].filter((s) => s.app === APP_ID).map((s) => s.newest).sort()[0] as string;
    expect(impressions?.lagNotes).toEqual([`${LATE_APP_NAME}: data up to ${short(end)} (other apps reach ${short(ahead)}), so the range ends there.`]);
    expect(funnel.notes).toContain(impressions?.lagNotes[0]);
    const hand = await sum(`main.${ENG}`, 'counts', IMPRESSION, window.from, window.to);
    expect(hand).toBeGreaterThan(0);
    expect([impressions?.value, value(funnel, 'Impressions')]).toEqual([hand, hand]);
    expect(value(funnel, 'Downloads')).toBe(await sum(`main.${DL}`, 'counts', DOWNLOAD, window.from, window.to));
  });

  it('show a change only when both windows lie inside both apps\' data, else both values and why', async () => {
    const eng = await spans(`main.${ENG}`);
    const late = eng.map((s) => s.oldest).sort().at(-1) as string;
    const impressions = view.tiles.find((t) => t.id === 'impressions')!;
    const covered = late <= impressions.previousWindow.from;
    const previous = await sum(`main.${ENG}`, 'counts', IMPRESSION, impressions.previousWindow.from, impressions.previousWindow.to);
    expect(impressions.previous).toBe(previous);
    if (covered) {
      expect([impressions.compareNote, funnel.compareNote]).toEqual([null, null]);
      expect(impressions.changePercent).toBe(((impressions.value as number) - previous) / previous * 100);
    } else {
      const why = `No change shown: previous window (from ${short(impressions.previousWindow.from)}): data starts ${short(late)} for ${LATE_APP_NAME}.`;
      expect([impressions.changePercent, impressions.compareNote, funnel.compareNote]).toEqual([null, why, why]);
    }
    // 28 days: Trail Notes' data start inside the compared range (the case the issue saw).
    if (days === 28) expect(covered).toBe(false);
  });
});

describe('a change between windows both apps cover', () => {
  it('is shown for a custom range inside both apps\' data', async () => {
    const eng = await spans(`main.${ENG}`);
    const late = eng.map((s) => s.oldest).sort().at(-1) as string;
    const from = addDays(late, 3);
    const r = await tile('acquisition', 'funnel', { from, to: addDays(from, 2) });
    expect(r.compareWindow).toEqual({ from: late, to: addDays(late, 2) });
    expect(r.compareNote).toBeNull();
    expect(value(r, 'Impressions', 'previous')).toBe(await sum(`main.${ENG}`, 'counts', IMPRESSION, late, addDays(late, 2)));
  });
});

describe('no false zeros', () => {
  it('a line is a gap before the first data and after the newest common day, its comparison too', async () => {
    const dl = await spans(`main.${DL}`);
    const first = dl.map((s) => s.oldest).sort()[0] as string;
    const newest = dl.map((s) => s.newest).sort()[0] as string;
    const from = addDays(first, -3);
    const to = addDays(newest, 2);
    const r = await tile('acquisition', 'downloads-trend', { from, to });
    const days = periods(from, to, 'day');
    const span = { first, last: newest };
    const firstTime = new Map((await h.sql(`SELECT CAST(date AS VARCHAR) AS d, SUM(counts) AS v FROM main.${DL} WHERE ${BOTH}
      AND download_type ILIKE 'first-time download' GROUP BY 1`)).map((row) => [String(row.d), Number(row.v)]));
    const rows = r.rows.filter((row) => row[1] === 'First-time downloads');
    expect(rows).toEqual(days.map((d, i) => {
      const cmp = addDays(from, i - days.length);
      return [d, 'First-time downloads', orGap(span, d, firstTime.get(d) ?? 0), orGap(span, cmp, firstTime.get(cmp) ?? 0)];
    }));
    expect(rows[0]?.[2]).toBeNull();
    expect(rows.at(-1)?.[2]).toBeNull();
    expect(r.compareNote).toMatch(/^No change shown: /);
  });

  it('a range entirely outside the data says so instead of showing zeros', async () => {
    const r = await tile('acquisition', 'top-territories', { from: '2020-01-01', to: '2020-01-31' });
    expect(r.rows).toEqual([]);
    expect(r.notes.some((n) => /^No data in this range: the chosen apps have data from /.test(n))).toBe(true);
  });
});

describe('weekly', () => {
  it('window totals cover published weeks only, the comparison as many weeks; the newest single-vintage week is restating', async () => {
    const weeks = await spans('weekly.app_downloads_detailed');
    const lastWeek = weeks.map((s) => s.newest).sort()[0] as string;
    const from = addDays(lastWeek, -21);
    const r = await tile('acquisition', 'top-territories', { from, to: today, granularity: 'WEEKLY', topN: 25 });
    expect(r.window).toEqual({ from, to: addDays(lastWeek, 6) });
    // The comparison is the weeks right before the asked range, cut to the same positions (as many weeks).
    const compareFrom = addDays(from, -7 * periods(from, today, 'week').length);
    expect(r.compareWindow).toEqual({ from: compareFrom, to: addDays(compareFrom, 27) });
    expect(r.notes.join(' ')).toMatch(/Partial range: totals cover /);
    const total = r.rows.reduce((a, row) => a + Number(row[1]), 0);
    expect(total).toBe(await sum('weekly.app_downloads_detailed', 'counts', DOWNLOAD, from, lastWeek));
    const previous = r.rows.reduce((a, row) => a + Number(row[2]), 0);
    expect(previous).toBe(await sum('weekly.app_downloads_detailed', 'counts', DOWNLOAD, compareFrom, addDays(compareFrom, 27)));
    // Per app, its newest week is provisional while only one instance holds it.
    const single = await h.sql(`WITH w AS (SELECT app_apple_identifier AS a, date, count(DISTINCT _instance_id) AS held FROM ${withProvenance('raw.app_downloads_detailed')}
      WHERE ${BOTH} AND _granularity = 'WEEKLY' GROUP BY ALL), n AS (SELECT a, max(date) AS newest FROM w GROUP BY a)
      SELECT CAST(w.date AS VARCHAR) AS d FROM w JOIN n ON w.a = n.a AND w.date = n.newest WHERE held = 1`);
    const trend = await tile('acquisition', 'downloads-trend', { from, to: today, granularity: 'WEEKLY', endAtData: true });
    expect(trend.window.to).toBe(addDays(lastWeek, 6));
    const open = single.map((row) => String(row.d)).filter((d) => d <= trend.window.to).sort();
    expect(open.length).toBeGreaterThan(0);
    expect(trend.restatingFrom).toBe(open[0]);
  });
});
