// The Insights headline numbers against a real sync of the fake App Store Connect: every number
// recomputed by hand-written SQL over the latest-wins views (and, where the fake's oracle can,
// from the fake's own ground truth), and every tile's SQL giving the same number in the workbench.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHeadlineService } from '../../../main/insights/headlineService';
import type { HeadlineTile, HeadlinesView } from '../../../shared/insights';
import { withProvenance } from '../../support/rowProvenance';
import { APP_ID, startSyncHarness, type SyncHarness } from '../sync/syncHarness';
import { startHistoryHarness } from './historyHarness';

let h: SyncHarness;
/** Only what the headlines read (plus WEEKLY, so coarser rows sit in the same tables), to keep the sync short. */
const SYNC = {
  reportNames: ['App Store Discovery and Engagement Standard', 'App Downloads Standard', 'App Store Purchases Standard',
    'App Sessions Standard', 'App Crashes'],
  granularities: ['DAILY', 'WEEKLY'] as ('DAILY' | 'WEEKLY')[],
};

beforeAll(async () => {
  h = await startSyncHarness({ seed: 11 });
  await h.sync(SYNC);
  // Sync every 10 days (well inside retention and the inactivity limit) for about five weeks.
  for (let i = 0; i < 4; i += 1) {
    h.fake.clock.advanceDays(10);
    const summary = await h.sync(SYNC);
    expect(summary.outcome).toBe('succeeded');
  }
}, 240_000);

afterAll(async () => {
  await h?.close();
});

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const app = `app_apple_identifier = ${APP_ID}`;

async function one(sql: string): Promise<unknown> {
  const rows = await h.sql(sql);
  return Object.values(rows[0] ?? {})[0];
}

/** Newest DAILY day of a view, by hand. */
async function newest(table: string): Promise<string> {
  return String(await one(`SELECT CAST(max(date) AS VARCHAR) FROM ${withProvenance(`main.${table}`)} WHERE _granularity = 'DAILY' AND ${app}`));
}

/** Oldest DAILY day of a view, by hand. */
async function oldest(table: string): Promise<string> {
  return String(await one(`SELECT CAST(min(date) AS VARCHAR) FROM ${withProvenance(`main.${table}`)} WHERE _granularity = 'DAILY' AND ${app}`));
}

