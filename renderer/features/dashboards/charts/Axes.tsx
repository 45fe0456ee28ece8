// The frame shared by the time charts: horizontal grid lines with value labels, and period labels
// along the bottom spaced so they never overlap.
import { labelIndices, periodLabel, shortNumber } from './scale';

export const CHART_WIDTH = 560;
export const CHART_HEIGHT = 220;
export const MARGIN = { left: 48, right: 14, top: 10, bottom: 24 } as const;
export const PLOT_WIDTH = CHART_WIDTH - MARGIN.left - MARGIN.right;
export const PLOT_HEIGHT = CHART_HEIGHT - MARGIN.top - MARGIN.bottom;

export function xPositions(count: number): number[] {
  if (count === 1) return [MARGIN.left + PLOT_WIDTH / 2];
  return Array.from({ length: count }, (_, i) => MARGIN.left + (i * PLOT_WIDTH) / Math.max(1, count - 1));
}

export function yScale(top: number): (value: number) => number {
  return (value) => MARGIN.top + PLOT_HEIGHT - (value / (top || 1)) * PLOT_HEIGHT;
}

export function Axes({ ticks, y, periods, xs, monthly, percent }: { ticks: readonly number[]; y: (v: number) => number; periods: readonly string[]; xs: readonly number[]; monthly: boolean; percent: boolean }) {
  return (
    <g className="chart-axes" aria-hidden="true">
      {ticks.map((t) => (
        <g key={t}>
          <line className="chart-grid" x1={MARGIN.left} x2={CHART_WIDTH - MARGIN.right} y1={y(t)} y2={y(t)} />
          <text className="chart-label" x={MARGIN.left - 6} y={y(t)} textAnchor="end" dominantBaseline="middle">
            {percent ? `${shortNumber(t)}%` : shortNumber(t)}
          </text>
        </g>
      ))}
      {labelIndices(periods.length, PLOT_WIDTH, monthly ? 70 : 56).map((i) => (
        <text key={i} className="chart-label" x={xs[i]} y={CHART_HEIGHT - 6} textAnchor={periods.length === 1 ? 'middle' : i === 0 ? 'start' : 'middle'}>
          {periodLabel(periods[i] ?? '', monthly)}
        </text>
      ))}
    </g>
  );
}
