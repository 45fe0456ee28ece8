// Mix over time: each series a band stacked on the ones before (the first at the bottom, "Other"
// on top); the comparison window's total as a dashed line. Missing counts stack as 0.
import { formatMetric } from '../../insights/HeadlineTileCard';
import type { MetricUnit } from '../../../../shared/insights';
import { Axes, CHART_HEIGHT, CHART_WIDTH, MARGIN, PLOT_HEIGHT, xPositions, yScale } from './Axes';
import { seriesColour } from './colours';
import { bandPath, linePath } from './linePaths';
import { niceTicks, periodLabel } from './scale';
import type { SeriesData } from './tileData';

export function stackTotals(data: SeriesData): { stacks: number[][]; previousTotal: number[] | null } {
  const running = data.periods.map(() => 0);
  const stacks = data.series.map((s) => s.values.map((v, i) => (running[i] = (running[i] ?? 0) + (v ?? 0))));
  const comparing = data.series.some((s) => s.previous);
  const previousTotal = comparing ? data.periods.map((_, i) => data.series.reduce((sum, s) => sum + (s.previous?.[i] ?? 0), 0)) : null;
  return { stacks, previousTotal };
}

export function StackedAreaChart({ data, unit, monthly, label }: { data: SeriesData; unit: MetricUnit; monthly: boolean; label: string }) {
  const { stacks, previousTotal } = stackTotals(data);
  const top = Math.max(0, ...(stacks[stacks.length - 1] ?? []), ...(previousTotal ?? []));
  const ticks = niceTicks(top);
  const y = yScale(ticks[ticks.length - 1] ?? 1);
  const xs = xPositions(data.periods.length);
  const slot = data.periods.length > 1 ? (xs[1] ?? 0) - (xs[0] ?? 0) : CHART_WIDTH;
  const base = data.periods.map(() => y(0));
  return (
    <svg className="tile-chart" viewBox={`0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`} role="img" aria-label={label}>
      <Axes ticks={ticks} y={y} periods={data.periods} xs={xs} monthly={monthly} percent={unit === 'percent'} />
      {data.series.map((s, i) => (
        <path key={s.name} className="chart-band" style={{ color: seriesColour(s.name, i) }}
          d={bandPath(xs, i === 0 ? base : (stacks[i - 1] ?? []).map(y), (stacks[i] ?? []).map(y))} />
      ))}
      {previousTotal && <path className="chart-line chart-previous chart-total" d={linePath(xs, previousTotal.map(y))} />}
      {data.periods.map((period, i) => (
        <rect key={period} className="chart-hit" x={(xs[i] ?? 0) - slot / 2} y={MARGIN.top} width={slot} height={PLOT_HEIGHT}>
          <title>
            {[periodLabel(period, monthly), ...data.series.map((s) => `${s.name}: ${formatMetric(s.values[i] ?? null, unit)}`), ...(previousTotal ? [`Compared total: ${formatMetric(previousTotal[i] ?? null, unit)}`] : [])].join('\n')}
          </title>
        </rect>
      ))}
    </svg>
  );
}
