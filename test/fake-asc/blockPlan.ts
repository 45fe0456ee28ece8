// The dimension space of one report's rows for one Date: an axis per group of columns (the measure
// selector, territory, device with its OS, app version, …), each option weighted from the app model.
// Cheap to build; blockTruth.ts samples rows from it.

import type { Granularity, ReportDef } from './catalogue';
import type { ColumnDef } from './columns';
import { dayToIso, firstOfNextMonth } from './dates';
import { appPeriod, type AppDay, type ModelApp } from './model/appModel';
import { devicePairsOn, deviceWeights, OS_VERSIONS_IN_USE, TERRITORY_CODES, territoryWeights, type Weighted } from './model/audience';
import { versionSharesOn } from './model/releases';
import { shapeOf, type MeasureOption, type ReportShape } from './reportShapes';

export interface AxisOption {
  /** Cells this option writes, by column index. */
  cells: ReadonlyArray<readonly [number, string]>;
  /** Relative number of rows that pick it. */
  sampleWeight: number;
  /** Multiplies the values of rows that pick it (with sampleWeight, mass ∝ the model's weight). */
  valueWeight: number;
}

export interface Axis {
  options: AxisOption[];
  /** Cumulative sampleWeight, for picking an option from a uniform number. */
  cumulative: number[];
}

export interface BlockPlan {
  shape: ReportShape;
  /** Index of the measure axis in `axes`, or -1 when the report has no selector columns. */
  measureAxis: number;
  /** Built on first use: the row count needs only `capacity`. */
  axes(): Axis[];
  axisCount: number;
  /** Column index by name, and the `dimFrom` columns as (index, source index, map). */
  columnIndex: ReadonlyMap<string, number>;
  lookups: ReadonlyArray<readonly [number, number, Readonly<Record<string, string>>]>;
  capacity: number;
  /** Model totals for the Date's period (a day, a week from Monday, a month from the 1st); computed on first use. */
  totals(): AppDay;
}

/** Rows are picked ∝ weight^SAMPLE_EXPONENT and valued ∝ weight^(1−SAMPLE_EXPONENT). */
const SAMPLE_EXPONENT = 0.8;
const DOWNLOAD_OFFSETS: ReadonlyArray<readonly [number | undefined, number]> = [
  [0, 6], [1, 3], [2, 2], [3, 1.5], [5, 1.2], [8, 1], [13, 0.8], [21, 0.6], [29, 0.5], [undefined, 14],
];

/** Typical shares of the fixed vocabularies (an unknown column gets equal weights). */
const DIM_WEIGHTS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'Source Type': { 'App Store search': 50, 'App Store browse': 25, 'App referrer': 8, 'Web referrer': 9, 'Institutional purchase': 0.5, Unavailable: 7.5 },
  'App Download Source Type': { 'App Store search': 50, 'App Store browse': 25, 'App referrer': 8, 'Web referrer': 9, 'Institutional purchase': 0.5, Unavailable: 7.5 },
  'Source Info': { '': 70 },
  'App Download Source Info': { '': 70 },
  Campaign: { '': 85, spring_launch: 6, newsletter: 5, ct_summer: 4 },
  'Page Type': { 'Product page': 70, 'In-app event': 8, 'Store sheet': 17, 'No page': 5 },
  'Page Title': { '': 8, 'Default product page': 72, 'Custom page A': 12, 'Custom page B': 8 },
  'Pre-Order': { '': 99, Yes: 1 },
  'Payment Method': { Paid: 93, 'Free Trial': 0, 'Pay As You Go': 7 },
  'Subscription Name': { 'Premium Monthly': 70, 'Premium Yearly': 30 },
  'Offer Type': { '': 80, 'Free Trial': 15, 'Pay Up Front': 5 },
  'Family Sharing': { No: 95, Yes: 5 },
  'Cancellation Reason': { '': 85, Price: 9, Other: 6 },
};

function axisOf(options: AxisOption[]): Axis {
  let sum = 0;
  return { options, cumulative: options.map((o) => (sum += o.sampleWeight)) };
}

function weightedAxis<T>(items: Array<Weighted<T>>, cells: (value: T) => Array<readonly [number, string]>): Axis {
  const total = items.reduce((sum, i) => sum + i.weight, 0) || 1;
  return axisOf(items.map((i) => {
    const share = i.weight / total;
    return { cells: cells(i.value), sampleWeight: share ** SAMPLE_EXPONENT, valueWeight: share ** (1 - SAMPLE_EXPONENT) };
  }));
}

function periodEnd(granularity: Granularity, date: number): number {
  if (granularity === 'WEEKLY') return date + 6;
  if (granularity === 'MONTHLY') return firstOfNextMonth(date) - 1;
  return date;
}

