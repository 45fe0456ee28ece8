// The final ("true") rows of one report for one Date: distinct dimension combinations sampled from
// the plan's weighted axes, and the model's totals allocated to them exactly (cumulative rounding),
// so each measure's rows add up to the model, and a week's rows to the sum of its days.

import type { ReportDef } from './catalogue';
import type { BlockPlan } from './blockPlan';
import { mix32, unitOf } from './hash';
import { jitterOf } from './model/noise';
import type { Measure } from './model/appModel';

export interface BlockTruth {
  /** Final rows, then the extra rows only partial vintages carry. */
  rows: number;
  /** Option index per axis, row-major (`rows × axes`). */
  picks: Uint16Array;
  /** Per metric column index (additive ones): the true value of each row; phantom rows hold small values. */
  values: Map<number, Float64Array>;
}

const RETRIES = 8;
const REFUND_SHARE = 0.04;

function pick(cumulative: readonly number[], u: number): number {
  const target = u * (cumulative[cumulative.length - 1] ?? 0);
  for (let i = 0; i < cumulative.length; i++) if (target < (cumulative[i] as number)) return i;
  return cumulative.length - 1;
}

/** Samples `rows` distinct combinations: weighted tries first, then the next free key (dense spaces). */
function samplePicks(plan: BlockPlan, rows: number, base: number): Uint16Array {
  const axes = plan.axes();
  const picks = new Uint16Array(rows * axes.length);
  const used = new Set<number>();
  const forced = plan.measureAxis >= 0 ? (plan.axes()[plan.measureAxis]?.options.length ?? 0) : 0;
  const current = new Array<number>(axes.length).fill(0);
  for (let row = 0; row < rows; row++) {
    let key = -1;
    for (let attempt = 0; attempt < RETRIES && key < 0; attempt++) {
      let candidate = 0;
      axes.forEach((axis, a) => {
        const h = mix32(mix32(base, row), a * 31 + attempt);
        current[a] = a === plan.measureAxis && row < forced && attempt === 0 ? row : pick(axis.cumulative, unitOf(h));
        candidate = candidate * axis.options.length + (current[a] as number);
      });
      if (!used.has(candidate)) key = candidate;
    }
    if (key < 0) {
      key = mix32(base, row) % plan.capacity;
      while (used.has(key)) key = (key + 1) % plan.capacity;
      let rest = key;
      for (let a = axes.length - 1; a >= 0; a--) {
        const radix = axes[a]?.options.length ?? 1;
        current[a] = rest % radix;
        rest = Math.floor(rest / radix);
      }
    }
    used.add(key);
    for (let a = 0; a < axes.length; a++) picks[row * axes.length + a] = current[a] as number;
  }
  return picks;
}

/** Splits `total` over items ∝ weights so the parts are integers that add up to exactly `total`. */
function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const parts: number[] = [];
  let accumulated = 0;
  let previous = 0;
  weights.forEach((w, i) => {
    accumulated += w;
    const cumulative = i === weights.length - 1 ? total : Math.round((total * accumulated) / (sum || 1));
    parts.push(cumulative - previous);
    previous = cumulative;
  });
  return parts;
}

export function buildTruth(plan: BlockPlan, def: ReportDef, finalRows: number, extraRows: number, base: number): BlockTruth {
  const rows = finalRows + extraRows;
  const axisCount = plan.axes().length;
  const picks = samplePicks(plan, rows, base);
  const optionOf = (row: number) => (plan.measureAxis >= 0 ? (picks[row * axisCount + plan.measureAxis] as number) : 0);
  const rowWeight = new Float64Array(rows);
  for (let row = 0; row < rows; row++) {
    let w = jitterOf(mix32(base, row ^ 0x5a5a5a5a), 0.45);
    plan.axes().forEach((axis, a) => {
      if (a !== plan.measureAxis) w *= axis.options[picks[row * axisCount + a] as number]?.valueWeight ?? 1;
    });
    rowWeight[row] = w;
  }
  const options = plan.shape.options;
  const rowsOfOption = options.map(() => [] as number[]);
  for (let row = 0; row < finalRows; row++) rowsOfOption[optionOf(row)]?.push(row);
  const values = new Map<number, Float64Array>();
  let additiveSeen = 0;
  def.columns.forEach((column, index) => {
    if (column.kind !== 'metric' || plan.shape.rules[column.name]?.kind !== 'additive') return;
    const spread = additiveSeen++ === 0 ? 0 : column.metric.money ? 0.02 : 0.2;
    const weightOf = (row: number) => (rowWeight[row] as number) * (spread > 0 ? jitterOf(mix32(mix32(base, row), 1000 + index), spread) : 1);
    const out = new Float64Array(rows);
    const optionTotals = splitByOption(plan, column.name, rowsOfOption);
    options.forEach((_, o) => {
      const members = rowsOfOption[o] ?? [];
      const total = optionTotals[o] ?? 0;
      if (members.length === 0) return;
      const refunds = column.metric.refunds ? members.filter((row, i) => i > 0 && mix32(mix32(base, row), 7) % 14 === 0) : [];
      const refundRows = new Set(refunds);
      const refundTotal = refunds.length > 0 ? Math.round(total * REFUND_SHARE) : 0;
      const sales = members.filter((row) => !refundRows.has(row));
      allocate(total + refundTotal, sales.map(weightOf)).forEach((v, i) => (out[sales[i] as number] = v));
      allocate(refundTotal, refunds.map(weightOf)).forEach((v, i) => (out[refunds[i] as number] = -v));
    });
    for (let row = finalRows; row < rows; row++) {
      const o = optionOf(row);
      const typical = (optionTotals[o] ?? 0) / Math.max(1, rowsOfOption[o]?.length ?? 0);
      out[row] = Math.max(0, Math.round(typical * 0.25 * jitterOf(mix32(base, row), 0.3)));
    }
    values.set(index, out);
  });
  return { rows, picks, values };
}

/** The model total of one metric column split over the options that have rows (largest parts exact). */
function splitByOption(plan: BlockPlan, column: string, rowsOfOption: number[][]): number[] {
  const options = plan.shape.options;
  const result = options.map(() => 0);
  const byMeasure = new Map<Measure, number[]>();
  options.forEach((option, o) => {
    const entry = option.metrics[column];
    if (!entry || (rowsOfOption[o]?.length ?? 0) === 0) return;
    byMeasure.set(entry[0], [...(byMeasure.get(entry[0]) ?? []), o]);
  });
  const totals = plan.totals();
  for (const [measure, members] of byMeasure) {
    const parts = allocate(totals[measure], members.map((o) => options[o]?.metrics[column]?.[1] ?? 0));
    members.forEach((o, i) => (result[o] = parts[i] as number));
  }
  return result;
}
