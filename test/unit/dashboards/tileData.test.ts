// How tile rows become chart data: periods in order, a missing period is 0 for a count and a gap
// for a rate, "Other" stays last, comparison values line up, and changes divide by the compared value.
import { describe, expect, it } from 'vitest';
import { changePercent, formatChange, labelledValues, seriesData, stackTotals } from '../../../renderer/features/dashboards/charts/tileData';

const columns = ['period', 'series', 'value', 'previous'];
const rows = [
  ['2026-01-02', 'Other', 5, 4],
  ['2026-01-01', 'App Store Search', 10, 8],
  ['2026-01-02', 'App Store Search', 12, 9],
  ['2026-01-01', 'Other', 3, null],
  ['2026-01-03', 'App Store Search', 7, 7],
];

describe('seriesData', () => {
  it('orders periods, keeps Other last and fills a count with 0', () => {
    const data = seriesData({ columns, rows }, 'count');
    expect(data.periods).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
    expect(data.series.map((s) => s.name)).toEqual(['App Store Search', 'Other']);
    expect(data.series[0]?.values).toEqual([10, 12, 7]);
    expect(data.series[1]?.values).toEqual([3, 5, 0]);
    expect(data.series[1]?.previous).toEqual([null, 4, 0]);
  });

  it('leaves a gap for a rate', () => {
    const data = seriesData({ columns, rows }, 'percent');
    expect(data.series[1]?.values).toEqual([3, 5, null]);
  });

  it('leaves out periods after the newest reported day', () => {
    const data = seriesData({ columns, rows }, 'count', '2026-01-02');
    expect(data.periods).toEqual(['2026-01-01', '2026-01-02']);
    expect(data.series[0]?.values).toEqual([10, 12]);
  });

  it('has no comparison without a previous column', () => {
    const data = seriesData({ columns: ['period', 'series', 'value'], rows: [['2026-01-01', 'a', 1]] }, 'count');
    expect(data.series[0]?.previous).toBeUndefined();
  });

  it('stacks bands on each other and totals the comparison', () => {
    const { stacks, previousTotal } = stackTotals(seriesData({ columns, rows }, 'count'));
    expect(stacks).toEqual([[10, 12, 7], [13, 17, 7]]);
    expect(previousTotal).toEqual([8, 13, 7]);
  });
});

describe('labelled values and changes', () => {
  it('reads labels, values and previous values', () => {
    expect(labelledValues({ columns: ['label', 'value', 'previous'], rows: [['US', 30, 20], ['Other', '4', null]] }, 'label')).toEqual([
      { label: 'US', value: 30, previous: 20 },
      { label: 'Other', value: 4, previous: null },
    ]);
  });

  it('reads a funnel step’s rate as main computed it', () => {
    expect(labelledValues({ columns: ['step', 'value', 'previous', 'rate', 'previousRate'], rows: [['Impressions', 100, 90, null, null], ['Views', 10, 9, 10, 10]] }, 'step')[1])
      .toEqual({ label: 'Views', value: 10, previous: 9, rate: 10, previousRate: 10 });
  });

  it('computes the change against the compared value', () => {
    expect(changePercent(30, 20)).toBe(50);
    expect(changePercent(30, 0)).toBeNull();
    expect(changePercent(null, 5)).toBeNull();
    expect(formatChange(-12.345)).toBe('-12.3%');
    expect(formatChange(50)).toBe('+50.0%');
  });
});

describe('gaps from main stay gaps', () => {
  it('a compared period outside the data (every series NULL) has no compared total; a funnel names its rate\'s base', () => {
    const gapRows = [['2026-01-01', 'A', 1, null], ['2026-01-01', 'B', 2, null], ['2026-01-02', 'A', 3, 4], ['2026-01-02', 'B', null, 1]];
    const data = seriesData({ columns, rows: gapRows }, 'count');
    expect(data.series[0]?.previous).toEqual([null, 4]);
    expect(stackTotals(data).previousTotal).toEqual([null, 5]);
    const funnel = labelledValues({ columns: ['step', 'value', 'rate', 'rate_of'], rows: [['Impressions', 100, null, null], ['Downloads', 5, 10, 'unique impressions (approx.)']] }, 'step');
    expect(funnel.map((s) => s.rateOf)).toEqual([null, 'unique impressions (approx.)']);
  });
});
