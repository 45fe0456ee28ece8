// A daily series as a small inline SVG line; gaps (null) break the line instead of dropping to 0.
import type { SparkPoint } from '../../../shared/insights';
import { SPARK_HEIGHT, SPARK_WIDTH, sparklinePath } from './sparklinePath';

export function Sparkline({ points, label }: { points: readonly SparkPoint[]; label: string }) {
  const d = sparklinePath(points);
  return (
    <svg className="sparkline" width={SPARK_WIDTH} height={SPARK_HEIGHT} viewBox={`0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`} role="img" aria-label={label}>
      {d !== '' && <path d={d} fill="none" stroke="currentColor" strokeWidth="1.5" />}
    </svg>
  );
}
