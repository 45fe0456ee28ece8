// Mix over time: each series a band stacked on the ones before (the first at the bottom, "Other"
// on top); the comparison window's total as a dashed line. Missing counts stack as 0; periods
// where every series is NULL (outside the data) are gaps, not bands at 0.
import { formatMetric } from '../../insights/HeadlineTileCard';
import type { MetricUnit } from '../../../../shared/insights';
import { Axes, CHART_HEIGHT, CHART_WIDTH, MARGIN, PLOT_HEIGHT, xPositions, yScale } from './Axes';
import { seriesColour } from './colours';
import { bandPath, linePath } from './linePaths';
import { niceTicks, periodLabel } from './scale';
import { stackTotals, type SeriesData } from './tileData';

/** [start, end) index runs of periods where at least one series has a value. */
function dataRuns(data: SeriesData): [number, number][] {
  const runs: [number, number][] = [];
  data.periods.forEach((_, i) => {
    if (data.series.every((s) => (s.values[i] ?? null) === null)) return;
    const last = runs[runs.length - 1];
    if (last !== undefined && last[1] === i) last[1] = i + 1;
    else runs.push([i, i + 1]);
  });
  return runs;
}

export function StackedAreaChart({ data, unit, monthly, label }: { data: SeriesData; unit: MetricUnit; monthly: boolean; label: string }) {
  const { stacks, previousTotal } = stackTotals(data);
  const top = Math.max(0, ...(stacks[stacks.length - 1] ?? []), ...(previousTotal ?? []).filter((v): v is number => v !== null));
  const ticks = niceTicks(top);
  const y = yScale(ticks[ticks.length - 1] ?? 1);
  const xs = xPositions(data.periods.length);
  const slot = data.periods.length > 1 ? (xs[1] ?? 0) - (xs[0] ?? 0) : CHART_WIDTH;
  const base = data.periods.map(() => y(0));
  const runs = dataRuns(data);
  return (
    <svg className="tile-chart" viewBox={`0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`} role="img" aria-label={label}>
      <Axes ticks={ticks} y={y} periods={data.periods} xs={xs} monthly={monthly} percent={unit === 'percent'} />
      {data.series.map((s, i) => (
        <path key={s.name} className="chart-band" style={{ color: seriesColour(s.name, i) }}
          d={runs.map(([from, to]) => bandPath(xs.slice(from, to), (i === 0 ? base : (stacks[i - 1] ?? []).map(y)).slice(from, to), (stacks[i] ?? []).map(y).slice(from, to))).join(' ')} />
      ))}
      {previousTotal && <path className="chart-line chart-previous chart-total" d={linePath(xs, previousTotal.map((v) => (v === null ? null : y(v))))} />}
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
