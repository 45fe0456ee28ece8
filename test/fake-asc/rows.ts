// The rows of one Date as seen by the instance processed on one day: the Date's true rows
// (blockTruth.ts, from the app model) bent by the vintage — partial ones are low, miss rows and
// carry extra ones; a final one that a later restatement corrects is slightly off. Pure functions of
// (seed, app, report, granularity, Date, processingDate), so equal vintages hold identical rows.

import type { Granularity, ReportDef } from './catalogue';
import { buildPlan, type BlockPlan } from './blockPlan';
import { buildTruth, type BlockTruth } from './blockTruth';
import type { ColumnDef, MetricDef } from './columns';
import { dayToIso } from './dates';
import { hashOf, mix32, unitOf } from './hash';
import type { MetricRule } from './reportShapes';
import type { AppRecord } from './store';

/** Plans and true rows of recently used Dates, per fake server (building them is the costly part). */
export interface BlockCache {
  plans: Map<string, BlockPlan>;
  truths: Map<string, BlockTruth>;
  /** Rows held in `truths`, kept under TRUTH_ROW_LIMIT. */
  truthRows: number;
}

export function newBlockCache(): BlockCache {
  return { plans: new Map(), truths: new Map(), truthRows: 0 };
}

export interface RowScope {
  seed: number;
  app: AppRecord;
  def: ReportDef;
  granularity: Granularity;
  rowsScale: number;
  cache: BlockCache;
}

const GRANULARITY_ROWS: Record<Granularity, number> = { DAILY: 1, WEEKLY: 1.5, MONTHLY: 2 };
/** Unique counts over a week or month: fewer than the sum of the days (the same devices come back). */
const UNIQUE_FACTOR: Record<Granularity, number> = { DAILY: 1, WEEKLY: 0.4, MONTHLY: 0.25 };
/** Plans are small; true rows can be large (millions of rows), so they are kept up to a row budget. */
const PLAN_CACHE_LIMIT = 8192;
const TRUTH_ROW_LIMIT = 2_000_000;
/** Restatements reach this many days beyond a report's window (see restatedDateFor). */
const RESTATEMENT_REACH = 3;

/** The Date a DAILY instance restates beyond its normal window, if any (about one day in six). */
export function restatedDateFor(scope: Omit<RowScope, 'rowsScale' | 'cache'>, processingDay: number): number | undefined {
  if (scope.granularity !== 'DAILY') return undefined;
  const h = hashOf(scope.seed, scope.app.id, scope.def.number, 'restate', processingDay);
  if (h % 6 !== 0) return undefined;
  return processingDay - scope.def.windowDays - 1 - ((h >>> 8) % RESTATEMENT_REACH);
}

/** The last processing day that restates `date`: vintages before it hold preliminary final values. */
function lastRestatementOf(scope: RowScope, date: number): number | undefined {
  let last: number | undefined;
  for (let k = 0; k < RESTATEMENT_REACH; k++) {
    const day = date + scope.def.windowDays + 1 + k;
    if (restatedDateFor(scope, day) === date) last = day;
  }
  return last;
}

function rememberPlan(cache: BlockCache, key: string, make: () => BlockPlan): BlockPlan {
  let plan = cache.plans.get(key);
  if (plan === undefined) {
    plan = make();
    if (cache.plans.size >= PLAN_CACHE_LIMIT) cache.plans.delete(cache.plans.keys().next().value as string);
    cache.plans.set(key, plan);
  }
  return plan;
}

function rememberTruth(cache: BlockCache, key: string, make: () => BlockTruth): BlockTruth {
  let truth = cache.truths.get(key);
  if (truth === undefined) {
    truth = make();
    for (const [oldest, old] of cache.truths) {
      if (cache.truthRows + truth.rows <= TRUTH_ROW_LIMIT) break;
      cache.truths.delete(oldest);
      cache.truthRows -= old.rows;
    }
    cache.truths.set(key, truth);
    cache.truthRows += truth.rows;
  }
  return truth;
}

export class DateBlock {
  readonly isoDate: string;
  readonly finalRows: number;
  readonly phantomRows: number;
  readonly total: number;
  private readonly key: string;
  private readonly plan: BlockPlan;
  private readonly extraRows: number;
  private readonly finalBase: number;
  private readonly vintageBase: number;
  private readonly partial: boolean;
  private readonly preliminary: boolean;
  private readonly age: number;

