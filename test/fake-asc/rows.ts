// The value model behind every segment file and the latestTotals oracle: rows of one Date as seen
// by the instance processed on one day. Pure functions of (seed, app, report, granularity, Date,
// processingDate), so a snapshot and an ONGOING instance of the same vintage hold identical rows.

import type { Granularity, ReportDef } from './catalogue';
import type { ColumnDef, MetricDef } from './columns';
import type { AppRecord } from './store';
import { dayToIso } from './dates';
import { hashOf, mix32, unitOf } from './hash';

export interface RowScope {
  seed: number;
  app: AppRecord;
  def: ReportDef;
  granularity: Granularity;
  rowsScale: number;
}

const GRANULARITY_ROWS: Record<Granularity, number> = { DAILY: 1, WEEKLY: 1.5, MONTHLY: 2 };
const GRANULARITY_MEAN: Record<Granularity, number> = { DAILY: 1, WEEKLY: 7, MONTHLY: 30 };
/** Days between a download and the row's Date; over 30 leaves `App Download Date` empty. */
const DOWNLOAD_OFFSETS = [0, 1, 2, 3, 5, 8, 13, 21, 29, 45, 90];
const MAX_UNIQUE_CAPACITY = 2 ** 26;
const GOLDEN_FRACTION = 0.6180339887498949;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** A Weyl stride near capacity × golden ratio, coprime with it: `row × stride mod capacity` is a well-spread bijection. */
function strideFor(capacity: number): number {
  let stride = Math.max(1, Math.floor(capacity * GOLDEN_FRACTION));
  while (gcd(stride, capacity) !== 1) stride++;
  return stride;
}

function radixOf(column: ColumnDef): number {
  if (column.kind === 'dim') return column.pool.length;
  if (column.kind === 'downloadDate') return DOWNLOAD_OFFSETS.length;
  return 0;
}

/** The Date a DAILY instance restates beyond its normal window, if any (about one day in six). */
export function restatedDateFor(scope: Omit<RowScope, 'rowsScale'>, processingDay: number): number | undefined {
  if (scope.granularity !== 'DAILY') return undefined;
  const h = hashOf(scope.seed, scope.app.id, scope.def.number, 'restate', processingDay);
  if (h % 6 !== 0) return undefined;
  return processingDay - scope.def.windowDays - 1 - ((h >>> 8) % 3);
}

export class DateBlock {
  readonly isoDate: string;
  readonly finalRows: number;
  readonly phantomRows: number;
  readonly total: number;
  private readonly columns: readonly ColumnDef[];
  private readonly radixColumns: number[] = [];
  private readonly radices: number[] = [];
  private readonly uniqueDigits: number;
  private readonly capacity: number;
  private readonly stride: number;
  private readonly offset: number;
  private readonly finalBase: number;
  private readonly vintageBase: number;
  private readonly partial: boolean;
  private readonly restated: boolean;
  private readonly age: number;
  private readonly fromIndex: Map<number, number> = new Map();

  constructor(private readonly scope: RowScope, readonly date: number, readonly processingDay: number) {
    const { def, granularity } = scope;
    this.columns = def.columns;
    this.isoDate = dayToIso(date);
    let capacity = 1;
    let uniqueDigits = 0;
    this.columns.forEach((column, index) => {
      const radix = radixOf(column);
      if (radix === 0) return;
      this.radixColumns.push(index);
      this.radices.push(radix);
      if (uniqueDigits === this.radices.length - 1 && capacity * radix <= MAX_UNIQUE_CAPACITY) {
        capacity *= radix;
        uniqueDigits++;
      }
    });
    this.columns.forEach((column, index) => {
      if (column.kind === 'dimFrom') this.fromIndex.set(index, this.columns.findIndex((c) => c.name === column.from));
    });
    this.capacity = capacity;
    this.stride = strideFor(capacity);
    this.uniqueDigits = uniqueDigits;
    this.finalBase = hashOf(scope.seed, scope.app.id, def.number, granularity, date);
    this.vintageBase = mix32(this.finalBase, processingDay);
    this.offset = this.finalBase % capacity;
    this.age = processingDay - date;
    this.partial = granularity === 'DAILY' && this.age < def.windowDays;
    this.restated = !this.partial && restatedDateFor(scope, processingDay) === date;
    const wanted = def.baseRows * scope.app.activity * scope.rowsScale * GRANULARITY_ROWS[granularity];
    const jitter = 0.75 + 0.5 * unitOf(mix32(this.finalBase, 77));
    this.finalRows = Math.min(capacity, Math.max(1, Math.round(wanted * jitter)));
    const phantoms = this.partial ? Math.floor(this.finalRows * 0.05) + (mix32(this.vintageBase, 3) % 2) : 0;
    this.phantomRows = Math.min(capacity - this.finalRows, phantoms);
    this.total = this.finalRows + this.phantomRows;
  }

