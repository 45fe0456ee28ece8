// Axis helpers for the SVG charts: a "nice" top value and evenly spaced ticks, short numbers for
// tick labels, and which period labels fit without overlapping.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Ticks from 0 to a round number at or above `max` (1, 2, 2.5 or 5 × a power of ten per step). */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  for (let t = 0; t < max + step * 0.999; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** 1.2K, 3.4M: tick labels stay short. */
export function shortNumber(value: number): string {
  return new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** "Mar 4" for a day, "Mar 2026" for a month bucket. */
export function periodLabel(period: string, monthly: boolean): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(period);
  if (match === null) return period;
  const [, y, m, d] = match;
  const month = MONTHS[Number(m) - 1] ?? m;
  return monthly ? `${month} ${y}` : `${month} ${Number(d)}`;
}

/** Indices of the labels to draw so that labels `labelWidth` wide fit in `width`; always the first. */
export function labelIndices(count: number, width: number, labelWidth: number): number[] {
  if (count === 0) return [];
  const step = Math.max(1, Math.ceil(count / Math.max(1, Math.floor(width / labelWidth))));
  const indices: number[] = [];
  for (let i = 0; i < count; i += step) indices.push(i);
  return indices;
}
