// Controls → the one statement behind a tile, per shape. Counts are 0 in a period without rows
// inside the data, NULL (a gap) before the first data or after the newest published period, rates
// NULL where undefined; comparison values sit on the row of the bucket at the same position; ranked
// and stacked tiles keep the top N of the current window and put the rest in one `Other`.
import { quoteIdent, sqlString } from '../../warehouse/sql';
import { asDouble, bucketOf, bucketsCte, inCurrent, inData, viewOf, whereOf, type SqlContext } from './sqlParts';
import { bucketScanCte, refOf, scansOf, windowScanCte, windowSums } from './scans';
import { isRatio, type FunnelRate, type Measure, type Series, type TileShape } from './spec';

export const OTHER = 'Other';
/** Rows of a unique-count table at most (largest first). */
export const GRAIN_ROWS = 100;

type Resolve = (report: string) => string;

function measuresOf(series: readonly Series[]): Measure[] {
  return series.flatMap((s) => (isRatio(s) ? [s.numerator, s.denominator] : [s]));
}

function trendSql(series: readonly Series[], ctx: SqlContext, resolve: Resolve): string {
  const scans = scansOf(measuresOf(series), resolve);
  const comparing = ctx.buckets.compareShift !== null;
  const joins = scans.flatMap((s) => [`LEFT JOIN ${s.name} AS c_${s.name} ON c_${s.name}.bucket = b.bucket`,
    ...(comparing ? [`LEFT JOIN ${s.name} AS p_${s.name} ON p_${s.name}.bucket = b.cmp`] : [])]);
  const valueOf = (s: Series, side: 'c' | 'p') => {
    const ref = (m: Measure) => { const r = refOf(scans, m); return `${side}_${r.scan}.${r.column}`; };
    const bucket = side === 'c' ? 'b.bucket' : 'b.cmp';
    if (!isRatio(s)) return inData(bucket, asDouble(`COALESCE(${ref(s)}, 0)`), ctx);
    return inData(bucket, `${asDouble(`COALESCE(${ref(s.numerator)}, 0)`)} * ${s.scale} / NULLIF(${asDouble(ref(s.denominator))}, 0)`, ctx);
  };
  const selects = series.map((s, i) => `  SELECT CAST(b.bucket AS VARCHAR) AS period, ${sqlString(s.label)} AS series, ${i} AS ord,
    ${valueOf(s, 'c')} AS value${comparing ? `,\n    ${valueOf(s, 'p')} AS previous` : ''}
  FROM buckets AS b ${joins.join(' ')}`);
  return `WITH ${[bucketsCte(ctx), ...scans.map((s) => bucketScanCte(s, ctx))].join(',\n')}
SELECT period, series, value${comparing ? ', previous' : ''} FROM (
${selects.join('\n  UNION ALL\n')}
) ORDER BY period, ord`;
}

function funnelSql(steps: readonly Measure[], rates: readonly (FunnelRate | null)[], ctx: SqlContext, resolve: Resolve): string {
  const ofs = rates.flatMap((r) => (r === null ? [] : [r.of]));
  const scans = scansOf([...steps, ...ofs], resolve);
  const comparing = ctx.buckets.compareShift !== null;
  const sum = (m: Measure, side: 'm' | 'p') => {
    const r = refOf(scans, m);
    if (side === 'p' && ctx.compareOutside === true) return 'CAST(NULL AS DOUBLE)';
    return asDouble(`COALESCE(${r.scan}.${side === 'm' ? r.column : r.column.replace('m', 'p')}, 0)`);
  };
  const selects = steps.map((m, i) => {
    const of = rates[i] ?? null;
    const previous = comparing ? `, ${sum(m, 'p')} AS previous, ${of === null ? 'CAST(NULL AS DOUBLE)' : sum(of.of, 'p')} AS p_of` : '';
    return `  SELECT ${sqlString(m.label)} AS step, ${i} AS ord, ${sum(m, 'm')} AS value, ${of === null ? 'CAST(NULL AS DOUBLE)' : sum(of.of, 'm')} AS m_of, `
      + `${of === null ? 'CAST(NULL AS VARCHAR)' : sqlString(of.label)} AS rate_of${previous} FROM ${scans.map((s) => s.name).join(', ')}`;
  });
  // A step's rate: of its own denominator where it has one, else of the step before.
  const rate = (c: string, of: string) => `CASE WHEN ord = 0 THEN NULL ELSE ${c} * 100 / NULLIF(COALESCE(${of}, lag(${c}) OVER (ORDER BY ord)), 0) END`;
  return `WITH ${scans.map((s) => windowScanCte(s, ctx)).join(',\n')},
steps AS (
${selects.join('\n  UNION ALL\n')}
)
SELECT step, value${comparing ? ', previous' : ''}, ${rate('value', 'm_of')} AS rate${comparing ? `, ${rate('previous', 'p_of')} AS "previousRate"` : ''}, rate_of
FROM steps ORDER BY ord`;
}

/** A dimension's value as a label: blanks and NULLs read as `(none)`. */
const labelOf = (column: string) => `COALESCE(NULLIF(CAST(${quoteIdent(column)} AS VARCHAR), ''), '(none)')`;

