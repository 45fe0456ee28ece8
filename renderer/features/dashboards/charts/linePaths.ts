// SVG path data for a series: one subpath per run of non-null values, so gaps stay gaps; and the
// outline of a band between two stacked series.

export function linePath(xs: readonly number[], ys: readonly (number | null)[]): string {
  let path = '';
  let drawing = false;
  ys.forEach((y, i) => {
    if (y === null) {
      drawing = false;
      return;
    }
    path += `${drawing ? 'L' : 'M'}${(xs[i] ?? 0).toFixed(1)} ${y.toFixed(1)} `;
    drawing = true;
  });
  return path.trim();
}

/** The closed shape between `lower` and `upper` (both already in pixels). */
export function bandPath(xs: readonly number[], lower: readonly number[], upper: readonly number[]): string {
  if (xs.length === 0) return '';
  const top = xs.map((x, i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)} ${(upper[i] ?? 0).toFixed(1)}`).join(' ');
  const bottom = xs.map((_, j) => { const i = xs.length - 1 - j; return `L${(xs[i] ?? 0).toFixed(1)} ${(lower[i] ?? 0).toFixed(1)}`; }).join(' ');
  return `${top} ${bottom} Z`;
}