  constructor(private readonly scope: RowScope, readonly date: number, readonly processingDay: number) {
    const { def, granularity } = scope;
    this.isoDate = dayToIso(date);
    this.key = `${scope.app.id}|${def.number}|${granularity}|${date}`;
    this.plan = rememberPlan(scope.cache, this.key, () => buildPlan(scope.seed, scope.app, def, granularity, date));
    const capacity = this.plan.capacity;
    this.finalBase = hashOf(scope.seed, scope.app.id, def.number, granularity, date);
    this.vintageBase = mix32(this.finalBase, processingDay);
    this.age = processingDay - date;
    this.partial = granularity === 'DAILY' && this.age < def.windowDays;
    const restatedOn = this.partial ? undefined : lastRestatementOf(scope, date);
    this.preliminary = restatedOn !== undefined && processingDay < restatedOn;
    const wanted = def.baseRows * scope.app.activity * scope.rowsScale * GRANULARITY_ROWS[granularity];
    const jitter = 0.75 + 0.5 * unitOf(mix32(this.finalBase, 77));
    this.finalRows = Math.min(capacity, Math.max(1, Math.round(wanted * jitter)));
    this.extraRows = Math.min(capacity - this.finalRows, Math.floor(this.finalRows * 0.05) + 1);
    const phantoms = this.partial ? Math.floor(this.finalRows * 0.05) + (mix32(this.vintageBase, 3) % 2) : 0;
    this.phantomRows = Math.min(this.extraRows, phantoms);
    this.total = this.finalRows + this.phantomRows;
  }

  private rows: BlockTruth | undefined;

  private get truth(): BlockTruth {
    return (this.rows ??= rememberTruth(this.scope.cache, this.key, () => buildTruth(this.plan, this.scope.def, this.finalRows, this.extraRows, this.finalBase)));
  }

  /**
   * Rows of a partial vintage may be missing, except the first row of each measure (so no measure
   * vanishes from a day); rows past `finalRows` exist only in partial ones.
   */
  isPresent(row: number): boolean {
    if (row >= this.finalRows || !this.partial || row < this.plan.shape.options.length) return true;
    return mix32(mix32(this.vintageBase, row), 1) % 10 !== 0;
  }

  /** A metric column's value: an integer (cents for money), or null when suppressed (empty cell). */
  metricValue(row: number, columnIndex: number): number | null {
    const column = this.scope.def.columns[columnIndex];
    if (column?.kind !== 'metric') throw new Error(`column ${columnIndex} is not a metric`);
    const value = this.rawValue(row, columnIndex, this.plan.shape.rules[column.name]);
    return suppressed(column.metric, value) ? null : value;
  }

  private rawValue(row: number, columnIndex: number, rule: MetricRule | undefined): number {
    if (rule === undefined) return 0;
    if (rule.kind === 'additive') return this.vintageOf(row, columnIndex, this.truth.values.get(columnIndex)?.[row] ?? 0);
    const baseIndex = this.plan.columnIndex.get(rule.of) ?? -1;
    const base = this.rawValue(row, baseIndex, this.plan.shape.rules[rule.of]);
    if (base <= 0) return 0;
    const h = mix32(mix32(this.finalBase, row), 2000 + columnIndex);
    if (rule.kind === 'fraction') return Math.round(base * (rule.lo + unitOf(h) * (rule.hi - rule.lo)));
    const option = this.plan.shape.options[this.optionOf(row)];
    const ratio = typeof rule.ratio === 'number' ? rule.ratio : (rule.ratio[option?.values[0] ?? ''] ?? 1);
    const scaled = ratio * UNIQUE_FACTOR[this.scope.granularity] * (0.93 + 0.07 * unitOf(h));
    return Math.min(base, Math.max(1, Math.round(base * scaled)));
  }

  private optionOf(row: number): number {
    const plan = this.plan;
    return plan.measureAxis < 0 ? 0 : (this.truth.picks[row * plan.axisCount + plan.measureAxis] as number);
  }

  /** The true value as this vintage shows it: partial ones lower, preliminary finals a little off. */
  private vintageOf(row: number, columnIndex: number, truth: number): number {
    if (!this.partial && !this.preliminary) return truth;
    const noise = mix32(mix32(this.vintageBase, row), columnIndex);
    let value: number;
    if (this.partial) {
      const completeness = 0.5 + (0.5 * this.age) / this.scope.def.windowDays;
      value = Math.trunc(truth * completeness) + (noise % 3) - 1;
    } else {
      value = truth + (noise % 5) - 2;
    }
    return truth >= 0 ? Math.max(0, value) : Math.min(0, value);
  }

  /** All cells of one row, in the report's column order. */
  cells(row: number): string[] {
    const columns = this.scope.def.columns;
    const axes = this.plan.axes();
    const picks = this.truth.picks;
    const out = new Array<string>(columns.length).fill('');
    for (let a = 0; a < axes.length; a++) {
      const option = axes[a]?.options[picks[row * axes.length + a] as number];
      for (const [index, value] of option?.cells ?? []) out[index] = value;
    }
    for (let index = 0; index < columns.length; index++) {
      const column = columns[index] as ColumnDef;
      if (column.kind === 'date') out[index] = this.isoDate;
      else if (column.kind === 'appName') out[index] = this.scope.app.name;
      else if (column.kind === 'appId') out[index] = this.scope.app.id;
      else if (column.kind === 'metric') {
        const value = this.metricValue(row, index);
        out[index] = value === null ? '' : column.metric.money ? formatCents(value) : String(value);
      }
    }
    for (const [index, from, map] of this.plan.lookups) out[index] = map[out[from] ?? ''] ?? '';
    return out;
  }
}

function suppressed(metric: MetricDef, value: number): boolean {
  return metric.suppressBelow !== undefined && value < metric.suppressBelow;
}

export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
