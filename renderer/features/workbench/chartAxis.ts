// Pure helpers of the chart's axes and legend: how values read under the cursor, which category
// slots get a label so labels never overlap, and short date labels for bar charts.

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** What the legend shows for a value under the cursor. */
export function formatValue(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : numberFormat.format(value);
}

const DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Short labels for dates on a category axis: `Mar 1`, with the year on a second line at the
 * first label and wherever the year changes. Other values stay as they are.
 */
export function categoryLabels(values: readonly (string | number)[], shown: readonly number[], temporal: boolean): string[] {
  let year = '';
  return shown.map((index) => {
    const value = String(values[index] ?? '');
    const match = temporal ? DATE_PREFIX.exec(value) : null;
    if (match === null) return value;
    const [, y = '', m = '1', d = '1'] = match;
    const label = `${MONTHS[Number(m) - 1] ?? m} ${Number(d)}`;
    const withYear = y !== year ? `${label}\n${y}` : label;
    year = y;
    return withYear;
  });
}

/** Indices to label so labels of `labelWidth` never overlap in `plotWidth` CSS pixels. */
export function labelledIndices(n: number, plotWidth: number, labelWidth: number): number[] {
  const fit = Math.max(1, Math.floor(plotWidth / labelWidth));
  const step = Math.max(1, Math.ceil(n / fit));
  return Array.from({ length: Math.ceil(n / step) }, (_, i) => i * step);
}


/**
 * The point the legend describes: the one under the cursor, else the newest, so the legend reads
 * "day 2026-01-31" and that day's values when the pointer is elsewhere, never "day --".
 */
export function legendIndex(hovered: number | null | undefined, points: number): number | null {
  if (hovered !== null && hovered !== undefined) return hovered;
  return points > 0 ? points - 1 : null;
}

/** The x value the legend shows for a point, exactly as the result has it. */
export function xLegendText(values: readonly (string | number)[], hovered: number | null | undefined): string {
  const index = legendIndex(hovered, values.length);
  return index === null ? '' : String(values[index] ?? '');
}