/** Sum of a column over a window, by hand (COALESCE: a window without rows is 0). */
async function handSum(table: string, column: string, predicate: string, from: string, to: string): Promise<number> {
  return Number(await one(`SELECT COALESCE(SUM(${column}), 0) FROM ${withProvenance(`main.${table}`)}
    WHERE _granularity = 'DAILY' AND ${app} AND (${predicate}) AND date >= DATE '${from}' AND date <= DATE '${to}'`));
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function tileOf(view: HeadlinesView, id: string): HeadlineTile {
  const tile = view.tiles.find((t) => t.id === id);
  if (!tile) throw new Error(`no tile ${id}`);
  return tile;
}

const ENG = 'app_store_discovery_and_engagement_standard';
const DL = 'app_downloads_standard';
const SUMS: Record<string, [table: string, column: string, predicate: string]> = {
  impressions: [ENG, 'counts', `event ILIKE 'impression'`],
  productPageViews: [ENG, 'counts', `event ILIKE 'page view' AND page_type ILIKE 'product page'`],
  firstTimeDownloads: [DL, 'counts', `download_type ILIKE 'first-time download'`],
  redownloads: [DL, 'counts', `download_type ILIKE 'redownload'`],
  proceeds: ['app_store_purchases_standard', 'proceeds_in_usd', 'TRUE'],
  sessions: ['app_sessions_standard', 'sessions', 'TRUE'],
};

describe.each([7, 28] as const)('insights headlines over %i days', (days) => {
  let view: HeadlinesView;
  beforeAll(async () => {
    view = await createHeadlineService({ metadata: h.warehouse.metadata }).headlines({ appId: APP_ID, days, today: h.fake.clock.now() });
  });

  it('every additive metric equals a hand-written sum over the views, for both windows', async () => {
    for (const [id, [table, column, predicate]] of Object.entries(SUMS)) {
      const tile = tileOf(view, id);
      const end = await newest(table);
      expect(tile.dataUpTo).toBe(end);
      expect(tile.window).toEqual({ from: addDays(end, -(days - 1)), to: end });
      expect(tile.previousWindow).toEqual({ from: addDays(end, -(2 * days - 1)), to: addDays(end, -days) });
      const current = await handSum(table, column, predicate, tile.window.from, tile.window.to);
      const previous = await handSum(table, column, predicate, tile.previousWindow.from, tile.previousWindow.to);
      expect(current, id).toBeGreaterThan(0);
      expect([id, tile.value, tile.previous]).toEqual([id, current, previous]);
      // A change only when the previous window lies fully inside the data; otherwise both values and why.
      const covered = (await oldest(table)) <= tile.previousWindow.from;
      expect(tile.compareNote === null, id).toBe(covered);
      expect(tile.changePercent).toBe(!covered || previous === 0 ? null : ((current - previous) / Math.abs(previous)) * 100);
      // The sparkline has one point per day, zero-filled, and adds up to the value.
      expect(tile.sparkline.map((p) => p.date)).toEqual(Array.from({ length: days }, (_, i) => addDays(tile.window.from, i)));
      const sparkTotal = tile.sparkline.reduce((a, p) => a + (p.value ?? Number.NaN), 0);
      expect(Math.round(sparkTotal * 100)).toBe(Math.round(current * 100));
    }
  });

  it('ratios equal hand-computed ratios of hand-written sums', async () => {
    const conversion = tileOf(view, 'conversionRate');
    const crashRate = tileOf(view, 'crashRate');
    const convEnd = [await newest(DL), await newest(ENG)].sort()[0] as string;
    const crashEnd = [await newest('app_crashes'), await newest('app_sessions_standard')].sort()[0] as string;
    expect(conversion.dataUpTo).toBe(convEnd);
    expect(crashRate.dataUpTo).toBe(crashEnd);
    for (const [w, pick] of [['window', 'value'], ['previousWindow', 'previous']] as const) {
      const c = conversion[w];
      const downloads = await handSum(DL, 'counts', `download_type ILIKE 'first-time download' OR download_type ILIKE 'redownload'`, c.from, c.to);
      const impressions = await handSum(ENG, 'counts', `event ILIKE 'impression'`, c.from, c.to);
      expect(conversion[pick]).toBe((downloads * 100) / impressions);
      const r = crashRate[w];
      const crashes = await handSum('app_crashes', 'crashes', 'TRUE', r.from, r.to);
      const sessions = await handSum('app_sessions_standard', 'sessions', 'TRUE', r.from, r.to);
      expect(crashRate[pick]).toBe((crashes * 1000) / sessions);
    }
    // A rate's sparkline is a rate per day (null where a day has no denominator), not a sum.
    const day = conversion.sparkline.find((p) => p.value !== null);
    expect(day).toBeDefined();
  });

  it('sessions, crashes and proceeds also match the fake App Store Connect\'s ground truth', () => {
    for (const [id, reportName, metric] of [
      ['sessions', 'App Sessions Standard', 'Sessions'],
      ['proceeds', 'App Store Purchases Standard', 'Proceeds in USD'],
    ] as const) {
      const tile = tileOf(view, id);
      const truth = h.fake.latestTotals({ appId: APP_ID, reportName, granularity: 'DAILY', metric, scope: 'everProduced' });
      const inWindow = [...truth].filter(([d]) => d >= tile.window.from && d <= tile.window.to).reduce((a, [, v]) => a + v, 0);
      expect(Math.round((tile.value ?? Number.NaN) * 100)).toBe(Math.round(inWindow * 100));
    }
    const crashRate = tileOf(view, 'crashRate');
    const sum = (reportName: string, metric: string) => [...h.fake.latestTotals({ appId: APP_ID, reportName, granularity: 'DAILY', metric, scope: 'everProduced' })]
      .filter(([d]) => d >= crashRate.window.from && d <= crashRate.window.to).reduce((a, [, v]) => a + v, 0);
    expect(crashRate.value).toBe((sum('App Crashes', 'Crashes') * 1000) / sum('App Sessions Standard', 'Sessions'));
  });

  it('each tile\'s SQL returns the same numbers through the workbench engine', async () => {
    for (const tile of view.tiles.filter((t) => t.sql !== null)) {
      const rows = await h.sql(tile.sql as string);
      expect([tile.id, num(rows[0]?.current), num(rows[0]?.previous)]).toEqual([tile.id, tile.value, tile.previous]);
    }
  });

  it('unique counts are not totalled: paying users and active devices say why', () => {
    for (const id of ['payingUsers', 'activeDevices']) {
      const tile = tileOf(view, id);
      expect(tile.value).toBeNull();
      expect(tile.sql).toBeNull();
      expect(tile.unavailable).toMatch(/unique count/);
    }
  });
});

describe('the synced data exercises what the headlines must get right', () => {
  it('a restated day and a month boundary fall inside the 28-day window, and weekly rows exist for it', async () => {
    const view = await createHeadlineService({ metadata: h.warehouse.metadata }).headlines({ appId: APP_ID, days: 28, today: h.fake.clock.now() });
    const w = tileOf(view, 'firstTimeDownloads').window;
    const range = `date BETWEEN DATE '${w.from}' AND DATE '${w.to}'`;
    const restated = await h.sql(`SELECT date FROM ${withProvenance(`raw.${DL}`)} WHERE _granularity = 'DAILY' AND ${range}
      GROUP BY date HAVING COUNT(DISTINCT _instance_id) > 1`);
    expect(restated.length).toBeGreaterThan(0);
    // Summing the raw vintages would give a different (wrong) number: the views matter here.
    const rawSum = Number(await one(`SELECT SUM(counts) FROM ${withProvenance(`raw.${DL}`)} WHERE _granularity = 'DAILY' AND ${range} AND download_type ILIKE 'first-time download'`));
    expect(rawSum).not.toBe(tileOf(view, 'firstTimeDownloads').value);
    expect(w.from.slice(0, 7)).not.toBe(w.to.slice(0, 7));
    const coarse = await h.sql(`SELECT DISTINCT _granularity FROM ${withProvenance('raw.app_sessions_standard')} WHERE _granularity <> 'DAILY' AND ${range}`);
    expect(coarse.length).toBeGreaterThan(0);
  });

  it('all apps together equal the one app synced; a report never synced leaves its tiles empty', async () => {
    const service = createHeadlineService({ metadata: h.warehouse.metadata });
    const one7 = await service.headlines({ appId: APP_ID, days: 7, today: h.fake.clock.now() });
    const all7 = await service.headlines({ appId: 'all', days: 7, today: h.fake.clock.now() });
    expect(all7.tiles.map((t) => [t.id, t.value])).toEqual(one7.tiles.map((t) => [t.id, t.value]));
    const other = await service.headlines({ appId: '999', days: 7, today: h.fake.clock.now() });
    expect(other.tiles.every((t) => t.value === null && t.dataUpTo === null)).toBe(true);
  });
});

describe('the same window a year ago', () => {
  let hist: SyncHarness;
  beforeAll(async () => {
    hist = await startHistoryHarness(12, SYNC);
  }, 240_000);

  afterAll(async () => {
    await hist?.close();
  });

  it('is absent when the data does not reach back a year (a zero there would be false)', async () => {
    const view = await createHeadlineService({ metadata: h.warehouse.metadata }).headlines({ appId: APP_ID, days: 28, today: h.fake.clock.now() });
    expect(view.tiles.filter((t) => t.yearAgo !== undefined).map((t) => t.id)).toEqual([]);
  });

  it('equals hand-written sums over the same calendar dates a year earlier', async () => {
    const view = await createHeadlineService({ metadata: hist.warehouse.metadata }).headlines({ appId: APP_ID, days: 28, today: hist.fake.clock.now() });
    const yearEarlier = (day: string) => `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`;
    const sumAgo = async (table: string, column: string, predicate: string, from: string, to: string) => Number((await hist.sql(
      `SELECT COALESCE(SUM(${column}), 0) AS v FROM main.${table} WHERE ${app} AND (${predicate}) AND date BETWEEN DATE '${from}' AND DATE '${to}'`))[0]?.v);
    for (const [id, [table, column, predicate]] of Object.entries(SUMS)) {
      const tile = tileOf(view, id);
      const window = { from: yearEarlier(tile.window.from), to: yearEarlier(tile.window.to) };
      expect(tile.yearAgo?.window, id).toEqual(window);
      const ago = await sumAgo(table, column, predicate, window.from, window.to);
      expect(ago, id).toBeGreaterThan(0);
      expect([id, tile.yearAgo?.value]).toEqual([id, ago]);
      expect(tile.yearAgo?.changePercent).toBe(((tile.value as number) - ago) / Math.abs(ago) * 100);
    }
    const crash = tileOf(view, 'crashRate');
    const w = crash.yearAgo?.window;
    if (w === undefined) throw new Error('no year-ago crash rate');
    const crashes = await sumAgo('app_crashes', 'crashes', 'TRUE', w.from, w.to);
    const sessions = await sumAgo('app_sessions_standard', 'sessions', 'TRUE', w.from, w.to);
    expect(crash.yearAgo?.value).toBe((crashes * 1000) / sessions);
  });
});

