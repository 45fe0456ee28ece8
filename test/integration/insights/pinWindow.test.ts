// My dashboard pins under "the last N days" against a real sync of two apps that do not line up
// (laggingAppsHarness.ts): a pinned sum over :from/:to equals the Overview headline for the same
// range, ends where the built-in tiles end (daily and weekly), and a query naming no report ends at
// the newest day every app has published. First, before orchard.apps holds any name (as after a
// sync alone), notes that name an app say "App <id>" rather than a bare number.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardService } from '../../../main/insights/dashboards/service';
import { createHeadlineService } from '../../../main/insights/headlineService';
import { createPinService, type PinService } from '../../../main/insights/pins/pinService';
import { silentLogger } from '../../../main/logging/logger';
import { createSavedQueryStore } from '../../../main/workbench/savedQueries';
import type { DashboardControls, TileResult } from '../../../shared/dashboards';
import type { PinRunResult } from '../../../shared/pins';
import type { SyncHarness } from '../sync/syncHarness';
import { addDays } from './dashboardTruth';
import { APP_ID, LAGGING_REPORTS, LATE_APP, LATE_APP_NAME, startLaggingAppsHarness } from './laggingAppsHarness';

let h: SyncHarness;
let pins: PinService;
let today: string;

const IMPRESSIONS = `-- Impressions over the dashboard range
SELECT sum(counts) AS impressions FROM app_store_discovery_and_engagement_standard
WHERE app_apple_identifier IN :apps AND event ILIKE 'impression' AND date BETWEEN :from AND :to`;
const WEEKLY_DOWNLOADS = `SELECT date, sum(counts) AS downloads FROM "weekly"."app_downloads_detailed"
WHERE app_apple_identifier IN :apps AND date BETWEEN :from AND :to GROUP BY ALL ORDER BY date`;
const NO_REPORT = `SELECT :from AS first_day, :to AS last_day -- not a report: app_crashes`;

beforeAll(async () => {
  h = await startLaggingAppsHarness(47, ['DAILY', 'WEEKLY'], { storeNames: false });
  today = h.fake.clock.now().toISOString().slice(0, 10);
  pins = createPinService({ dataDir: h.warehouse.dataDir, query: h.warehouse.query, logger: silentLogger, now: () => new Date() });
  const saved = createSavedQueryStore(path.join(h.warehouse.dataDir, 'queries'));
  await saved.save('Impressions', IMPRESSIONS);
  await saved.save('Weekly downloads', WEEKLY_DOWNLOADS);
  await saved.save('No report', NO_REPORT);
}, 900_000);

afterAll(async () => {
  await h?.close();
});

const short = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

const lastDays = (days: number, over: Partial<DashboardControls> = {}): DashboardControls => ({
  apps: 'all', from: addDays(today, -days), to: addDays(today, -1), granularity: 'DAILY', filters: {}, compare: 'none', topN: 8, endAtData: true, ...over,
});

async function runPinned(queryName: string, controls: DashboardControls): Promise<PinRunResult> {
  const pin = await pins.add({ queryName, title: queryName, chart: { kind: 'bar', x: 'impressions', y: ['impressions'], aggregate: 'sum' } });
  try {
    return await pins.run({ requestId: randomUUID(), pinId: pin.id, controls });
  } finally {
    await pins.remove(pin.id);
  }
}

const headlines = (days: 7 | 28 | 90) => createHeadlineService({ metadata: h.warehouse.metadata }).headlines({ appId: 'all', days, today: h.fake.clock.now() });

function tile(tileId: string, controls: DashboardControls): Promise<TileResult> {
  return createDashboardService({ reader: h.warehouse.insights })
    .tile({ requestId: randomUUID(), group: randomUUID(), pageId: 'acquisition', tileId, controls });
}

