// @vitest-environment jsdom
// The chart legend never prints uPlot's "--": off the plot it reads the newest point, on it the
// hovered one, for dates, categories and numbers alike.
import { describe, expect, it, vi } from 'vitest';
import type uPlot from 'uplot';
import type { ChartData } from '../../../shared/workbench';
import { chartOptions } from '../../../renderer/features/workbench/chartOptions';
import { legendIndex, xLegendText } from '../../../renderer/features/workbench/chartAxis';

// uPlot asks for the device pixel ratio's media query when it loads; jsdom has none.
vi.hoisted(() => {
  const page = globalThis as unknown as { matchMedia?: (query: string) => unknown };
  page.matchMedia ??= () => ({ matches: false, addEventListener() {}, removeEventListener() {} });
});
/** jsdom's page styles (this file is type-checked without the DOM library). */
type ChartStyles = Parameters<typeof chartOptions>[0]['styles'];
const styles = () => (globalThis as unknown as { getComputedStyle: (e: unknown) => ChartStyles; document: { documentElement: unknown } });

const data: ChartData = {
  x: { name: 'date', type: 'DATE', values: ['2026-01-01', '2026-01-02', '2026-01-03'] },
  series: [{ label: 'downloads', values: [1200, null, 3400.5] }, { label: 'Other', values: [1, 2, 3] }],
  truncated: false,
};

type LegendValue = (u: uPlot, v: number | null, sidx: number, idx: number | null) => string;

function legendValues(kind: 'line' | 'bar', idx: number | null, hoveredValues: (number | null)[]): string[] {
  const options = chartOptions({ data, kind, time: kind === 'line', categorical: kind === 'bar', dark: false, styles: styles().getComputedStyle(styles().document.documentElement) });
  return (options.series ?? []).map((s, i) => (s.value as LegendValue)({} as uPlot, hoveredValues[i] ?? null, i, idx));
}

describe('chart legend', () => {
  it('describes the newest point when nothing is hovered', () => {
    for (const kind of ['line', 'bar'] as const) expect(legendValues(kind, null, [])).toEqual(['2026-01-03', '3,400.5', '3']);
  });

  it('describes the hovered point, a missing value as a dash', () => {
    for (const kind of ['line', 'bar'] as const) expect(legendValues(kind, 1, [1767312000, null, 2])).toEqual(['2026-01-02', '–', '2']);
  });

  it('picks the hovered index, else the last, else none', () => {
    expect(legendIndex(0, 3)).toBe(0);
    expect(legendIndex(null, 3)).toBe(2);
    expect(legendIndex(undefined, 0)).toBeNull();
    expect(xLegendText([], null)).toBe('');
  });
});
