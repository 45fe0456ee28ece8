// Pieces every tile statement shares: the view of a report at a granularity, the bucket a row
// falls in, the WHERE clause (apps, the controls' filters, the measure's own predicate, the date
// ranges) and the generated buckets. Every value from the renderer is checked here again and
// quoted with the warehouse's helpers.
import type { DashboardGranularity, FilterDimension } from '../../../shared/dashboards';
import { VIEW_SCHEMAS } from '../../warehouse/views';
import { quoteIdent, sqlDate, sqlString } from '../../warehouse/sql';
import { appFilter } from '../metricDefinitions';
import { col, dateColumnOf, tableOf } from './catalogueRefs';
import type { Buckets } from './periods';
import { FILTER_HEADERS } from './spec';

export interface SqlContext {
  granularity: DashboardGranularity;
  buckets: Buckets;
  apps: readonly string[] | 'all';
  /** Only the filters this tile applies (its reports all have the column). */
  filters: Partial<Record<FilterDimension, readonly string[]>>;
  topN: number;
  /**
   * First and last bucket start with published data (every chosen app's newest period ends it);
   * buckets outside are gaps (NULL), never zeros. Null: no bounds known (no data at all).
   */
  dataSpan?: { first: string; last: string } | null;
  /** The comparison window holds no published period: window totals have no previous value (NULL), not 0. */
  compareOutside?: boolean;
}

export function schemaOf(granularity: DashboardGranularity): string {
  const entry = VIEW_SCHEMAS.find(([, g]) => g === granularity);
  if (entry === undefined) throw new Error(`No views for ${granularity}`);
  return entry[0];
}

export function viewOf(report: string, granularity: DashboardGranularity): string {
  return `${quoteIdent(schemaOf(granularity))}.${quoteIdent(tableOf(report))}`;
}

/** The bucket start of a row: the day itself, else its week's Monday or its month's 1st. */
export function bucketOf(report: string, granularity: DashboardGranularity): string {
  const date = quoteIdent(dateColumnOf(report));
  if (granularity === 'DAILY') return date;
  return `CAST(date_trunc(${sqlString(granularity === 'WEEKLY' ? 'week' : 'month')}, ${date}) AS DATE)`;
}

/** `("app_apple_identifier" = '1' OR …)`, null for every app; each ID checked numeric by appFilter. */
export function appsPredicate(apps: readonly string[] | 'all'): string | null {
  if (apps === 'all') return null;
  const parts = apps.map((a) => appFilter(a)).filter((p): p is string => p !== null);
  return parts.length === 0 ? null : `(${parts.join(' OR ')})`;
}

/** Values compared case-insensitively, as the tile predicates compare Apple's values. */
export function filterPredicates(report: string, filters: SqlContext['filters']): string[] {
  return Object.entries(filters).flatMap(([dimension, values]) => {
    if (values === undefined || values.length === 0) return [];
    const column = quoteIdent(col(report, FILTER_HEADERS[dimension as FilterDimension]));
    return [`lower(CAST(${column} AS VARCHAR)) IN (${values.map((v) => sqlString(v.toLowerCase())).join(', ')})`];
  });
}

/** Rows of the current window, and of the comparison window when there is one. */
export function inCurrent(report: string, ctx: SqlContext): string {
  return `${bucketOf(report, ctx.granularity)} BETWEEN ${sqlDate(ctx.buckets.first)} AND ${sqlDate(ctx.buckets.last)}`;
}

export function inCompare(report: string, ctx: SqlContext): string | null {
  const { compareFirst, compareLast } = ctx.buckets;
  if (compareFirst === null || compareLast === null) return null;
  return `${bucketOf(report, ctx.granularity)} BETWEEN ${sqlDate(compareFirst)} AND ${sqlDate(compareLast)}`;
}

/**
 * The rows a tile scans: its apps and filters, both windows. The date bounds are on the raw date
 * column too (whole periods), so DuckDB can skip row groups by their min/max.
 */
export function whereOf(report: string, ctx: SqlContext, extra: (string | null)[] = []): string {
  const date = quoteIdent(dateColumnOf(report));
  const ranges = [[ctx.buckets.window.from, ctx.buckets.window.to]];
  if (ctx.buckets.compareWindow !== null) ranges.unshift([ctx.buckets.compareWindow.from, ctx.buckets.compareWindow.to]);
  const dates = ranges.map(([a, b]) => `${date} BETWEEN ${sqlDate(a as string)} AND ${sqlDate(b as string)}`);
  const parts = [appsPredicate(ctx.apps), ...filterPredicates(report, ctx.filters), ...extra.map((e) => (e === null ? null : `(${e})`)),
    dates.length === 1 ? dates[0] as string : `(${dates.join(' OR ')})`];
  return parts.filter((p): p is string => p !== null).join('\n    AND ');
}

/** `buckets(bucket, cmp)`: every period of the range (so missing ones show), and its comparison bucket. */
export function bucketsCte(ctx: SqlContext): string {
  const step = { day: 'INTERVAL 1 DAY', week: 'INTERVAL 7 DAY', month: 'INTERVAL 1 MONTH' }[ctx.buckets.unit];
  const cmp = ctx.buckets.compareShift === null ? '' : `, CAST(g.b - ${ctx.buckets.compareShift} AS DATE) AS cmp`;
  return `buckets AS (
  SELECT CAST(g.b AS DATE) AS bucket${cmp}
  FROM generate_series(${sqlDate(ctx.buckets.first)}, ${sqlDate(ctx.buckets.last)}, ${step}) AS g(b)
)`;
}

export const asDouble = (expr: string) => `CAST(${expr} AS DOUBLE)`;

/** `value` where `bucket` lies inside the published data, NULL (a gap) outside it. */
export function inData(bucket: string, value: string, ctx: SqlContext): string {
  const span = ctx.dataSpan;
  if (span === undefined || span === null) return value;
  return `CASE WHEN ${bucket} BETWEEN ${sqlDate(span.first)} AND ${sqlDate(span.last)} THEN ${value} END`;
}