  /** Rows of a partial vintage may be missing; rows past `finalRows` exist only in partial ones. */
  isPresent(row: number): boolean {
    if (row >= this.finalRows || !this.partial) return true;
    return mix32(mix32(this.vintageBase, row), 1) % 10 !== 0;
  }

  private dimensionKey(row: number): number {
    return (row * this.stride + this.offset) % this.capacity;
  }

  /** A metric column's value: an integer (cents for money), or null when suppressed (empty cell). */
  metricValue(row: number, columnIndex: number): number | null {
    const column = this.columns[columnIndex];
    if (column?.kind !== 'metric') throw new Error(`column ${columnIndex} is not a metric`);
    return this.valueOf(row, columnIndex, column.metric);
  }

  private valueOf(row: number, columnIndex: number, metric: MetricDef): number | null {
    const key = this.dimensionKey(row);
    const rowHash = mix32(this.finalBase, key);
    const mean = metric.mean * GRANULARITY_MEAN[this.scope.granularity] * (metric.money ? 100 : 1);
    let final = Math.floor(mean * -Math.log(1 - unitOf(mix32(rowHash, 100 + columnIndex)) * 0.98));
    if (row >= this.finalRows) final = Math.floor(final / 4);
    if (metric.refunds && mix32(rowHash, 7) % 16 === 0) final = -Math.max(1, Math.floor(final / 3));
    const noise = mix32(mix32(this.vintageBase, key), columnIndex);
    let value = final;
    if (this.partial) {
      const completeness = 0.5 + (0.5 * this.age) / this.scope.def.windowDays;
      value = Math.trunc(final * completeness) + (noise % 3) - 1;
    } else if (this.restated) {
      value = final + (noise % 5) - 2;
    }
    value = final >= 0 ? Math.max(0, value) : Math.min(0, value);
    if (metric.suppressBelow !== undefined && value < metric.suppressBelow) return null;
    return value;
  }

  /** All cells of one row, in the report's column order. */
  cells(row: number): string[] {
    const key = this.dimensionKey(row);
    const rowHash = mix32(this.finalBase, key);
    const digits: number[] = [];
    let rest = key;
    for (let d = 0; d < this.radices.length; d++) {
      const radix = this.radices[d] as number;
      if (d < this.uniqueDigits) {
        digits.push(rest % radix);
        rest = Math.floor(rest / radix);
      } else {
        digits.push(mix32(rowHash, 50 + d) % radix);
      }
    }
    const out = new Array<string>(this.columns.length);
    let digit = 0;
    this.columns.forEach((column, index) => {
      switch (column.kind) {
        case 'date': out[index] = this.isoDate; break;
        case 'appName': out[index] = this.scope.app.name; break;
        case 'appId': out[index] = this.scope.app.id; break;
        case 'dim': out[index] = column.pool[digits[digit++] as number] as string; break;
        case 'downloadDate': {
          const daysBack = DOWNLOAD_OFFSETS[digits[digit++] as number] as number;
          out[index] = daysBack > 30 ? '' : dayToIso(this.date - daysBack);
          break;
        }
        case 'dimFrom': out[index] = ''; break;
        case 'metric': {
          const value = this.valueOf(row, index, column.metric);
          out[index] = value === null ? '' : column.metric.money ? formatCents(value) : String(value);
          break;
        }
      }
    });
    for (const [index, from] of this.fromIndex) {
      const column = this.columns[index];
      if (column?.kind === 'dimFrom') out[index] = column.map[out[from] ?? ''] ?? '';
    }
    return out;
  }
}

export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
