// Chart data computed in main: the result's SQL is aggregated by DuckDB over the x column (and
// the split-by column's values: the top N each a series, the rest summed up as "Other"), so the
// renderer receives a few thousand points however large the result is.
import { OrchardError } from '../../shared/errors';
import type { ChartAggregate, ChartData, ChartSeries } from '../../shared/workbench';
import type { QueryService } from '../warehouse';
import type { ResultSource } from './queryRuns';
import { zeroFill } from './chartFill';
import { asSubquery, quoteIdent, readResult } from './warehouseReads';

export interface ChartRequest {
  x: string;
  y: string[];
  splitBy?: string | undefined;
  aggregate: ChartAggregate;
  maxPoints?: number | undefined;
  /**
   * Split-by values drawn each as a series; the rest become "Other". Default 8. Without a split-by
   * and with a category along x, the x values drawn each (a bar), the rest one "Other" bar.
   */
  topN?: number | undefined;
  /** Cuts split-by values beyond this instead (no "Other"); only when topN is not given. */
  maxSeries?: number | undefined;
}

export const DEFAULT_TOP_N = 8;
export const OTHER_LABEL = 'Other';

const DEFAULT_POINTS = 2000;
const DEFAULT_SERIES = 500;
/** Aggregated rows read at most; beyond it the chart says it was cut. */
const MAX_CELLS = 200_000;
const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL(\(\d+,\d+\))?)$/;

export function isNumericType(type: string): boolean {
  return NUMERIC.test(type);
}

/** Text and other unordered values along x: drawn in the query's row order, not sorted. */
export function isCategoryType(type: string): boolean {
  return !isNumericType(type) && !/^(DATE|TIME|TIMESTAMP|INTERVAL)/.test(type);
}

/** The column numbering the user's rows in their own order (DuckDB keeps a subquery's ORDER BY). */
const POSITION = '"__orchard_row"';

function aggregateSql(aggregate: ChartAggregate, column: string): string {
  return aggregate === 'count' ? `CAST(count(${column}) AS DOUBLE)` : `CAST(${aggregate}(${column}) AS DOUBLE)`;
}

function checkColumns(source: ResultSource, request: ChartRequest): void {
  const types = new Map(source.columns.map((c) => [c.name, c.type]));
  for (const name of [request.x, ...request.y, ...(request.splitBy ? [request.splitBy] : [])]) {
    if (!types.has(name)) throw new OrchardError('BAD_INPUT', `The result has no column "${name}".`);
  }
  if (request.aggregate === 'count') return;
  const text = request.y.find((name) => !isNumericType(types.get(name) ?? ''));
  if (text !== undefined) throw new OrchardError('BAD_INPUT', `"${text}" is not numeric; chart it with the count aggregate.`);
}

/** Series beyond the top N, when they are folded into "Other" rather than cut. */
function topN(request: ChartRequest): number | null {
  if (request.splitBy === undefined) return null;
  if (request.topN === undefined && request.maxSeries !== undefined) return null;
  return request.topN ?? DEFAULT_TOP_N;
}

/** How x is laid out: sorted by value (dates, numbers), or categories in the query's row order. */
export interface XLayout {
  category: boolean;
  /** Categories beyond the N largest folded into one "Other" bar (categories without a split-by only). */
  top: number | null;
}

export function chartSql(sql: string, request: ChartRequest, maxPoints: number, maxSeries: number, layout: XLayout = { category: false, top: null }): string {
  const x = quoteIdent(request.x);
  const ys = request.y.map((y) => aggregateSql(request.aggregate, `source.${quoteIdent(y)}`));
  const first = quoteIdent(request.y[0] ?? request.x);
  const weight = request.aggregate === 'count' ? 'count(*)' : `sum(abs(TRY_CAST(${first} AS DOUBLE)))`;
  const source = layout.category
    ? `source AS MATERIALIZED (SELECT *, row_number() OVER () AS ${POSITION} FROM ${asSubquery(sql)} AS q)`
    : `source AS MATERIALIZED (SELECT * FROM ${asSubquery(sql)} AS q)`;
  const xs = layout.category
    ? `xs AS (SELECT ${x} AS x, min(${POSITION}) AS position FROM source WHERE ${x} IS NOT NULL GROUP BY 1 ORDER BY 2 LIMIT ${maxPoints + 1})`
    : `xs AS (SELECT DISTINCT ${x} AS x FROM source WHERE ${x} IS NOT NULL ORDER BY 1 LIMIT ${maxPoints + 1})`;
  // Categories keep the order of their first row in the user's result (its ORDER BY); dates and numbers sort.
  const onX = layout.category ? `JOIN xs ON source.${x} = xs.x` : '';
  const whereX = layout.category ? '' : `WHERE source.${x} IN (SELECT x FROM xs)`;
  const xOrder = layout.category ? 'min(xs.position)' : '1';
  if (request.splitBy === undefined && layout.category && layout.top !== null) return foldedCategorySql(sql, x, ys, weight, layout.top);
  if (request.splitBy === undefined) {
    return `WITH ${source}, ${xs}
SELECT source.${x} AS x, 0 AS rank, '' AS split, ${ys.join(', ')}
FROM source ${onX} ${whereX} GROUP BY ALL ORDER BY ${xOrder}`;
  }
  const splitBy = quoteIdent(request.splitBy);
  const key = (prefix: string) => `coalesce(CAST(${prefix}${splitBy} AS VARCHAR), 'NULL')`;
  const top = topN(request);
  if (top !== null) {
    // Ranks past N share one group: the aggregate runs over all their rows (an avg stays an avg).
    return `WITH ${source}, ${xs},
splits AS (
  SELECT ${key('')} AS split, row_number() OVER (ORDER BY ${weight} DESC NULLS LAST, ${key('')}) AS rank
  FROM source GROUP BY 1)
SELECT source.${x} AS x, least(splits.rank, ${top + 1}) AS rank,
  CASE WHEN splits.rank <= ${top} THEN splits.split ELSE '${OTHER_LABEL}' END AS split, ${ys.join(', ')}
FROM source JOIN splits ON ${key('source.')} = splits.split ${onX}
${whereX} GROUP BY ALL ORDER BY ${xOrder}, 2`;
  }
  return `WITH ${source}, ${xs},
splits AS (
  SELECT ${key('')} AS split, row_number() OVER (ORDER BY ${weight} DESC NULLS LAST, ${key('')}) AS rank
  FROM source GROUP BY 1 ORDER BY rank LIMIT ${maxSeries + 1})
SELECT source.${x} AS x, splits.rank AS rank, splits.split AS split, ${ys.join(', ')}
FROM source JOIN splits ON ${key('source.')} = splits.split ${onX}
${whereX} GROUP BY ALL ORDER BY ${xOrder}, 2`;
}

