// uPlot options for a chart: axes and grid in the theme's colours, a distinct colour per series
// (a qualitative palette, then golden-angle hues, so hundreds stay apart), lines or grouped bars
// (bars start at zero, one slot per category, short date labels spaced to the plot's width), and a
// legend that shows each series' value under the cursor (when the series are few enough to list).
import uPlot, { type Axis, type Options, type Series } from 'uplot';
import type { ChartData } from '../../../shared/workbench';
import { isTemporalType } from './cellFormat';
import { categoryLabels, formatValue, labelledIndices, legendIndex, xLegendText } from './chartAxis';
import type { ChartKind } from './chartConfig';

const LEGEND_MAX_SERIES = 40;
/** The label main gives the series that adds up every split value past the top N. */
export const OTHER_SERIES = 'Other';
/** Share of a category's slot the group of bars fills. */
const GROUP_WIDTH = 0.8;
/** Room one x label needs, in CSS pixels: short dates, else the longest label's estimate. */
const DATE_LABEL_WIDTH = 64;
const CHAR_WIDTH = 7;

/**
 * The first series take a qualitative palette (Tableau 10 without its grey, which "Other" owns),
 * ordered so neighbours contrast most; golden-angle hues continue it, 137.5° from one to the next.
 */
const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f'];

export function seriesColour(index: number, dark: boolean): string {
  const fixed = PALETTE[index];
  if (fixed !== undefined) return fixed;
  const hue = (index * 137.508 + 140) % 360;
  return `hsl(${hue.toFixed(1)} ${dark ? 65 : 60}% ${dark ? 62 : 42}%)`;
}

/** "Other" (the folded-in rest, always last) is grey, so it never passes for one more series. */
export function colourOf(data: ChartData, index: number, dark: boolean): string {
  const other = index === data.series.length - 1 && data.series[index]?.label === OTHER_SERIES;
  return other ? (dark ? 'hsl(0 0% 62%)' : 'hsl(0 0% 52%)') : seriesColour(index, dark);
}

interface ChartOptionsInput {
  data: ChartData;
  kind: ChartKind;
  /** Positions are seconds since the epoch (a time axis). */
  time: boolean;
  /** Positions are 0…n-1 standing for the x values (categories, and every bar chart). */
  categorical: boolean;
  dark: boolean;
  /** The page's computed styles: only the theme's colour variables are read. */
  styles: { getPropertyValue(name: string): string };
}

function groupedBars(seriesIndex: number, seriesCount: number): Series.PathBuilder | undefined {
  const width = GROUP_WIDTH / seriesCount;
  return uPlot.paths.bars?.({
    disp: {
      x0: { unit: 1, values: (u, _s, i0, i1) => (u.data[0] as number[]).slice(i0, i1 + 1).map((x) => x - GROUP_WIDTH / 2 + seriesIndex * width) },
      size: { unit: 1, values: () => [width] },
    },
  });
}

function categoryAxis(data: ChartData): Partial<Axis> {
  const n = data.x.values.length;
  const temporal = isTemporalType(data.x.type);
  const longest = Math.max(1, ...data.x.values.map((v) => String(v).length));
  const labelWidth = temporal ? DATE_LABEL_WIDTH : Math.min(160, longest * CHAR_WIDTH + 16);
  return {
    splits: (u) => labelledIndices(n, u.bbox.width / uPlot.pxRatio, labelWidth),
    values: (_u, ticks) => categoryLabels(data.x.values, ticks, temporal),
    ...(temporal ? { size: 48 } : {}),
  };
}

export function chartOptions({ data, kind, time, categorical, dark, styles }: ChartOptionsInput): Omit<Options, 'width' | 'height'> {
  const text = styles.getPropertyValue('--muted').trim() || '#666';
  const grid = styles.getPropertyValue('--border').trim() || '#ddd';
  const many = data.series.length > 20;
  const n = data.x.values.length;
  const series: Series[] = [
    // Off the plot the legend describes the newest point (uPlot would print "--").
    { label: data.x.name, value: (_u: uPlot, _v: number | null, _s: number, idx: number | null) => xLegendText(data.x.values, idx) },
    ...data.series.map((s, i): Series => {
      const colour = colourOf(data, i, dark);
      const valueAt = (v: number | null, idx: number | null) => formatValue(idx === null ? s.values[legendIndex(idx, n) ?? -1] : v);
      // Sums and counts arrive zero-filled; other aggregates' missing points are joined over.
      const line = { label: s.label, stroke: colour, width: many ? 1 : 1.75, spanGaps: true, points: { show: !many && n <= 60 }, value: (_u: uPlot, v: number | null, _s: number, idx: number | null) => valueAt(v, idx) };
      return kind === 'bar' ? { ...line, width: 0, fill: colour, points: { show: false }, paths: groupedBars(i, data.series.length) } : line;
    }),
  ];
  const axis: Partial<Axis> = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  return {
    series,
    scales: {
      x: categorical ? { time: false, range: () => [-0.5, Math.max(0.5, n - 0.5)] } : { time },
      // Bars are read from zero.
      ...(kind === 'bar' ? { y: { range: (_u: uPlot, min: number, max: number) => [Math.min(0, min), max <= 0 ? 0 : max * 1.05] } } : {}),
    },
    axes: [{ ...axis, ...(categorical ? categoryAxis(data) : {}) }, { ...axis, size: 64 }],
    legend: { show: data.series.length <= LEGEND_MAX_SERIES, live: true },
    // Dates arrive as UTC midnights; read in local time they would slip to the day before.
    tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    cursor: { points: { show: !many } },
  };
}
