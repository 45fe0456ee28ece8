// The pure parts of the headline numbers: windows, change, the SQL's app filter, the IPC input
// schema, and the sparkline's gaps.
import { describe, expect, it } from 'vitest';
import { changePercent, windowsEndingAt } from '../../../main/insights/headlineService';
import { appFilter, HEADLINE_METRICS, sumSql } from '../../../main/insights/metricDefinitions';
import { commands } from '../../../shared/ipc/contract';
import { sparklinePath } from '../../../renderer/features/insights/sparklinePath';

describe('headline parts', () => {
  it('windows are N whole days ending at the newest day, and the N days before, across a month end', () => {
    expect(windowsEndingAt('2025-03-02', 7)).toEqual({
      current: { from: '2025-02-24', to: '2025-03-02' },
      previous: { from: '2025-02-17', to: '2025-02-23' },
    });
  });

  it('change is relative to the previous period and undefined without one', () => {
    expect(changePercent(150, 100)).toBe(50);
    expect(changePercent(-50, -100)).toBe(50);
    expect(changePercent(10, 0)).toBeNull();
    expect(changePercent(null, 10)).toBeNull();
  });

  it('SQL filters DAILY rows and a numeric app only; anything else never reaches the SQL text', () => {
    const metric = HEADLINE_METRICS.find((m) => m.kind === 'sum');
    if (metric?.kind !== 'sum') throw new Error('no sum metric');
    const w = windowsEndingAt('2025-03-02', 7);
    // DAILY rows are the main.<report> view's (weekly.* and monthly.* hold the others).
    expect(sumSql(metric.source, '123', w)).toMatch(/FROM main\."[a-z_]+"\s/);
    expect(sumSql(metric.source, '123', w)).not.toMatch(/\b(weekly|monthly|raw)\./);
    expect(sumSql(metric.source, 'all', w)).not.toContain('app_apple_identifier');
    expect(() => appFilter("1' OR '1")).toThrow(RangeError);
    const input = commands['insights:headlines'].input;
    expect(input.safeParse({ appId: '123', days: 28 }).success).toBe(true);
    expect(input.safeParse({ appId: 'all', days: 90 }).success).toBe(true);
    expect(input.safeParse({ appId: '123', days: 30 }).success).toBe(false);
    expect(input.safeParse({ appId: "1' OR '1", days: 7 }).success).toBe(false);
  });

  it('a sparkline breaks its line at gaps instead of drawing them as zero', () => {
    const path = sparklinePath([{ date: 'a', value: 1 }, { date: 'b', value: 2 }, { date: 'c', value: null }, { date: 'd', value: 3 }]);
    expect(path.match(/M/g)).toHaveLength(2);
    expect(sparklinePath([{ date: 'a', value: null }])).toBe('');
  });
});