/**
 * Bars of categories: the N largest (by the first series) in the query's row order, then one
 * "Other" bar aggregated over all the remaining rows (an avg stays an avg).
 */
function foldedCategorySql(sql: string, x: string, ys: string[], weight: string, top: number): string {
  return `WITH source AS MATERIALIZED (SELECT *, row_number() OVER () AS ${POSITION} FROM ${asSubquery(sql)} AS q),
xs AS (
  SELECT x, position, row_number() OVER (ORDER BY weight DESC NULLS LAST, position) AS rank
  FROM (SELECT ${x} AS x, min(${POSITION}) AS position, ${weight} AS weight FROM source WHERE ${x} IS NOT NULL GROUP BY 1))
SELECT CASE WHEN xs.rank <= ${top} THEN CAST(xs.x AS VARCHAR) ELSE '${OTHER_LABEL}' END AS x, 0 AS rank, '' AS split, ${ys.join(', ')}
FROM source JOIN xs ON source.${x} = xs.x
GROUP BY ALL ORDER BY min(CASE WHEN xs.rank <= ${top} THEN xs.position END) NULLS LAST`;
}

function toNumber(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : null;
}

export async function loadChart(query: QueryService, source: ResultSource, request: ChartRequest, signal?: AbortSignal): Promise<ChartData> {
  checkColumns(source, request);
  const maxPoints = request.maxPoints ?? DEFAULT_POINTS;
  const maxSeries = topN(request) === null ? (request.maxSeries ?? DEFAULT_SERIES) : Number.MAX_SAFE_INTEGER;
  const xType = source.columns.find((c) => c.name === request.x)?.type ?? 'VARCHAR';
  const category = isCategoryType(xType);
  const layout: XLayout = { category, top: category && request.splitBy === undefined ? (request.topN ?? null) : null };
  const read = await readResult(query, chartSql(source.sql, request, maxPoints, maxSeries, layout), { limit: MAX_CELLS, ...(signal ? { signal } : {}) });
  const xIndex = new Map<string, number>();
  const xValues: (string | number)[] = [];
  const seriesIndex = new Map<string, number>();
  const series: ChartSeries[] = [];
  const split = request.splitBy !== undefined;
  let truncated = read.totalRows > read.rows.length;
  for (const row of read.rows) {
    const [x, rank, splitValue, ...values] = row;
    const xKey = JSON.stringify(x);
    if (!xIndex.has(xKey)) {
      if (xValues.length === maxPoints) {
        truncated = true;
        continue;
      }
      xIndex.set(xKey, xValues.length);
      xValues.push(typeof x === 'number' ? x : String(x));
    }
    if (Number(rank) > maxSeries) {
      truncated = true;
      continue;
    }
    const at = xIndex.get(xKey) ?? 0;
    request.y.forEach((y, i) => {
      const label = !split ? y : request.y.length === 1 ? String(splitValue) : `${String(splitValue)} · ${y}`;
      const key = `${String(rank)}\u0000${y}`;
      let index = seriesIndex.get(key);
      if (index === undefined) {
        index = series.length;
        seriesIndex.set(key, index);
        series.push({ label, values: [] });
      }
      const target = series[index];
      if (target) target.values[at] = toNumber(values[i]);
    });
  }
  const ordered = split ? sortSeries(series, seriesIndex) : series;
  for (const s of ordered) s.values = Array.from({ length: xValues.length }, (_, i) => s.values[i] ?? null);
  return zeroFill({ x: { name: request.x, type: xType, values: xValues }, series: ordered, truncated }, request.aggregate, maxPoints);
}

/** Series in rank order (largest first), whatever order their first points arrived in. */
function sortSeries(series: ChartSeries[], index: Map<string, number>): ChartSeries[] {
  return [...index.entries()]
    .sort(([a], [b]) => Number(a.split('\u0000')[0]) - Number(b.split('\u0000')[0]))
    .map(([, i]) => series[i])
    .filter((s): s is ChartSeries => s !== undefined);
}
