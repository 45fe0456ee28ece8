// A funnel in its order (impressions → product page views → downloads …): each step's bar against
// the first step, its value, its rate (of the step before, or of what main names, e.g. unique
// impressions) and of the first step; a change only when comparing like-for-like (`changes`).
import { formatMetric } from '../../insights/HeadlineTileCard';
import type { MetricUnit } from '../../../../shared/insights';
import { CHART_WIDTH } from './Axes';
import { seriesColour } from './colours';
import { changePercent, formatChange, type LabelledValue } from './tileData';

const ROW = 44;
const BAR_START = 8;
const BAR_END = 360;

function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${value.toLocaleString('en-US', { maximumFractionDigits: 1 })}%`;
}

export function rate(part: number | null, whole: number | null): string {
  return part === null || whole === null || whole === 0 ? '—' : percent((part / whole) * 100);
}

/** The step's rate as main computed it (what "Open in SQL" shows), else from the two values. */
function stepRate(step: LabelledValue, before: number | null): string {
  return step.rate !== undefined ? percent(step.rate) : rate(step.value, before);
}

export function FunnelChart({ steps, unit, comparing, changes, label }: { steps: readonly LabelledValue[]; unit: MetricUnit; comparing: boolean; changes: boolean; label: string }) {
  const first = steps[0]?.value ?? null;
  const max = Math.max(0, ...steps.map((s) => s.value ?? 0));
  return (
    <svg className="tile-chart" viewBox={`0 0 ${CHART_WIDTH} ${steps.length * ROW + 6}`} role="img" aria-label={label}>
      {steps.map((step, i) => {
        const top = 4 + i * ROW;
        const before = i === 0 ? null : (steps[i - 1]?.value ?? null);
        const width = max > 0 ? ((step.value ?? 0) / max) * (BAR_END - BAR_START) : 0;
        const change = changePercent(step.value, step.previous);
        const compared = changes ? `${formatChange(change)} vs compared` : `compared: ${formatMetric(step.previous, unit)}`;
        return (
          <g key={step.label}>
            {i > 0 && step.previousRate !== undefined && <title>{`${step.label}: ${stepRate(step, before)} of ${step.rateOf ?? 'the step before'} (compared: ${percent(step.previousRate)})`}</title>}
            <text className="chart-text" x={BAR_START} y={top + 10} dominantBaseline="middle">{step.label}</text>
            <rect className="chart-bar" style={{ color: seriesColour(step.label, i) }} x={BAR_START} y={top + 18} width={width} height={18} rx={2} />
            <text className="chart-text chart-value" x={BAR_END + 8} y={top + 27} dominantBaseline="middle">{formatMetric(step.value, unit)}</text>
            <text className="chart-label" x={CHART_WIDTH - 4} y={top + 10} textAnchor="end" dominantBaseline="middle">
              {i === 0 ? (comparing ? compared : '') : `${stepRate(step, before)} of ${step.rateOf ?? 'previous step'} · ${rate(step.value, first)} of first`}
            </text>
            {i > 0 && comparing && (
              <text className={`chart-label chart-change ${!changes || change === null || change === 0 ? '' : change < 0 ? 'down' : 'up'}`} x={CHART_WIDTH - 4} y={top + 27} textAnchor="end" dominantBaseline="middle">
                {compared}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
