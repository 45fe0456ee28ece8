// The Insights dashboards against a real sync of the fake App Store Connect: a tile of each page
// recomputed by hand-written SQL over the views (a restated day, week and month boundaries inside
// the range), comparisons, top-N + Other, filters, notes, freshness, cancellation and the IPC schema.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPARISONS, DASHBOARD_GRANULARITIES, type TileResult } from '../../../shared/dashboards';
import { OrchardError } from '../../../shared/errors';
import { createDashboardService } from '../../../main/insights/dashboards/service';
import type { InsightsReader } from '../../../main/warehouse';
import { APP_ID, startDashboardHarness, type DashboardHarness } from './dashboardHarness';
import type { SyncHarness } from '../sync/syncHarness';
import { withProvenance } from '../../support/rowProvenance';
import { startHistoryHarness } from './historyHarness';
import { addDays, app, orGap, periods, spanOf, sumOf, sumsByDate, sumsByLabel } from './dashboardTruth';

let h: DashboardHarness;
const FROM = '2025-03-01';
const TO = '2025-04-10';

beforeAll(async () => {
  h = await startDashboardHarness(23);
}, 300_000);

afterAll(async () => {
  await h?.close();
});

const DL = 'main.app_downloads_standard';
const ENG = 'main.app_store_discovery_and_engagement_standard';
const value = (r: TileResult, label: string, col = 'value') => r.rows.find((row) => row[0] === label)?.[r.columns.indexOf(col)];
/** Rows of a line tile as `period|series → value` (and previous). */
const bySeries = (r: TileResult, col = 'value') => new Map(r.rows.map((row) => [`${String(row[0])}|${String(row[1])}`, row[r.columns.indexOf(col)]]));

describe('the synced data has what the tiles must get right', () => {
  it('a restated day and a month boundary fall in the range; weekly and monthly instances exist', async () => {
    const restated = await h.sql(`SELECT date FROM ${withProvenance('raw.app_downloads_standard')} WHERE _granularity = 'DAILY'
      AND date BETWEEN DATE '${FROM}' AND DATE '${TO}' GROUP BY date HAVING COUNT(DISTINCT _instance_id) > 1`);
    expect(restated.length).toBeGreaterThan(0);
    expect((await h.sql(`SELECT DISTINCT date FROM weekly.app_downloads_detailed WHERE ${app}`)).length).toBeGreaterThan(2);
    expect((await h.sql(`SELECT DISTINCT date FROM monthly.app_sessions_standard WHERE ${app}`)).length).toBeGreaterThan(1);
  });
});

