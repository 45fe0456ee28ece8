// Issue 18: with the default report set (no report chosen, as a new user and the demo sync), every
// built-in tile of every Insights page works at weekly and monthly granularity — in particular the
// downloads tiles, which Apple publishes weekly and monthly only in App Downloads Detailed.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARDS, findTile } from '../../../main/insights/dashboards/pages';
import { reportAt } from '../../../main/insights/dashboards/catalogueRefs';
import { reportsOfShape } from '../../../main/insights/dashboards/sqlBuilder';
import { createDashboardService, type DashboardService } from '../../../main/insights/dashboards/service';
import type { DashboardGranularity, TileResult } from '../../../shared/dashboards';
import { DEMO_APPS, seedDemo } from '../../fake-asc';
import { startSyncHarness, type SyncHarness } from '../sync/syncHarness';

// A month of the demo's history with a 5th inside it, so Apple has published a monthly instance.
const NOW = new Date('2025-03-10T10:00:00Z');
const FROM = '2025-01-01';
const TO = '2025-03-09';
const GRANULARITIES: readonly DashboardGranularity[] = ['WEEKLY', 'MONTHLY'];
const APPS = DEMO_APPS.map((a) => a.id);

let h: SyncHarness;
let service: DashboardService;
/** Every report name Apple lists for the demo apps (a tile reading another one cannot have data). */
let listed: Set<string>;

beforeAll(async () => {
  h = await startSyncHarness({ now: NOW, seed: 18 });
  await seedDemo(h.fake);
  // No report names: the default set. Only the granularities these tiles read, to keep the test fast.
  for (const appId of APPS) expect((await h.sync({ appId, granularities: [...GRANULARITIES] })).outcome).toBe('succeeded');
  listed = new Set(APPS.flatMap((appId) => h.fake.requests(appId).flatMap((r) => h.fake.reports(r.id).map((x) => x.name))));
  service = createDashboardService({ reader: h.warehouse.insights });
}, 300_000);

afterAll(async () => {
  await h?.close();
});

const tile = (pageId: (typeof DASHBOARDS)[number]['id'], tileId: string, granularity: DashboardGranularity, apps = APPS): Promise<TileResult> =>
  service.tile({ requestId: randomUUID(), group: randomUUID(), pageId, tileId,
    controls: { apps, from: FROM, to: TO, granularity, filters: {}, compare: 'none', topN: 5 } });

describe('the default report set at weekly and monthly granularity', () => {
  it('no built-in tile says its report is missing from the warehouse', async () => {
    const checked: string[] = [];
    for (const g of GRANULARITIES) {
      for (const page of DASHBOARDS) {
        for (const def of page.tiles) {
          const spec = findTile(page.id, def.id);
          if (spec === undefined) throw new Error(`no tile ${page.id}/${def.id}`);
          const resolved = reportsOfShape(spec.shape).map((r) => reportAt(r, g));
          // Apple publishes no such period (the tile says so) or lists no such report: nothing to keep.
          if (resolved.some((x) => x === null || !listed.has(x))) continue;
          const r = await tile(page.id, def.id, g);
          expect({ tile: `${page.id}/${def.id}/${g}`, notes: r.notes.filter((n) => /not in the warehouse/.test(n)) })
            .toEqual({ tile: `${page.id}/${def.id}/${g}`, notes: [] });
          checked.push(`${page.id}/${def.id}/${g}`);
        }
      }
    }
    // The tiles this issue is about are among those checked, at both granularities.
    for (const g of GRANULARITIES) expect(checked).toContain(`acquisition/downloads-trend/${g}`);
  }, 120_000);

  it('weekly and monthly downloads of each app show every period Apple published in App Downloads Detailed', async () => {
    for (const g of GRANULARITIES) {
      for (const appId of APPS) {
        const published = [...h.fake.latestTotals({ appId, reportName: 'App Downloads Detailed', granularity: g, metric: 'Counts' })]
          .filter(([day, total]) => total > 0 && day >= FROM && day <= TO).map(([day]) => day);
        expect(published.length).toBeGreaterThan(0);
        const r = await tile('acquisition', 'downloads-trend', g, [appId]);
        const byPeriod = new Map<string, number>();
        for (const row of r.rows) byPeriod.set(String(row[0]), (byPeriod.get(String(row[0])) ?? 0) + Number(row[2] ?? 0));
        for (const day of published) expect([appId, g, day, (byPeriod.get(day) ?? 0) > 0]).toEqual([appId, g, day, true]);
      }
    }
  });
});
