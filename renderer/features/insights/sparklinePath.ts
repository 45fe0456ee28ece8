// The SVG path of a daily series: one subpath per run of days with a value, so gaps stay gaps.
import type { SparkPoint } from '../../../shared/insights';

export const SPARK_WIDTH = 120;
export const SPARK_HEIGHT = 28;

export function sparklinePath(points: readonly SparkPoint[]): string {
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  if (values.length === 0) return '';
  const min = Math.min(...values);
  const span = Math.max(...values) - min || 1;
  const step = points.length > 1 ? SPARK_WIDTH / (points.length - 1) : 0;
  let path = '';
  let drawing = false;
  points.forEach((p, i) => {
    if (p.value === null) {
      drawing = false;
      return;
    }
    const x = (i * step).toFixed(1);
    const y = (SPARK_HEIGHT - 2 - ((p.value - min) / span) * (SPARK_HEIGHT - 4)).toFixed(1);
    path += `${drawing ? 'L' : 'M'}${x} ${y} `;
    drawing = true;
  });
  return path.trim();
}