describe('acquisition', () => {
  it('the funnel and its rates (Apple\'s conversion rate for downloads) equal hand-written sums, for the range and the period before', async () => {
    const r = await h.tile('acquisition', 'funnel', { from: FROM, to: TO, compare: 'previous' });
    const days = periods(FROM, TO, 'day').length;
    expect(r.compareWindow).toEqual({ from: addDays(FROM, -days), to: addDays(FROM, -1) });
    for (const [from, to, col] of [[FROM, TO, 'value'], [addDays(FROM, -days), addDays(FROM, -1), 'previous']] as const) {
      const impressions = await sumOf(h, ENG, 'counts', `event ILIKE 'impression'`, from, to);
      const views = await sumOf(h, ENG, 'counts', `event ILIKE 'page view' AND page_type ILIKE 'product page'`, from, to);
      const downloads = await sumOf(h, DL, 'counts', `download_type ILIKE 'first-time download' OR download_type ILIKE 'redownload'`, from, to);
      expect([value(r, 'Impressions', col), value(r, 'Product page views', col), value(r, 'Downloads', col)]).toEqual([impressions, views, downloads]);
      if (col === 'value') {
        expect(impressions).toBeGreaterThan(0);
        expect(value(r, 'Product page views', 'rate')).toBe((views * 100) / impressions);
        // Apple's conversion rate: downloads ÷ unique impressions (summed per row: an approximation the tile names).
        const unique = await sumOf(h, ENG, 'unique_counts', `event ILIKE 'impression'`, from, to);
        expect(value(r, 'Downloads', 'rate')).toBe((downloads * 100) / unique);
        expect(value(r, 'Downloads', 'rate_of')).toBe('unique impressions (approx.)');
        expect(Number(value(r, 'Downloads', 'rate'))).toBeLessThan(100);
      }
    }
  });

  it('weekly downloads are Apple\'s own weekly instances (the Detailed report), every week present, a gap after the data', async () => {
    const r = await h.tile('acquisition', 'downloads-trend', { from: FROM, to: TO, granularity: 'WEEKLY' });
    const weeks = periods(FROM, TO, 'week');
    const first = await sumsByDate(h, 'weekly.app_downloads_detailed', 'counts', `download_type ILIKE 'first-time download'`, weeks[0] as string, TO);
    const re = await sumsByDate(h, 'weekly.app_downloads_detailed', 'counts', `download_type ILIKE 'redownload'`, weeks[0] as string, TO);
    const span = await spanOf(h, 'weekly.app_downloads_detailed');
    const expected = weeks.flatMap((w) => [[w, 'First-time downloads', orGap(span, w, first.get(w) ?? 0)], [w, 'Redownloads', orGap(span, w, re.get(w) ?? 0)]]);
    expect(r.rows).toEqual(expected);
    // The weeks Apple has not published yet are gaps, not the zeros they used to read as.
    expect(r.rows.at(-1)?.[2]).toBeNull();
    expect(r.rows.filter((row) => row[2] === null).length).toBe(weeks.filter((w) => w > span.last).length * 2);
    expect(r.rows.some((row) => Number(row[2]) > 0)).toBe(true);
  });

  it('top-N + Other adds up to the total, and a filter narrows it to matching rows', async () => {
    const all = await h.tile('acquisition', 'top-territories', { from: FROM, to: TO, topN: 3 });
    const pred = `download_type ILIKE 'first-time download' OR download_type ILIKE 'redownload'`;
    const hand = await sumsByLabel(h, DL, 'counts', 'territory', pred, FROM, TO);
    const total = hand.reduce((a, [, v]) => a + v, 0);
    expect(all.rows.slice(0, 3)).toEqual(hand.slice(0, 3).map(([l, v]) => [l, v]));
    expect(all.rows[3]).toEqual(['Other', total - hand.slice(0, 3).reduce((a, [, v]) => a + v, 0)]);
    expect(all.rows.length).toBe(4);
    const ipad = await h.tile('acquisition', 'top-territories', { from: FROM, to: TO, topN: 25, filters: { device: ['IPAD'] } });
    const handIpad = await sumsByLabel(h, DL, 'counts', 'territory', `(${pred}) AND device ILIKE 'ipad'`, FROM, TO);
    const ipadTotal = ipad.rows.reduce((a, row) => a + Number(row[1]), 0);
    expect(ipadTotal).toBe(handIpad.reduce((a, [, v]) => a + v, 0));
    expect(ipadTotal).toBeLessThan(total);
    expect(ipad.notes).toEqual([]);
  });

  it('a stacked tile\'s series add up per day to the day\'s total', async () => {
    const r = await h.tile('acquisition', 'downloads-by-source', { from: FROM, to: TO, topN: 3 });
    const totals = await sumsByDate(h, DL, 'counts', `download_type ILIKE 'first-time download' OR download_type ILIKE 'redownload'`, FROM, TO);
    const sums = new Map<string, number>();
    for (const row of r.rows) sums.set(String(row[0]), (sums.get(String(row[0])) ?? 0) + Number(row[2]));
    expect([...sums]).toEqual(periods(FROM, TO, 'day').map((d) => [d, totals.get(d) ?? 0]));
    expect(new Set(r.rows.map((row) => row[1])).size).toBe(4);
  });

  it('a report never synced gives no rows and says so', async () => {
    const r = await h.tile('acquisition', 'web-previews', {});
    expect(r.rows).toEqual([]);
    expect(r.notes.join(' ')).toMatch(/Web Preview Engagement.*not in the warehouse.*Sync it to see this tile \(Orchard keeps it by default; if the app's report selection \(Sync\) has it switched off, switch it on first\)\./);
    // A report the default selection leaves out: the note says where to turn it on, not just "sync".
    const off = await h.tile('performance', 'install-status', {});
    expect(off.notes.join(' ')).toMatch(/Orchard does not keep App Install Performance by default: choose it in the app's report selection \(Sync\), then sync\./);
  });
});

describe('monetization', () => {
  it('proceeds by territory equal hand-written sums; a year before lies outside the data: no previous values, no change, and why', async () => {
    const r = await h.tile('monetization', 'proceeds-by-territory', { from: FROM, to: TO, topN: 25, compare: 'yearAgo' });
    const hand = await sumsByLabel(h, 'main.app_store_purchases_standard', 'proceeds_in_usd', 'territory', 'TRUE', FROM, TO);
    const top = hand.slice(0, 25);
    expect(r.rows.slice(0, top.length).map((row) => [row[0], Math.round(Number(row[1]) * 100)])).toEqual(top.map(([l, v]) => [l, Math.round(v * 100)]));
    expect(r.compareWindow).toEqual({ from: '2024-03-01', to: '2024-04-10' });
    expect(r.rows.every((row) => row[2] === null)).toBe(true);
    const first = (await spanOf(h, 'main.app_store_purchases_standard')).first;
    expect(r.compareNote).toBe(`No change shown: previous window (from Mar 1): data starts ${new Date(`${first}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' })}.`);
  });

  it('paying users are listed as Apple publishes them, never summed', async () => {
    const r = await h.tile('monetization', 'paying-users', { from: FROM, to: TO, compare: 'previous' });
    const max = await h.sql(`SELECT max(paying_users) AS m FROM main.app_store_purchases_standard WHERE ${app} AND date BETWEEN DATE '${FROM}' AND DATE '${TO}'`);
    expect(r.rows[0]?.[r.columns.indexOf('value')]).toBe(Number(max[0]?.m));
    expect(r.columns).toContain('territory');
    expect(r.compareWindow).toBeNull();
    expect(h.service.pages().flatMap((p) => p.tiles).find((t) => t.id === 'paying-users')?.uniqueNote).toMatch(/never sums/);
  });
});

describe('usage', () => {
  it('sessions per day and against the period before equal hand-written sums, missing days 0, days after the data gaps', async () => {
    const from = '2025-04-01';
    const to = '2025-04-20';
    const r = await h.tile('usage', 'sessions-trend', { from, to, compare: 'previous' });
    const days = periods(from, to, 'day');
    const cur = await sumsByDate(h, 'main.app_sessions_standard', 'sessions', 'TRUE', from, to);
    const prev = await sumsByDate(h, 'main.app_sessions_standard', 'sessions', 'TRUE', addDays(from, -days.length), addDays(from, -1));
    const span = await spanOf(h, 'main.app_sessions_standard');
    expect(r.rows).toEqual(days.map((d, i) => [d, 'Sessions', orGap(span, d, cur.get(d) ?? 0), orGap(span, addDays(from, i - days.length), prev.get(addDays(from, i - days.length)) ?? 0)]));
    expect(r.rows.at(-1)?.[2]).toBeNull();
    expect(r.compareNote).toMatch(/^No change shown: current window \(to Apr 20\): data up to /);
    expect(r.dataUpTo).toBe(String((await h.sql(`SELECT CAST(max(date) AS VARCHAR) AS d FROM main.app_sessions_standard WHERE ${app}`))[0]?.d));
  });

  it('monthly installs and deletions are Apple\'s monthly instances; the previous months sit beside them', async () => {
    const r = await h.tile('usage', 'installs-deletions', { from: FROM, to: TO, granularity: 'MONTHLY', compare: 'previous' });
    const view = 'monthly.app_store_installation_and_deletion_standard';
    const installs = await sumsByDate(h, view, 'counts', `event ILIKE 'install'`, '2025-01-01', '2025-04-30');
    const deletions = await sumsByDate(h, view, 'counts', `event ILIKE 'delete'`, '2025-01-01', '2025-04-30');
    const span = await spanOf(h, view);
    expect(r.rows).toEqual(['2025-03-01', '2025-04-01'].flatMap((m) => {
      const prev = m === '2025-03-01' ? '2025-01-01' : '2025-02-01';
      return [[m, 'Installs', orGap(span, m, installs.get(m) ?? 0), orGap(span, prev, installs.get(prev) ?? 0)],
        [m, 'Deletions', orGap(span, m, deletions.get(m) ?? 0), orGap(span, prev, deletions.get(prev) ?? 0)]];
    }));
    expect(installs.get('2025-03-01')).toBeGreaterThan(0);
    expect(installs.get('2025-02-01')).toBeGreaterThan(0);
  });
});

describe('performance', () => {
  it('crashes per 1,000 sessions per day equal a hand-computed ratio; a gap where there are no sessions', async () => {
    const to = '2025-04-20';
    const r = await h.tile('performance', 'crash-rate', { from: FROM, to });
    const crashes = await sumsByDate(h, 'main.app_crashes', 'crashes', 'TRUE', FROM, to);
    const sessions = await sumsByDate(h, 'main.app_sessions_standard', 'sessions', 'TRUE', FROM, to);
    expect(r.rows).toEqual(periods(FROM, to, 'day').map((d) => {
      const s = sessions.get(d);
      return [d, 'Crashes per 1,000 sessions', s === undefined || s === 0 ? null : ((crashes.get(d) ?? 0) * 1000) / s];
    }));
    expect(r.rows.at(-1)?.[2]).toBeNull();
  });

  it('a filter the report lacks is named in a note; one it has narrows the rows', async () => {
    const r = await h.tile('performance', 'crashes-by-device', { from: FROM, to: TO, filters: { territory: ['US'], platformVersion: ['ios 18.3'] } });
    expect(r.notes).toEqual(['The territory filter is not applied: App Crashes has no Territory column.']);
    // A ratio over two reports names only the one lacking the column (Sessions has Territory).
    const rate = await h.tile('performance', 'crash-rate', { from: FROM, to: TO, filters: { territory: ['US'] } });
    expect(rate.notes.filter((n) => /filter/.test(n))).toEqual(['The territory filter is not applied: App Crashes has no Territory column.']);
    const hand = await sumsByLabel(h, 'main.app_crashes', 'crashes', 'device', `platform_version ILIKE 'ios 18.3'`, FROM, TO);
    expect(r.rows).toEqual(hand.slice(0, 5).map(([l, v]) => [l, v]));
  });

  it('install performance has no weekly instances: no rows and a note, never days added up', async () => {
    const r = await h.tile('performance', 'install-status', { granularity: 'WEEKLY' });
    expect([r.rows, r.sql]).toEqual([[], '']);
    expect(r.notes.join(' ')).toMatch(/no weekly App Install Performance/);
  });
});

describe('freshness and restatement', () => {
  it('dataUpTo is the newest day; restatingFrom the first day after the newest processing date minus six days', async () => {
    const r = await h.tile('acquisition', 'downloads-trend', { from: FROM, to: '2025-04-30' });
    const newest = await h.sql(`SELECT CAST(max(date) AS VARCHAR) AS d FROM ${DL} WHERE ${app}`);
    const processed = await h.sql(`SELECT CAST(max(_processing_date) AS VARCHAR) AS p FROM ${withProvenance('raw.app_downloads_standard')} WHERE ${app} AND _granularity = 'DAILY'`);
    expect(r.dataUpTo).toBe(String(newest[0]?.d));
    const first = addDays(String(processed[0]?.p), -5);
    expect(r.restatingFrom).toBe(first);
    expect(r.restatingFrom! <= r.dataUpTo!).toBe(true);
    // Weeks: Apple re-issues the newest week once; the newest week held in a single instance is provisional.
    const weekly = await h.tile('acquisition', 'downloads-trend', { from: FROM, to: '2025-04-30', granularity: 'WEEKLY' });
    const single = await h.sql(`SELECT CAST(date AS VARCHAR) AS d, count(DISTINCT _instance_id) AS n FROM ${withProvenance('raw.app_downloads_detailed')}
      WHERE ${app} AND _granularity = 'WEEKLY' GROUP BY 1 ORDER BY 1 DESC LIMIT 1`);
    expect(weekly.restatingFrom).toBe(Number(single[0]?.n) === 1 ? String(single[0]?.d) : null);
    expect(weekly.restatingFrom).not.toBeNull();
  });
});

describe('every tile', () => {
  it('runs at every granularity and comparison, and its SQL gives the same rows in the workbench', async () => {
    for (const page of h.service.pages()) {
      for (const tile of page.tiles) {
        for (const granularity of DASHBOARD_GRANULARITIES) {
          for (const compare of COMPARISONS) {
            const result = await h.tile(page.id, tile.id, { granularity, compare });
            if (result.sql === '') {
              expect(result.notes.length, `${tile.id} ${granularity}`).toBeGreaterThan(0);
              continue;
            }
            const rows = await h.sql(result.sql);
            const all = rows.map((r) => result.columns.map((c) => r[c] ?? null));
            // A unique-count table shows its first rows and counts all of them; Open in SQL runs the whole.
            if (tile.chart === 'table') expect([result.totalRows, all.slice(0, result.rows.length)], tile.id).toEqual([all.length, result.rows]);
            else expect(all, `${tile.id} ${granularity} ${compare}`).toEqual(result.rows);
          }
        }
      }
    }
  });
});

describe('a page at once', () => {
  it('tiles requested together in one group (sharing the lookups) give what each gives alone', async () => {
    const page = h.service.pages().find((p) => p.id === 'usage');
    if (page === undefined) throw new Error('no usage page');
    const group = randomUUID();
    const controls = h.controls({ compare: 'previous' });
    const together = await Promise.all(page.tiles.map((t) => h.service.tile({ requestId: randomUUID(), group, pageId: 'usage', tileId: t.id, controls })));
    for (const [i, t] of page.tiles.entries()) {
      const alone = await h.tile('usage', t.id, { compare: 'previous' });
      expect({ ...together[i], elapsedMs: 0 }).toEqual({ ...alone, elapsedMs: 0 });
    }
  });
});

describe('cancel and the boundary', () => {
  it('cancelling a group rejects its queued tiles with CANCELLED, and a late tile of it at once', async () => {
    const group = randomUUID();
    const tiles = ['funnel', 'downloads-trend', 'top-territories', 'downloads-by-source'].map((tileId) =>
      h.service.tile({ requestId: randomUUID(), group, pageId: 'acquisition', tileId, controls: h.controls() }));
    const { cancelled } = h.service.cancel(group);
    expect(cancelled).toBe(4);
    const outcomes = await Promise.allSettled(tiles);
    for (const o of outcomes) {
      expect(o.status).toBe('rejected');
      expect(o.status === 'rejected' && o.reason instanceof OrchardError && o.reason.code).toBe('CANCELLED');
    }
    await expect(h.service.tile({ requestId: randomUUID(), group, pageId: 'acquisition', tileId: 'funnel', controls: h.controls() }))
      .rejects.toMatchObject({ code: 'CANCELLED' });
    const other = await h.service.tile({ requestId: randomUUID(), group: randomUUID(), pageId: 'acquisition', tileId: 'funnel', controls: h.controls() });
    expect(other.rows.length).toBe(3);
    expect(await h.dispatch('insights:cancel', { group }, { transport: 'test' })).toEqual({ ok: true, value: { cancelled: 0 } });
  });

  it('cancelling a group interrupts its running tile', async () => {
    let running: () => void = () => undefined;
    const started = new Promise<void>((resolve) => { running = resolve; });
    // The real insights connection, with a statement that would run for minutes before the tile's own.
    const reader: InsightsReader = {
      lookup: (sql) => h.warehouse.insights.lookup(sql),
      generation: () => h.warehouse.insights.generation(),
      session: (task, signal) => h.warehouse.insights.session(async (read) => {
        running();
        await read('SELECT sum(a) FROM range(50000000000) AS t(a)');
        return task(read);
      }, signal),
    };
    const service = createDashboardService({ reader });
    const group = randomUUID();
    const tile = service.tile({ requestId: randomUUID(), group, pageId: 'usage', tileId: 'sessions-trend', controls: h.controls() });
    await started;
    expect(service.cancel(group)).toEqual({ cancelled: 1 });
    await expect(tile).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('bad payloads are refused by the schema before any SQL; a hostile filter value is only a value', async () => {
    const good = { requestId: randomUUID(), group: randomUUID(), pageId: 'acquisition', tileId: 'funnel', controls: h.controls() };
    const bad: unknown[] = [
      { ...good, controls: { ...good.controls, apps: ["1' OR '1'='1"] } },
      { ...good, controls: { ...good.controls, from: '2025-3-1' } },
      { ...good, controls: { ...good.controls, from: '2025-05-01', to: '2025-04-01' } },
      { ...good, controls: { ...good.controls, granularity: 'HOURLY' } },
      { ...good, controls: { ...good.controls, topN: 1000 } },
      { ...good, controls: { ...good.controls, filters: { country: ['US'] } } },
      { ...good, controls: { ...good.controls, extra: 1 } },
      { ...good, tileId: 'funnel"; DROP TABLE x; --' },
      { ...good, pageId: 'secrets' },
      { ...good, group: 'not-a-uuid' },
    ];
    for (const payload of bad) {
      const out = await h.dispatch('insights:tile', payload, { transport: 'test' });
      expect(out.ok ? 'accepted' : out.error.code, JSON.stringify(payload).slice(0, 120)).toBe('BAD_INPUT');
    }
    const notADay = await h.dispatch('insights:tile', { ...good, controls: { ...good.controls, from: '2025-02-30' } }, { transport: 'test' });
    expect(notADay.ok ? 'accepted' : notADay.error.code).toBe('BAD_INPUT');
    const tooLong = await h.dispatch('insights:tile', { ...good, controls: { ...good.controls, from: '2020-01-01' } }, { transport: 'test' });
    expect(tooLong.ok ? 'accepted' : tooLong.error.code).toBe('BAD_INPUT');
    const hostile = await h.dispatch('insights:tile', { ...good, controls: { ...good.controls, filters: { territory: ["US') OR TRUE OR ('"] } } }, { transport: 'test' });
    expect(hostile.ok && (hostile.value as TileResult).rows.map((r) => r[1])).toEqual([0, 0, 0]);
  });

  it('filter values come most frequent first, for the chosen apps only', async () => {
    const out = await h.dispatch('insights:filterValues', { apps: [APP_ID], dimension: 'device' }, { transport: 'test' });
    if (!out.ok) throw new Error(out.error.message);
    const hand = await h.sql(`SELECT device AS v, count(*) AS n FROM (
      SELECT device FROM ${DL} UNION ALL SELECT device FROM ${ENG} UNION ALL SELECT device FROM main.app_store_purchases_standard
      UNION ALL SELECT device FROM main.app_sessions_standard UNION ALL SELECT device FROM main.app_store_installation_and_deletion_standard
      UNION ALL SELECT device FROM main.app_crashes) GROUP BY 1 ORDER BY 2 DESC, 1`);
    expect(out.value).toEqual(hand.map((r) => String(r.v)));
    const none = await h.dispatch('insights:filterValues', { apps: ['999'], dimension: 'territory' }, { transport: 'test' });
    expect(none).toEqual({ ok: true, value: [] });
  });
});

describe('after another sync', () => {
  it('the same controls see the new days (kept lookups end with the ingest)', async () => {
    const controls = { from: FROM, to: '2025-05-31' };
    const before = await h.tile('usage', 'sessions-trend', controls);
    h.fake.clock.advanceDays(5);
    expect((await h.sync({ reportNames: ['App Sessions Standard'], granularities: ['DAILY'] })).outcome).toBe('succeeded');
    const after = await h.tile('usage', 'sessions-trend', controls);
    const newest = await h.sql(`SELECT CAST(max(date) AS VARCHAR) AS d FROM main.app_sessions_standard WHERE ${app}`);
    expect(after.dataUpTo).toBe(String(newest[0]?.d));
    expect(after.dataUpTo! > before.dataUpTo!).toBe(true);
    expect(after.restatingFrom! > before.restatingFrom!).toBe(true);
  });
});

describe('compared with a year ago, on a year of history', () => {
  let hist: SyncHarness;
  beforeAll(async () => {
    hist = await startHistoryHarness(12, { reportNames: ['App Sessions Standard'], granularities: ['DAILY', 'WEEKLY'] });
  }, 240_000);

  afterAll(async () => {
    await hist?.close();
  });

  it('each day and each week sits beside the same dates a year earlier, from hand-written sums', async () => {
    const service = createDashboardService({ reader: hist.warehouse.insights });
    const to = String((await hist.sql(`SELECT CAST(max(date) AS VARCHAR) AS d FROM main.app_sessions_standard WHERE ${app}`))[0]?.d);
    const from = addDays(to, -27);
    const yearEarlier = (day: string) => `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`;
    const ask = (granularity: 'DAILY' | 'WEEKLY') => service.tile({ requestId: randomUUID(), group: randomUUID(), pageId: 'usage', tileId: 'sessions-trend',
      controls: { apps: [APP_ID], from, to, granularity, filters: {}, compare: 'yearAgo', topN: 5 } });
    const daily = await ask('DAILY');
    const ago = await sumsByDate(hist, 'main.app_sessions_standard', 'sessions', 'TRUE', yearEarlier(from), yearEarlier(to));
    const now = await sumsByDate(hist, 'main.app_sessions_standard', 'sessions', 'TRUE', from, to);
    expect(daily.rows).toEqual(periods(from, to, 'day').map((d) => [d, 'Sessions', now.get(d) ?? 0, ago.get(yearEarlier(d)) ?? 0]));
    // Every date a year earlier has data (the range there may hold Feb 29, which no date of this range maps to).
    expect(ago.size >= 28 && [...ago.values()].every((v) => v > 0)).toBe(true);
    expect(daily.notes).toEqual([]);
    const weekly = await ask('WEEKLY');
    const weeks = periods(from, to, 'week');
    const weeklyNow = await sumsByDate(hist, 'weekly.app_sessions_standard', 'sessions', 'TRUE', weeks[0] as string, to);
    const weeklyAgo = await sumsByDate(hist, 'weekly.app_sessions_standard', 'sessions', 'TRUE', addDays(weeks[0] as string, -364), addDays(to, -364));
    const span = await spanOf(hist, 'weekly.app_sessions_standard');
    expect(weekly.rows).toEqual(weeks.map((w) => [w, 'Sessions', orGap(span, w, weeklyNow.get(w) ?? 0), orGap(span, addDays(w, -364), weeklyAgo.get(addDays(w, -364)) ?? 0)]));
    expect(weeklyAgo.size).toBeGreaterThan(2);
  });
});