describe('before orchard.apps names the apps', () => {
  it('the syncs stored no name for Trail Notes', async () => {
    expect(await h.sql(`SELECT name FROM orchard.apps WHERE app_id = '${LATE_APP}'`)).toEqual([]);
  });

  it('notes name the app "App <id>", never a bare number', async () => {
    const view = await headlines(28);
    const impressions = view.tiles.find((t) => t.id === 'impressions')!;
    expect(impressions.lagNotes).toHaveLength(1);
    expect(impressions.lagNotes[0]).toMatch(new RegExp(`^App ${LATE_APP}: data up to ${short(impressions.dataUpTo!)} \\(other apps reach `));
    // Trail Notes' data start inside the 28 days before: the compare note names it too.
    expect(impressions.compareNote).toMatch(new RegExp(` for app ${LATE_APP}\\.$`));
    const funnel = await tile('funnel', lastDays(28, { apps: [APP_ID, LATE_APP], compare: 'previous' }));
    expect(funnel.notes).toContain(impressions.lagNotes[0]);
    expect(funnel.compareNote).toBe(impressions.compareNote);
    const pinned = await runPinned('Impressions', lastDays(28));
    expect(pinned.window?.notes).toEqual(impressions.lagNotes);
  });
});

describe('pins under "the last N days", apps named', () => {
  beforeAll(async () => {
    await h.warehouse.metadata.upsertApps([{ appId: APP_ID, name: 'Example App' }, { appId: LATE_APP, name: LATE_APP_NAME }]);
  });

  it.each([7, 28, 90] as const)('a pinned sum over :from/:to equals the Overview headline for the last %i days', async (days) => {
    const view = await headlines(days);
    const impressions = view.tiles.find((t) => t.id === 'impressions')!;
    const pinned = await runPinned('Impressions', lastDays(days));
    expect(impressions.value).toBeGreaterThan(0);
    expect(pinned.window).toEqual({ window: impressions.window, granularity: 'DAILY', dataUpTo: impressions.dataUpTo, notes: impressions.lagNotes });
    expect(pinned.window?.notes[0]).toMatch(new RegExp(`^${LATE_APP_NAME}: data up to `));
    expect(Number(pinned.rows[0]?.[0])).toBe(impressions.value);
    expect(pinned.sql).toContain(`BETWEEN DATE '${impressions.window.from}' AND DATE '${impressions.window.to}'`);
    // The calendar's yesterday is past the data: the pin did not end there.
    expect(impressions.window.to < addDays(today, -1)).toBe(true);
  });

  it('a weekly view ends on the same week as the built-in tile', async () => {
    const controls = lastDays(56, { apps: [APP_ID, LATE_APP], granularity: 'WEEKLY' });
    const [pinned, trend] = await Promise.all([runPinned('Weekly downloads', controls), tile('downloads-trend', controls)]);
    expect(pinned.window?.window).toEqual(trend.window);
    expect(pinned.window?.dataUpTo).toBe(trend.dataUpTo);
    expect(pinned.rows.map((r) => String(r[0])).at(-1)).toBe(addDays(trend.window.to, -6));
  });

  it('a query naming no report ends at the newest day every app has published in some daily report', async () => {
    const tables = [...new Set(LAGGING_REPORTS.map((r) => r.toLowerCase().replaceAll(' ', '_')))];
    const newest = await h.sql(`SELECT a, max(d) AS n FROM (${tables.map((t) => `SELECT CAST(app_apple_identifier AS VARCHAR) AS a, CAST(max(date) AS VARCHAR) AS d FROM main.${t} GROUP BY 1`).join(' UNION ALL ')}) GROUP BY a`);
    expect(newest).toHaveLength(2);
    const end = newest.map((r) => String(r.n)).sort()[0] as string;
    const pinned = await runPinned('No report', lastDays(28));
    expect(pinned.window?.window).toEqual({ from: addDays(end, -27), to: end });
    expect(pinned.rows.map((r) => r.map(String))).toEqual([[addDays(end, -27), end]]);
  });

  it('a custom range keeps its dates, and the workbench fills the same ones as the pin', async () => {
    const custom = { ...lastDays(28), endAtData: false };
    const pinned = await runPinned('Impressions', custom);
    expect(pinned.window).toEqual({ window: { from: custom.from, to: custom.to }, granularity: 'DAILY', dataUpTo: null, notes: [] });
    const filled = await pins.fill(IMPRESSIONS, lastDays(28));
    const headline = (await headlines(28)).tiles.find((t) => t.id === 'impressions')!;
    expect(filled.window?.window).toEqual(headline.window);
  });
});