function averageShares(seed: number, appId: string, from: number, to: number): Array<Weighted<string>> {
  const sums = new Map<string, number>();
  for (let day = from; day <= to; day++) {
    for (const s of versionSharesOn(seed, appId, day)) sums.set(s.value, (sums.get(s.value) ?? 0) + s.weight);
  }
  return [...sums].map(([value, weight]) => ({ value, weight }));
}

function measureAxis(shape: ReportShape, indexOf: (name: string) => number): Axis {
  const total = shape.options.reduce((sum, o) => sum + o.rowShare, 0);
  return axisOf(shape.options.map((option: MeasureOption) => ({
    cells: shape.selectorColumns.map((name, i) => [indexOf(name), option.values[i] ?? ''] as const),
    sampleWeight: option.rowShare / total, valueWeight: 1,
  })));
}

/** An axis's option count (cheap, for the row count) and how to build it (only when rows are made). */
interface AxisSource {
  count: number;
  build(): Axis;
}

function source<T>(items: () => Array<Weighted<T>>, count: number, cells: (value: T) => Array<readonly [number, string]>): AxisSource {
  return { count, build: () => weightedAxis(items(), cells) };
}

export function buildPlan(seed: number, app: ModelApp, def: ReportDef, granularity: Granularity, date: number): BlockPlan {
  const columns: readonly ColumnDef[] = def.columns;
  const indexOf = (name: string) => columns.findIndex((c) => c.name === name);
  const shape = shapeOf(def);
  const end = periodEnd(granularity, date);
  const midDay = Math.floor((date + end) / 2);
  const sources: AxisSource[] = [];
  const selectors = shape.selectorColumns.length > 0 && shape.selectorColumns.every((name) => indexOf(name) >= 0);
  if (selectors) sources.push({ count: shape.options.length, build: () => measureAxis(shape, indexOf) });
  const kindIndex = (kind: ColumnDef['kind']) => columns.findIndex((c) => c.kind === kind);
  const deviceIndex = kindIndex('device');
  const versionIndex = kindIndex('platformVersion');
  const devices = deviceWeights(seed, app.id);
  if (deviceIndex >= 0 && versionIndex >= 0) {
    sources.push(source(() => devicePairsOn(seed, app.id, midDay), devices.length * OS_VERSIONS_IN_USE, (p) => [[deviceIndex, p.device], [versionIndex, p.platformVersion]]));
  } else if (deviceIndex >= 0) {
    sources.push(source(() => devices, devices.length, (device) => [[deviceIndex, device]]));
  }
  columns.forEach((column, index) => {
    if (column.kind === 'territory') sources.push(source(() => territoryWeights(seed, app.id), TERRITORY_CODES.length, (t) => [[index, t]]));
    if (column.kind === 'appVersion') {
      const shares = averageShares(seed, app.id, date, end);
      sources.push(source(() => shares, shares.length, (v) => [[index, v]]));
    }
    if (column.kind === 'downloadDate') {
      const offsets = DOWNLOAD_OFFSETS.map(([offset, weight]) => ({ value: offset, weight }));
      sources.push(source(() => offsets, offsets.length, (offset) => [[index, offset === undefined ? '' : dayToIso(date - offset)]]));
    }
    if (column.kind === 'dim' && !(selectors && shape.selectorColumns.includes(column.name))) {
      sources.push(source(() => dimWeights(column.name, column.pool), column.pool.length, (v) => [[index, v]]));
    }
  });
  let axes: Axis[] | undefined;
  let totals: AppDay | undefined;
  return {
    shape, measureAxis: selectors ? 0 : -1,
    capacity: sources.reduce((product, s) => product * s.count, 1),
    axisCount: sources.length,
    columnIndex: new Map(columns.map((c, i) => [c.name, i])),
    lookups: columns.flatMap((c, i) => (c.kind === 'dimFrom' ? [[i, indexOf(c.from), c.map] as const] : [])),
    axes: () => (axes ??= sources.map((s) => s.build())),
    totals: () => (totals ??= appPeriod(seed, app, date, end)),
  };
}

function dimWeights(name: string, pool: readonly string[]): Array<Weighted<string>> {
  const weights = DIM_WEIGHTS[name] ?? {};
  const known = Object.values(weights).reduce((sum, w) => sum + w, 0);
  const unknown = pool.filter((v) => weights[v] === undefined).length;
  const rest = known > 0 ? (100 - Math.min(100, known)) / Math.max(1, unknown) : 1;
  return pool.map((value) => ({ value, weight: weights[value] ?? rest }));
}
