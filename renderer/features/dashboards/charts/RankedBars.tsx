// Ranked values (territories, devices, versions): label, a bar scaled to the largest value, the
// value, and its change against the comparison window when comparing like-for-like (`changes`; else
// the compared value only, no %). "Other" stays last and grey.
import { formatMetric } from '../../insights/HeadlineTileCard';
import type { MetricUnit } from '../../../../shared/insights';
import { CHART_WIDTH } from './Axes';
import { seriesColour } from './colours';
import { changePercent, formatChange, type LabelledValue } from './tileData';

const ROW = 26;
const LABEL_END = 150;
const BAR_START = 158;
const BAR_END = 390;

function clip(label: string, max = 22): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

export function RankedBars({ items, unit, comparing, changes, label }: { items: readonly LabelledValue[]; unit: MetricUnit; comparing: boolean; changes: boolean; label: string }) {
  const max = Math.max(0, ...items.map((item) => item.value ?? 0));
  const height = items.length * ROW + 8;
  return (
    <svg className="tile-chart" viewBox={`0 0 ${CHART_WIDTH} ${height}`} role="img" aria-label={label}>
      {items.map((item, i) => {
        const top = 4 + i * ROW;
        const width = max > 0 ? ((item.value ?? 0) / max) * (BAR_END - BAR_START) : 0;
        const change = changes ? changePercent(item.value, item.previous) : null;
        return (
          <g key={item.label}>
            <title>{`${item.label}: ${formatMetric(item.value, unit)}${comparing ? ` (compared: ${formatMetric(item.previous, unit)}${changes ? `, ${formatChange(change)}` : ''})` : ''}`}</title>
            <text className="chart-text" x={LABEL_END} y={top + ROW / 2} textAnchor="end" dominantBaseline="middle">{clip(item.label)}</text>
            <rect className="chart-bar" style={{ color: seriesColour(item.label, 0) }} x={BAR_START} y={top + 4} width={Math.max(width, item.value ? 1 : 0)} height={ROW - 8} rx={2} />
            <text className="chart-text chart-value" x={BAR_END + 8} y={top + ROW / 2} dominantBaseline="middle">{formatMetric(item.value, unit)}</text>
            {comparing && !changes && (
              <text className="chart-text muted" x={CHART_WIDTH - 4} y={top + ROW / 2} textAnchor="end" dominantBaseline="middle">
                {`compared: ${formatMetric(item.previous, unit)}`}
              </text>
            )}
            {comparing && changes && (
              <text className={`chart-text chart-change ${change === null || change === 0 ? '' : change < 0 ? 'down' : 'up'}`} x={CHART_WIDTH - 4} y={top + ROW / 2} textAnchor="end" dominantBaseline="middle">
                {formatChange(change)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
