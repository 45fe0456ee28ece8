// The pieces of a pin's "last N days": which report views a saved query names (and at which
// granularity), the newest full period a day closes, and the range the built-in tiles and pins share.
import { describe, expect, it } from 'vitest';
import { lastFullPeriodStart } from '../../../main/insights/dashboards/periods';
import { rangeAtData } from '../../../main/insights/dashboards/tileWindow';
import { reportViewsOf } from '../../../main/insights/pins/reportViews';
import type { DashboardControls } from '../../../shared/dashboards';

describe('reportViewsOf', () => {
  it('finds report tables in code with the granularity of their schema', () => {
    const sql = `WITH d AS (SELECT * FROM app_downloads_standard), w AS (SELECT * FROM Weekly . "App_Downloads_Detailed")
      SELECT * FROM d, w, monthly.app_sessions_standard, raw.app_crashes, main.app_downloads_standard, orchard.vintages`;
    expect(reportViewsOf(sql, 'WEEKLY')).toEqual([
      { table: 'app_downloads_standard', granularity: 'DAILY' },
      { table: 'app_downloads_detailed', granularity: 'WEEKLY' },
      { table: 'app_sessions_standard', granularity: 'MONTHLY' },
      { table: 'app_crashes', granularity: 'WEEKLY' },
    ]);
  });

  it('ignores names in strings and comments, and a name qualified by something else', () => {
    const sql = `-- from app_crashes
      SELECT 'app_sessions_standard' AS s, /* app_downloads_standard */ t.app_store_purchases_standard, $x$app_crashes$x$ FROM t`;
    expect(reportViewsOf(sql, 'DAILY')).toEqual([{ table: 'app_store_purchases_standard', granularity: 'DAILY' }]);
    expect(reportViewsOf('SELECT :from AS f, :to AS t', 'DAILY')).toEqual([]);
  });
});

describe('lastFullPeriodStart', () => {
  it('is the period a day closes, else the one before', () => {
    expect(lastFullPeriodStart('2025-12-05', 'day')).toBe('2025-12-05');
    expect(lastFullPeriodStart('2025-12-07', 'week')).toBe('2025-12-01');
    expect(lastFullPeriodStart('2025-12-05', 'week')).toBe('2025-11-24');
    expect(lastFullPeriodStart('2025-11-30', 'month')).toBe('2025-11-01');
    expect(lastFullPeriodStart('2025-12-05', 'month')).toBe('2025-11-01');
    expect(lastFullPeriodStart('2024-02-29', 'month')).toBe('2024-02-01');
  });
});

describe('rangeAtData', () => {
  const controls: DashboardControls = { apps: ['1'], from: '2025-11-09', to: '2025-12-06', granularity: 'DAILY', filters: {}, compare: 'previous', topN: 8, endAtData: true };

  it('moves "the last N days" to end at the data, keeping N', () => {
    expect(rangeAtData(controls, '2025-12-04')).toEqual({ from: '2025-11-07', to: '2025-12-04' });
  });

  it('counts weeks and months in full published periods', () => {
    expect(rangeAtData({ ...controls, granularity: 'WEEKLY', from: '2025-11-10', to: '2025-12-07' }, '2025-12-05')).toEqual({ from: '2025-11-03', to: '2025-11-30' });
    expect(rangeAtData({ ...controls, granularity: 'MONTHLY', from: '2025-10-01', to: '2025-12-06' }, '2025-11-30')).toEqual({ from: '2025-09-01', to: '2025-11-30' });
  });

  it('keeps the dates of a custom range, or when there is no data', () => {
    expect(rangeAtData({ ...controls, endAtData: false }, '2025-12-04')).toEqual({ from: controls.from, to: controls.to });
    expect(rangeAtData(controls, null)).toEqual({ from: controls.from, to: controls.to });
  });
});
