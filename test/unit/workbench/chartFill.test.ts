// Zero-fill of additive chart aggregates: missing values and missing days become 0 for sums and
// counts (whole lines), while averages keep their gaps and weekly dates are never padded daily.
import { describe, expect, it } from 'vitest';
import type { ChartData } from '../../../shared/workbench';
import { zeroFill } from '../../../main/workbench/chartFill';

const daily: ChartData = {
  x: { name: 'date', type: 'DATE', values: ['2026-02-27', '2026-02-28', '2026-03-02'] },
  series: [
    { label: 'US', values: [5, null, 7] },
    { label: 'Other', values: [null, 2, 1] },
  ],
  truncated: false,
};

describe('zeroFill', () => {
  it('fills missing values and missing days (across a month end) with zeros for sums and counts', () => {
    for (const aggregate of ['sum', 'count'] as const) {
      expect(zeroFill(daily, aggregate, 100)).toEqual({
        x: { name: 'date', type: 'DATE', values: ['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02'] },
        series: [
          { label: 'US', values: [5, 0, 0, 7] },
          { label: 'Other', values: [0, 2, 0, 1] },
        ],
        truncated: false,
      });
    }
  });

  it('keeps gaps for averages, minimums and maximums', () => {
    for (const aggregate of ['avg', 'min', 'max'] as const) expect(zeroFill(daily, aggregate, 100)).toBe(daily);
  });

  it('does not invent days between weekly dates, nor beyond the point limit', () => {
    const weekly: ChartData = { ...daily, x: { ...daily.x, values: ['2026-02-02', '2026-02-09', '2026-02-23'] } };
    expect(zeroFill(weekly, 'sum', 100).x.values).toEqual(weekly.x.values);
    expect(zeroFill(weekly, 'sum', 100).series[0]?.values).toEqual([5, 0, 7]);
    expect(zeroFill(daily, 'sum', 3).x.values).toEqual(daily.x.values);
    const text: ChartData = { ...daily, x: { name: 'v', type: 'VARCHAR', values: ['a', 'b', 'c'] } };
    expect(zeroFill(text, 'count', 100).series[1]?.values).toEqual([0, 2, 1]);
  });
});
