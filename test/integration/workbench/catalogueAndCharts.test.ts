import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, failure, newId, type WorkbenchHarness } from './harness';
import { REPORT_CATALOGUE } from '../../../shared/reportCatalogue';
import { ingestReport } from './reportData';

const REPORTS = ['App Downloads Standard', 'App Sessions Standard', 'App Crashes', 'App Store Discovery and Engagement Standard'];

let h: WorkbenchHarness;
beforeAll(async () => {
  h = await createHarness({ previewBudgetMs: 60_000 });
  for (const report of REPORTS) await ingestReport(h.ws, report);
});
afterAll(async () => {
  await h.cleanup();
});

describe('query:catalogue', () => {
  it('lists main views first, then raw tables, sales, then orchard metadata, with types, counts and Apple’s meanings', async () => {
    const catalogue = await h.call('query:catalogue', {});
    expect(catalogue.schemas.map((s) => s.name).slice(0, 6)).toEqual(['main', 'weekly', 'monthly', 'raw', 'sales', 'orchard']);
    const main = catalogue.schemas[0];
    const downloads = main?.relations.find((r) => r.name === 'app_downloads_standard');
    expect(downloads).toMatchObject({ schema: 'main', kind: 'view', rowCount: 14 * 6, report: 'App Downloads Standard' });
    expect(downloads?.columns.find((c) => c.name === 'counts')).toEqual({
      name: 'counts',
      type: 'BIGINT',
      meaning: expect.stringMatching(/Number of events/),
    });
    // A row's provenance (granularity among it) is one key into orchard.segment_keys.
    expect(downloads?.columns.find((c) => c.name === '_segment_key')?.meaning).toMatch(/orchard\.segment_keys.*granularity/);
    expect(catalogue.schemas[1]?.relations.find((r) => r.name === 'app_crashes')).toMatchObject({ kind: 'view', rowCount: 0, report: 'App Crashes' });
    const raw = catalogue.schemas[3]?.relations.find((r) => r.name === 'app_crashes');
    expect(raw).toMatchObject({ kind: 'table', rowCount: 14 * 6, report: 'App Crashes' });
    expect(catalogue.schemas[5]?.relations.map((r) => r.name)).toEqual(expect.arrayContaining(['sync_runs', 'segment_keys']));
    expect(catalogue.functions).toEqual(expect.arrayContaining(['date_trunc', 'sum', 'read_parquet', 'regexp_matches']));
    expect(catalogue.keywords).toEqual(expect.arrayContaining(['select', 'qualify']));
  });

  it('explains the sales schema’s columns: per-unit money, where a row came from, what the views add', async () => {
    const sales = (await h.call('query:catalogue', {})).schemas.find((s) => s.name === 'sales');
    const column = (relation: string, name: string) => sales?.relations.find((r) => r.name === relation)?.columns.find((c) => c.name === name);
    expect(column('sales_summary', 'developer_proceeds')?.meaning).toMatch(/PER UNIT/);
    expect(column('sales_summary', 'units')).toMatchObject({ type: 'DECIMAL(18,2)', meaning: expect.stringMatching(/negative for refunds/) });
    expect(column('sales_summary', '_file_id')?.meaning).toMatch(/sales\.files/);
    expect(column('files', 'file_checksum')?.meaning).toMatch(/SHA-256/);
    expect(column('sales_lines', 'extended_proceeds')?.meaning).toMatch(/units × developer_proceeds/);
    expect(column('daily_converted', 'rate_used')?.meaning).toMatch(/NULL/);
    expect(column('financial', 'extended_partner_share')?.meaning).toMatch(/partner_share_currency/);
  });

  it('says which measures are distinct counts or averages that cannot be summed', async () => {
    const catalogue = await h.call('query:catalogue', {});
    const crashes = catalogue.schemas[0]?.relations.find((r) => r.name === 'app_crashes');
    expect(crashes?.columns.find((c) => c.name === 'unique_devices')?.nonAdditive).toMatch(/Distinct counts: cannot be summed across rows/);
    expect(crashes?.columns.find((c) => c.name === 'crashes')).not.toHaveProperty('nonAdditive');
  });

  it('ships no example queries while no app is known, then filters every example by the first app', async () => {
    expect((await h.call('query:catalogue', {})).examples).toEqual([]);
    await h.ws.warehouse.metadata.upsertApps([{ appId: '999', name: 'Zed' }, { appId: '1476097583', name: 'Example App' }]);
    const { examples } = await h.call('query:catalogue', {});
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) expect(example.sql).toContain('app_apple_identifier = 1476097583');
  });

  it('ships example queries for the selected app that run against the views and never sum a distinct count', async () => {
    const nonAdditive = REPORT_CATALOGUE.flatMap((r) => r.columns).filter((c) => c.nonAdditive !== undefined).map((c) => c.name);
    expect(nonAdditive).toEqual(expect.arrayContaining(['unique_counts', 'unique_devices', 'paying_users']));
    const other = await h.call('query:catalogue', { appId: '42' });
    for (const example of other.examples) expect(example.sql).toContain('app_apple_identifier = 42');
    const { examples } = await h.call('query:catalogue', { appId: '1476097583' });
    for (const example of examples) {
      for (const name of new Set(nonAdditive)) expect(example.sql, example.title).not.toMatch(new RegExp(`sum\\(\\s*${name}`));
    }
    expect(examples.map((e) => e.title)).toEqual([
      'Downloads by territory per week',
      'Sessions per app version',
      'Crashes per device',
      'Conversion from impressions to downloads',
    ]);
    for (const example of examples) {
      const reply = await h.call('query:run', { runId: newId(), sql: example.sql });
      expect(reply.result?.totalRows, example.title).toBeGreaterThan(0);
      expect(reply.firstRows.flat().some((v) => v === null), `${example.title} has NULL cells`).toBe(false);
    }
  });
});

