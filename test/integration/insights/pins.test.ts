// "My dashboard" pins over a real sync of the fake App Store Connect into a real DuckDB file: a
// pinned saved query re-run under the dashboard controls gives the rows of hand-written SQL run
// directly; the layout survives re-creating the services; a corrupt layout is kept aside; a
// deleted saved query gives a clear error; and the pins:* commands work through the dispatcher.
import { mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/logging/logger';
import { createPinService, type PinService } from '../../../main/insights/pins/pinService';
import { DASHBOARD_FILE } from '../../../main/insights/pins/pinStore';
import { createMemorySecretStore } from '../../../main/credentials';
import { createNodePlatform } from '../../../main/platform/nodePlatform';
import { createServices } from '../../../main/services';
import { createSavedQueryStore } from '../../../main/workbench/savedQueries';
import type { DashboardControls } from '../../../shared/dashboards';
import { OrchardError } from '../../../shared/errors';
import type { CommandInput, CommandName, CommandOutput } from '../../../shared/ipc/contract';
import type { PinChart } from '../../../shared/pins';
import { APP_ID, startSyncHarness, type SyncHarness } from '../sync/syncHarness';

let h: SyncHarness;
const pinsFor = (dataDir: string): PinService => createPinService({ dataDir, query: h.warehouse.query, logger: silentLogger, now: () => new Date() });
const saved = () => createSavedQueryStore(path.join(h.warehouse.dataDir, 'queries'));

const QUERY = `-- Downloads per day and territory for :app from :from to :to (not parameters: a comment)
SELECT date, territory, sum(counts) AS downloads, ':from' AS "literal :to"
FROM app_downloads_standard
WHERE app_apple_identifier IN :apps AND date BETWEEN :from AND :to
GROUP BY ALL
ORDER BY date, territory;
`;
const CHART: PinChart = { kind: 'line', x: 'date', y: ['downloads'], splitBy: 'territory', aggregate: 'sum', topN: 3 };

let controls: DashboardControls;

beforeAll(async () => {
  h = await startSyncHarness({ seed: 7 });
  const SYNC = { reportNames: ['App Downloads Standard'], granularities: ['DAILY' as const] };
  await h.sync(SYNC);
  // Apple makes the first instances a day or so after the request; a second sync fetches them.
  h.fake.clock.advanceDays(8);
  expect((await h.sync(SYNC)).outcome).toBe('succeeded');
  const [range] = await h.sql('SELECT CAST(min(date) AS VARCHAR) AS first, CAST(max(date) AS VARCHAR) AS last FROM app_downloads_standard');
  // A window inside the data, so rows outside it prove the filter ran.
  const first = String(range?.first);
  const last = String(range?.last);
  expect(first < last).toBe(true);
  const mid = new Date((Date.parse(first) + Date.parse(last)) / 2).toISOString().slice(0, 10);
  controls = { apps: [APP_ID], from: first, to: mid, granularity: 'DAILY', filters: {}, compare: 'none', topN: 8 };
  await saved().save('Downloads by territory', QUERY);
}, 240_000);

afterAll(async () => {
  await h?.close();
});

describe('pins over a real warehouse', () => {
  it('runs a pin with the controls and agrees with the same query written by hand', async () => {
    const pins = pinsFor(h.warehouse.dataDir);
    const pin = await pins.add({ queryName: 'Downloads by territory', title: 'Downloads', chart: CHART });
    expect(pin.parameters).toEqual(['apps', 'from', 'to']);
    const result = await pins.run({ requestId: crypto.randomUUID(), pinId: pin.id, controls });
    const hand = await h.sql(`SELECT CAST(date AS VARCHAR) AS date, territory, CAST(sum(counts) AS VARCHAR) AS downloads
      FROM main.app_downloads_standard
      WHERE app_apple_identifier = ${APP_ID} AND date >= DATE '${controls.from}' AND date <= DATE '${controls.to}'
      GROUP BY 1, 2 ORDER BY 1, 2`);
    expect(hand.length).toBeGreaterThan(0);
    expect(result.totalRows).toBe(hand.length);
    expect(result.rows.map((r) => [String(r[0]), String(r[1]), String(r[2]), r[3]])).toEqual(
      hand.map((r) => [r.date, r.territory, r.downloads, ':from']),
    );
    // The exact SQL that ran: the comment and string untouched, the parameters as literals.
    expect(result.sql).toBe(QUERY.replace('IN :apps', `IN ('${APP_ID}')`).replace('BETWEEN :from AND :to', `BETWEEN DATE '${controls.from}' AND DATE '${controls.to}'`));
    expect(result.parameters.map((p) => p.name)).toEqual(['apps', 'from', 'to']);
    // The chart: top 3 territories and Other, summed per day as the workbench draws it.
    expect(result.chart?.series.map((s) => s.label).at(-1)).toBe('Other');
    const perDay = new Map<string, number>();
    for (const r of hand) perDay.set(String(r.date), (perDay.get(String(r.date)) ?? 0) + Number(r.downloads));
    const chart = result.chart;
    if (chart === null) throw new Error('no chart');
    chart.x.values.forEach((day, i) => {
      const total = chart.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0);
      expect(total).toBe(perDay.get(String(day)) ?? 0);
    });
  });

  it('reads every known app for :apps when the controls say all apps', async () => {
    const pins = pinsFor(h.warehouse.dataDir);
    const pin = (await pins.list()).pins[0];
    if (!pin) throw new Error('no pin');
    const mine = await pins.run({ requestId: crypto.randomUUID(), pinId: pin.id, controls });
    const all = await pins.run({ requestId: crypto.randomUUID(), pinId: pin.id, controls: { ...controls, apps: 'all' } });
    expect(all.sql).toContain(`IN ('${APP_ID}')`);
    expect(all.rows).toEqual(mine.rows);
  });

  it('keeps the layout across services, in order, with sizes', async () => {
    const first = pinsFor(h.warehouse.dataDir);
    const second = await first.add({ queryName: 'Downloads by territory', title: 'Second', chart: { ...CHART, kind: 'bar' } });
    await first.move(second.id, { position: 0, size: 'wide' });
    const again = await pinsFor(h.warehouse.dataDir).list();
    expect(again.pins.map((p) => [p.title, p.size])).toEqual([['Second', 'wide'], ['Downloads', 'normal']]);
    expect(again.notice).toBeUndefined();
    expect(await pinsFor(h.warehouse.dataDir).remove(second.id)).toBe(true);
    expect((await pinsFor(h.warehouse.dataDir).list()).pins.map((p) => p.title)).toEqual(['Downloads']);
  });

  it('says clearly when the saved query behind a pin was deleted', async () => {
    await saved().save('Short lived', 'SELECT 1 AS x, 2 AS y');
    const pins = pinsFor(h.warehouse.dataDir);
    const pin = await pins.add({ queryName: 'Short lived', title: 'Gone soon', chart: { kind: 'bar', x: 'x', y: ['y'], aggregate: 'sum' } });
    await saved().remove('Short lived');
    expect((await pins.list()).pins.find((p) => p.id === pin.id)?.missing).toBe(true);
    const error = await pins.run({ requestId: crypto.randomUUID(), pinId: pin.id, controls }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(OrchardError);
    expect((error as OrchardError).code).toBe('NOT_FOUND');
    expect((error as OrchardError).message).toMatch(/“Short lived” behind this tile was deleted or renamed/);
    await pins.remove(pin.id);
  });

  it('refuses a saved query that writes, through the workbench gate', async () => {
    await saved().save('Sneaky', 'DELETE FROM raw.app_downloads_standard WHERE date >= :from');
    const pins = pinsFor(h.warehouse.dataDir);
    const pin = await pins.add({ queryName: 'Sneaky', title: 'Sneaky', chart: { kind: 'bar', x: 'x', y: ['y'], aggregate: 'count' } });
    const error = await pins.run({ requestId: crypto.randomUUID(), pinId: pin.id, controls }).then(() => undefined, (e: unknown) => e);
    expect((error as OrchardError).code).toBe('QUERY_FAILED');
    expect((error as OrchardError).message).toMatch(/DELETE changes data/);
    expect((await h.sql('SELECT count(*) AS n FROM raw.app_downloads_standard'))[0]?.n).not.toBe('0');
    await pins.remove(pin.id);
  });

  it('cancels a run by its request ID, even one cancelled before it started', async () => {
    const pins = pinsFor(h.warehouse.dataDir);
    const pin = (await pins.list()).pins[0];
    if (!pin) throw new Error('no pin');
    const requestId = crypto.randomUUID();
    expect(pins.cancel(requestId)).toBe(false);
    const error = await pins.run({ requestId, pinId: pin.id, controls }).then(() => undefined, (e: unknown) => e);
    expect((error as OrchardError).code).toBe('CANCELLED');
  });
});

describe('a corrupt layout file', () => {
  it('is kept aside and the dashboard starts empty, saying so', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'orchard-pins-corrupt-'));
    try {
      await writeFile(path.join(dir, DASHBOARD_FILE), '{"version": 1, "pins": [ {"id": ', 'utf8');
      const list = await pinsFor(dir).list();
      expect(list.pins).toEqual([]);
      expect(list.notice).toMatch(/could not be read.*dashboard\.json\.corrupt-/);
      const files = await readdir(dir);
      const aside = files.find((f) => f.startsWith(`${DASHBOARD_FILE}.corrupt-`));
      expect(aside).toBeDefined();
      expect(await readFile(path.join(dir, aside ?? ''), 'utf8')).toBe('{"version": 1, "pins": [ {"id": ');
      expect(files).not.toContain(DASHBOARD_FILE);
      // Valid JSON of the wrong shape is set aside the same way.
      await writeFile(path.join(dir, DASHBOARD_FILE), JSON.stringify({ version: 1, pins: [{ id: 'x' }] }), 'utf8');
      expect((await pinsFor(dir).list()).notice).toMatch(/kept as/);
      // A missing file is simply an empty dashboard.
      await unlink(path.join(dir, DASHBOARD_FILE)).catch(() => undefined);
      expect(await pinsFor(dir).list()).toMatchObject({ pins: [] });
      expect((await pinsFor(dir).list()).notice).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('pins:* through the dispatcher', () => {
  it('pins, lists after re-creating the services, and refuses bad input', { timeout: 120_000 }, async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'orchard-pins-ipc-'));
    const platform = () => createNodePlatform({ dataDir, logger: silentLogger, appVersion: 'test', secretStore: createMemorySecretStore(), env: {} });
    try {
      let services = await createServices(platform());
      const call = async <N extends CommandName>(command: N, input: CommandInput<N>): Promise<CommandOutput<N>> => {
        const envelope = await services.dispatch(command, input, { transport: 'test' });
        if (!envelope.ok) throw OrchardError.fromPayload(envelope.error);
        return envelope.value as CommandOutput<N>;
      };
      await call('query:save', { name: 'Numbers', sql: 'SELECT range AS n, range * 2 AS twice, :granularity AS g FROM range(5)' });
      const pin = await call('pins:add', { queryName: 'Numbers', title: 'Numbers', chart: { kind: 'bar', x: 'n', y: ['twice'], aggregate: 'sum' } });
      await services.close();
      services = await createServices(platform());
      const list = await call('pins:list', {});
      expect(list.pins.map((p) => [p.id, p.title, p.parameters])).toEqual([[pin.id, 'Numbers', ['granularity']]]);
      const controls: DashboardControls = { apps: 'all', from: '2026-01-01', to: '2026-01-31', granularity: 'MONTHLY', filters: {}, compare: 'none', topN: 8 };
      const result = await call('pins:run', { requestId: crypto.randomUUID(), pinId: pin.id, controls });
      expect(result.rows).toEqual([0, 1, 2, 3, 4].map((n) => [String(n), String(n * 2), 'MONTHLY']));
      expect(result.chart?.series[0]?.values).toEqual([0, 2, 4, 6, 8]);
      const bad = await call('pins:run', { requestId: crypto.randomUUID(), pinId: pin.id, controls: { ...controls, from: "2026-01-01'; DROP" } }).then(
        () => undefined,
        (e: unknown) => e as OrchardError,
      );
      expect(bad?.code).toBe('BAD_INPUT');
      // The workbench fills a statement the same way before running it.
      const filled = await call('pins:fill', { sql: "SELECT :from AS d, ':to' AS t -- :app", controls: { ...controls, apps: ['42'] } });
      expect(filled).toEqual({ sql: "SELECT DATE '2026-01-01' AS d, ':to' AS t -- :app", parameters: [{ name: 'from', literal: "DATE '2026-01-01'" }],
        window: { window: { from: '2026-01-01', to: '2026-01-31' }, granularity: 'MONTHLY', dataUpTo: null, notes: [] } });
      // "The last N months" on a warehouse with no data keeps the dates; an impossible day is refused before any counting.
      expect((await call('pins:fill', { sql: 'SELECT :to AS t', controls: { ...controls, endAtData: true } })).sql).toBe("SELECT DATE '2026-01-31' AS t");
      const impossible = await call('pins:fill', { sql: 'SELECT :to AS t', controls: { ...controls, to: '2026-02-31', endAtData: true } })
        .then(() => undefined, (e: unknown) => e as OrchardError);
      expect(impossible?.code).toBe('BAD_INPUT');
      expect(await call('pins:remove', { pinId: pin.id })).toEqual({ removed: true });
      expect((await call('query:savedList', {})).queries.map((q) => q.name)).toEqual(['Numbers']);
      await services.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