function rankedSql(m: Measure, by: string, ctx: SqlContext, resolve: Resolve): string {
  const report = resolve(m.report);
  const comparing = ctx.buckets.compareShift !== null;
  // The measure's own predicate filters rows here, so a label none of whose rows count is no label.
  const sums = windowSums({ name: 'r', report, measures: [{ ...m, where: null }] }, ctx);
  return `WITH r AS (
  SELECT ${labelOf(by)} AS label, ${sums}
  FROM ${viewOf(report, ctx.granularity)}
  WHERE ${whereOf(report, ctx, [m.where])}
  GROUP BY 1
), ranked AS (
  SELECT *, row_number() OVER (ORDER BY COALESCE(m0, 0) DESC, label) AS rk FROM r
)
SELECT CASE WHEN rk <= ${ctx.topN} THEN label ELSE ${sqlString(OTHER)} END AS label,
  ${asDouble('COALESCE(SUM(m0), 0)')} AS value${comparing ? `, ${ctx.compareOutside === true ? 'CAST(NULL AS DOUBLE)' : asDouble('COALESCE(SUM(p0), 0)')} AS previous` : ''}
FROM ranked GROUP BY 1 ORDER BY min(rk)`;
}

function mixSql(m: Measure, by: string, ctx: SqlContext, resolve: Resolve): string {
  const report = resolve(m.report);
  const comparing = ctx.buckets.compareShift !== null;
  const n = ctx.topN;
  return `WITH ${bucketsCte(ctx)},
r AS (
  SELECT ${bucketOf(report, ctx.granularity)} AS bucket, ${labelOf(by)} AS label, SUM(${quoteIdent(m.column)}) AS v
  FROM ${viewOf(report, ctx.granularity)}
  WHERE ${whereOf(report, ctx, [m.where])}
  GROUP BY 1, 2
), top AS (
  SELECT label, row_number() OVER (ORDER BY COALESCE(SUM(v), 0) DESC, label) AS rk
  FROM r WHERE bucket BETWEEN (SELECT min(bucket) FROM buckets) AND (SELECT max(bucket) FROM buckets) GROUP BY label
), g AS (
  SELECT r.bucket, CASE WHEN t.rk <= ${n} THEN r.label ELSE ${sqlString(OTHER)} END AS series, SUM(r.v) AS v
  FROM r LEFT JOIN top AS t USING (label) GROUP BY 1, 2
), s AS (
  SELECT g.series, COALESCE(min(t.rk), ${n + 1}) AS ord FROM g LEFT JOIN top AS t ON t.label = g.series AND t.rk <= ${n} GROUP BY 1
)
SELECT CAST(b.bucket AS VARCHAR) AS period, s.series, ${inData('b.bucket', asDouble('COALESCE(c.v, 0)'), ctx)} AS value${comparing ? `, ${inData('b.cmp', asDouble('COALESCE(p.v, 0)'), ctx)} AS previous` : ''}
FROM buckets AS b CROSS JOIN s
LEFT JOIN g AS c ON c.bucket = b.bucket AND c.series = s.series${comparing ? '\nLEFT JOIN g AS p ON p.bucket = b.cmp AND p.series = s.series' : ''}
ORDER BY period, s.ord, s.series`;
}

/**
 * Apple's rows as published: the period, every dimension the view has, the unique count — all of
 * them (what Open in SQL runs); `limited` keeps the first GRAIN_ROWS and adds `rows_in_all`, the
 * count of every row, so the tile can say "100 of 5,317 rows".
 */
function grainSql(report: string, column: string, dimensions: readonly string[], ctx: SqlContext, resolve: Resolve, limited: boolean): string {
  const r = resolve(report);
  const dims = dimensions.map((d) => quoteIdent(d));
  const order = ['value DESC', ...Array.from({ length: dims.length + 1 }, (_, i) => String(i + 1))];
  const all = limited ? [`count(*) OVER () AS ${GRAIN_COUNT_COLUMN}`] : [];
  return `SELECT CAST(${bucketOf(r, ctx.granularity)} AS VARCHAR) AS period, ${[...dims, `${asDouble(quoteIdent(column))} AS value`, ...all].join(', ')}
FROM ${viewOf(r, ctx.granularity)}
WHERE ${whereOf(r, ctx, [inCurrent(r, ctx), `${quoteIdent(column)} IS NOT NULL`])}
ORDER BY ${order.join(', ')}${limited ? `\nLIMIT ${GRAIN_ROWS}` : ''}`;
}

/** The column a limited unique-count statement adds: how many rows the whole statement has. */
export const GRAIN_COUNT_COLUMN = 'rows_in_all';

/** A unique-count table's first GRAIN_ROWS rows and the count of all; null for any other shape. */
export function limitedGrainSql(shape: TileShape, ctx: SqlContext, resolve: Resolve, dimensions: readonly string[]): string | null {
  return shape.kind === 'grain' ? grainSql(shape.report, shape.column, dimensions, ctx, resolve, true) : null;
}

/** The tile's statement. `dimensions` lists the grain columns a unique-count table shows. */
export function tileSql(shape: TileShape, ctx: SqlContext, resolve: Resolve, dimensions: readonly string[] = []): string {
  switch (shape.kind) {
    case 'trend': return trendSql(shape.series, ctx, resolve);
    case 'funnel': return funnelSql(shape.steps, shape.rates ?? [], ctx, resolve);
    case 'ranked': return rankedSql(shape.measure, shape.by, ctx, resolve);
    case 'mix': return mixSql(shape.measure, shape.by, ctx, resolve);
    case 'grain': return grainSql(shape.report, shape.column, dimensions, ctx, resolve, false);
  }
}

/** Every measure's report (unresolved), for availability and freshness checks. */
export function reportsOfShape(shape: TileShape): string[] {
  switch (shape.kind) {
    case 'trend': return [...new Set(measuresOf(shape.series).map((m) => m.report))];
    case 'funnel': return [...new Set([...shape.steps, ...(shape.rates ?? []).flatMap((r) => (r === null ? [] : [r.of]))].map((m) => m.report))];
    case 'ranked':
    case 'mix': return [shape.measure.report];
    case 'grain': return [shape.report];
  }
}