describe('query:chart', () => {
  it('aggregates a long result into one series per category value, largest first', async () => {
    const reply = await h.call('query:run', { runId: newId(), sql: 'SELECT date, territory, device, counts FROM main.app_downloads_standard' });
    const resultId = reply.result?.resultId ?? '';
    const chart = await h.call('query:chart', { resultId, x: 'date', y: ['counts'], splitBy: 'territory', aggregate: 'sum' });
    expect(chart.x).toMatchObject({ name: 'date', type: 'DATE' });
    expect(chart.x.values).toHaveLength(14);
    expect(chart.x.values[0]).toBe('2026-01-01');
    expect(chart.series.map((s) => s.label).sort()).toEqual(['DE', 'JP', 'US']);
    const totals = chart.series.map((s) => s.values.reduce<number>((a, v) => a + (v ?? 0), 0));
    expect([...totals].sort((a, b) => b - a)).toEqual(totals);
    const check = await h.call('query:run', {
      runId: newId(),
      sql: `SELECT sum(counts)::DOUBLE FROM main.app_downloads_standard WHERE territory = '${chart.series[0]?.label}' AND date = DATE '2026-01-01'`,
    });
    expect(chart.series[0]?.values[0]).toBe(check.firstRows[0]?.[0]);

    const cut = await h.call('query:chart', { resultId, x: 'date', y: ['counts'], splitBy: 'territory', aggregate: 'sum', maxSeries: 2, maxPoints: 5 });
    expect(cut).toMatchObject({ truncated: true });
    expect(cut.series).toHaveLength(2);
    expect(cut.x.values).toHaveLength(5);
  });

  it('draws several numeric columns as series, counts text columns, and refuses unknown or text columns', async () => {
    const reply = await h.call('query:run', { runId: newId(), sql: 'SELECT app_version, sessions, unique_devices, device FROM main.app_sessions_standard' });
    const resultId = reply.result?.resultId ?? '';
    const wide = await h.call('query:chart', { resultId, x: 'app_version', y: ['sessions', 'unique_devices'], aggregate: 'max' });
    expect(wide.x.values).toEqual(['1.0', '1.1', '1.2']);
    expect(wide.series.map((s) => s.label)).toEqual(['sessions', 'unique_devices']);
    expect(wide.series[0]?.values.every((v) => typeof v === 'number')).toBe(true);
    const counted = await h.call('query:chart', { resultId, x: 'app_version', y: ['device'], aggregate: 'count' });
    expect(counted.series[0]?.values).toEqual([28, 28, 28]);
    expect((await failure(h.call('query:chart', { resultId, x: 'nope', y: ['sessions'], aggregate: 'sum' }))).code).toBe('BAD_INPUT');
    expect((await failure(h.call('query:chart', { resultId, x: 'app_version', y: ['device'], aggregate: 'sum' }))).message).toMatch(/not numeric/);
  });
});
