// The dashboards' pure parts: periods and comparison shifts (checked against DuckDB's own date
// arithmetic), the SQL pieces' quoting and checks, and the tile definitions against the catalogue.
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportAt } from '../../../main/insights/dashboards/catalogueRefs';
import { DASHBOARDS } from '../../../main/insights/dashboards/pages';
import { bucketsFor, isCalendarDay } from '../../../main/insights/dashboards/periods';
import { appsPredicate, bucketsCte, filterPredicates, type SqlContext } from '../../../main/insights/dashboards/sqlParts';
import { DASHBOARD_PAGES, FILTER_DIMENSIONS } from '../../../shared/dashboards';
import { dashboardControlsSchema } from '../../../shared/ipc/dashboardCommands';
import { findReport } from '../../../shared/reportCatalogue';

let duck: Awaited<ReturnType<Awaited<ReturnType<typeof DuckDBInstance.create>>['connect']>>;
beforeAll(async () => {
  duck = await (await DuckDBInstance.create(':memory:')).connect();
});
afterAll(() => duck?.closeSync());

async function sqlBuckets(ctx: SqlContext): Promise<string[][]> {
  const reader = await duck.runAndReadAll(`WITH ${bucketsCte(ctx)} SELECT CAST(bucket AS VARCHAR), CAST(cmp AS VARCHAR) FROM buckets ORDER BY 1`);
  return reader.getRowsJson() as string[][];
}

const ctxOf = (from: string, to: string, granularity: 'DAILY' | 'WEEKLY' | 'MONTHLY', compare: 'previous' | 'yearAgo'): SqlContext => ({
  granularity, buckets: bucketsFor(from, to, granularity, compare), apps: 'all', filters: {}, topN: 5,
});

describe('periods', () => {
  it('weeks start on Monday and months on the 1st; the range covers every period it overlaps', () => {
    const w = bucketsFor('2025-03-05', '2025-03-17', 'WEEKLY', 'none');
    expect([w.first, w.last, w.count, w.window]).toEqual(['2025-03-03', '2025-03-17', 3, { from: '2025-03-03', to: '2025-03-23' }]);
    const m = bucketsFor('2025-01-31', '2025-03-01', 'MONTHLY', 'previous');
    expect([m.first, m.last, m.count, m.compareWindow]).toEqual(['2025-01-01', '2025-03-01', 3, { from: '2024-10-01', to: '2024-12-31' }]);
  });

  it.each([
    ['2024-02-20', '2024-03-05', 'DAILY', 'yearAgo'],
    ['2024-02-20', '2024-03-05', 'DAILY', 'previous'],
    ['2024-12-30', '2025-03-02', 'WEEKLY', 'yearAgo'],
    ['2024-12-30', '2025-03-02', 'WEEKLY', 'previous'],
    ['2024-01-31', '2024-05-31', 'MONTHLY', 'yearAgo'],
    ['2024-01-31', '2024-05-31', 'MONTHLY', 'previous'],
  ] as const)('%s..%s %s %s: the comparison window matches DuckDB\'s shifted buckets', async (from, to, g, compare) => {
    const ctx = ctxOf(from, to, g, compare);
    const rows = await sqlBuckets(ctx);
    expect(rows.length).toBe(ctx.buckets.count);
    expect([rows[0]?.[0], rows.at(-1)?.[0]]).toEqual([ctx.buckets.first, ctx.buckets.last]);
    expect([rows[0]?.[1], rows.at(-1)?.[1]]).toEqual([ctx.buckets.compareFirst, ctx.buckets.compareLast]);
    if (g === 'WEEKLY') expect(rows.every((r) => new Date(`${r[1]}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
  });

  it('a leap day a year back is Feb 28, like DuckDB', () => {
    expect(bucketsFor('2024-02-29', '2024-02-29', 'DAILY', 'yearAgo').compareWindow).toEqual({ from: '2023-02-28', to: '2023-02-28' });
  });

  it('only real calendar days pass', () => {
    expect(['2025-02-28', '2024-02-29'].map(isCalendarDay)).toEqual([true, true]);
    expect(['2025-02-29', '2025-13-01', '2025-1-01', "2025-01-01' --"].map(isCalendarDay)).toEqual([false, false, false, false]);
  });
});

describe('SQL pieces', () => {
  it('app IDs must be numeric; filter values are quoted literals compared in lower case', () => {
    expect(appsPredicate(['1', '22'])).toBe(`("app_apple_identifier" = '1' OR "app_apple_identifier" = '22')`);
    expect(appsPredicate('all')).toBeNull();
    expect(() => appsPredicate(["1' OR '1"])).toThrow(RangeError);
    expect(filterPredicates('App Downloads Standard', { territory: ["O'Hare", 'US'] }))
      .toEqual([`lower(CAST("territory" AS VARCHAR)) IN ('o''hare', 'us')`]);
  });

  it('dates reach SQL only as checked literals', () => {
    expect(() => bucketsCte(ctxOf("2025-01-01' OR 1=1 --", '2025-01-02', 'DAILY', 'previous'))).toThrow();
  });

  it('the schema refuses what the renderer must not send', () => {
    const good = { apps: ['1'], from: '2025-01-01', to: '2025-01-31', granularity: 'DAILY', filters: {}, compare: 'none', topN: 8 };
    expect(dashboardControlsSchema.safeParse(good).success).toBe(true);
    for (const bad of [{ apps: ['x'] }, { apps: [] }, { from: '2025/01/01' }, { to: '2024-12-31' }, { topN: 2 }, { compare: 'lastYear' },
      { filters: { territory: Array.from({ length: 51 }, () => 'US') } }, { filters: { territory: [''] } }]) {
      expect(dashboardControlsSchema.safeParse({ ...good, ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('tile definitions', () => {
  it('every page, unique tile IDs the schema accepts, reports from the catalogue, filters only on columns all of them have', () => {
    expect(DASHBOARDS.map((p) => p.id)).toEqual([...DASHBOARD_PAGES]);
    for (const page of DASHBOARDS) {
      const ids = page.tiles.map((t) => t.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const tile of page.tiles) {
        expect(tile.id).toMatch(/^[a-zA-Z0-9-]{1,64}$/);
        expect(tile.meaning.length).toBeGreaterThan(20);
        for (const r of tile.reports) expect(findReport(r)?.name, r).toBe(r);
        const headers = { territory: 'Territory', device: 'Device', sourceType: 'Source Type', platformVersion: 'Platform Version' } as const;
        for (const d of FILTER_DIMENSIONS) {
          const all = tile.reports.every((r) => findReport(r)?.columns.some((c) => c.header === headers[d]));
          expect(tile.filters.includes(d), `${tile.id} ${d}`).toBe(all);
        }
      }
    }
  });

  it('unique counts only in tables with a note; weekly downloads come from the Detailed report', () => {
    const tiles = DASHBOARDS.flatMap((p) => p.tiles);
    expect(tiles.filter((t) => t.uniqueNote !== undefined).map((t) => t.chart)).toEqual(['table', 'table']);
    expect([reportAt('App Downloads Standard', 'DAILY'), reportAt('App Downloads Standard', 'WEEKLY'), reportAt('App Install Performance', 'MONTHLY')])
      .toEqual(['App Downloads Standard', 'App Downloads Detailed', null]);
  });
});
