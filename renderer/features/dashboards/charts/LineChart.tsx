// Trends: one line per series over the periods, the comparison window dashed in the same colour;
// a null (a rate with no denominator) breaks the line. Hovering a period shows its values.
import { formatMetric } from '../../insights/HeadlineTileCard';
import type { MetricUnit } from '../../../../shared/insights';
import { Axes, CHART_HEIGHT, CHART_WIDTH, MARGIN, PLOT_HEIGHT, xPositions, yScale } from './Axes';
import { seriesColour } from './colours';
import { linePath } from './linePaths';
import { niceTicks, periodLabel } from './scale';
import type { SeriesData } from './tileData';

function maxOf(data: SeriesData): number {
  let max = 0;
  for (const s of data.series) for (const v of [...s.values, ...(s.previous ?? [])]) if (v !== null && v > max) max = v;
  return max;
}

export function LineChart({ data, unit, monthly, label }: { data: SeriesData; unit: MetricUnit; monthly: boolean; label: string }) {
  const ticks = niceTicks(maxOf(data));
  const y = yScale(ticks[ticks.length - 1] ?? 1);
  const xs = xPositions(data.periods.length);
  const px = (values: readonly (number | null)[]) => values.map((v) => (v === null ? null : y(v)));
  const slot = data.periods.length > 1 ? (xs[1] ?? 0) - (xs[0] ?? 0) : CHART_WIDTH;
  return (
    <svg className="tile-chart" viewBox={`0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`} role="img" aria-label={label}>
      <Axes ticks={ticks} y={y} periods={data.periods} xs={xs} monthly={monthly} percent={unit === 'percent'} />
      {data.series.map((s, i) => (
        <g key={s.name} style={{ color: seriesColour(s.name, i) }}>
          {s.previous && <path className="chart-line chart-previous" d={linePath(xs, px(s.previous))} />}
          <path className="chart-line" d={linePath(xs, px(s.values))} />
          {data.periods.length === 1 && s.values[0] !== null && <circle className="chart-dot" cx={xs[0]} cy={y(s.values[0] ?? 0)} r={3} />}
        </g>
      ))}
      {data.periods.map((period, i) => (
        <rect key={period} className="chart-hit" x={(xs[i] ?? 0) - slot / 2} y={MARGIN.top} width={slot} height={PLOT_HEIGHT}>
          <title>
            {[periodLabel(period, monthly), ...data.series.map((s) => `${s.name}: ${formatMetric(s.values[i] ?? null, unit)}${s.previous ? ` (compared: ${formatMetric(s.previous[i] ?? null, unit)})` : ''}`)].join('\n')}
          </title>
        </rect>
      ))}
    </svg>
  );
}
