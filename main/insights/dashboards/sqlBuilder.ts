// Controls → the one statement behind a tile, per shape. Counts are 0 in a period without rows,
// rates NULL (a gap); comparison values sit on the row of the bucket at the same position; ranked
// and stacked tiles keep the top N of the current window and put the rest in one `Other`.
import { quoteIdent, sqlString } from '../../warehouse/sql';
import { asDouble, bucketOf, bucketsCte, inCurrent, viewOf, whereOf, type SqlContext } from './sqlParts';
import { bucketScanCte, refOf, scansOf, windowScanCte, windowSums } from './scans';
import { isRatio, type Measure, type Series, type TileShape } from './spec';

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
    if (!isRatio(s)) return asDouble(`COALESCE(${ref(s)}, 0)`);
    return `${asDouble(`COALESCE(${ref(s.numerator)}, 0)`)} * ${s.scale} / NULLIF(${asDouble(ref(s.denominator))}, 0)`;
  };
  const selects = series.map((s, i) => `  SELECT CAST(b.bucket AS VARCHAR) AS period, ${sqlString(s.label)} AS series, ${i} AS ord,
    ${valueOf(s, 'c')} AS value${comparing ? `,\n    ${valueOf(s, 'p')} AS previous` : ''}
  FROM buckets AS b ${joins.join(' ')}`);
  return `WITH ${[bucketsCte(ctx), ...scans.map((s) => bucketScanCte(s, ctx))].join(',\n')}
SELECT period, series, value${comparing ? ', previous' : ''} FROM (
${selects.join('\n  UNION ALL\n')}
) ORDER BY period, ord`;
}

function funnelSql(steps: readonly Measure[], ctx: SqlContext, resolve: Resolve): string {
  const scans = scansOf(steps, resolve);
  const comparing = ctx.buckets.compareShift !== null;
  const selects = steps.map((m, i) => {
    const r = refOf(scans, m);
    const previous = comparing ? `, ${asDouble(`COALESCE(${r.scan}.${r.column.replace('m', 'p')}, 0)`)} AS previous` : '';
    return `  SELECT ${sqlString(m.label)} AS step, ${i} AS ord, ${asDouble(`COALESCE(${r.scan}.${r.column}, 0)`)} AS value${previous} FROM ${r.scan}`;
  });
  const rate = (c: string) => `${c} * 100 / NULLIF(lag(${c}) OVER (ORDER BY ord), 0)`;
  return `WITH ${scans.map((s) => windowScanCte(s, ctx)).join(',\n')},
steps AS (
${selects.join('\n  UNION ALL\n')}
)
SELECT step, value${comparing ? ', previous' : ''}, ${rate('value')} AS rate${comparing ? `, ${rate('previous')} AS "previousRate"` : ''}
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
  ${asDouble('COALESCE(SUM(m0), 0)')} AS value${comparing ? `, ${asDouble('COALESCE(SUM(p0), 0)')} AS previous` : ''}
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
SELECT CAST(b.bucket AS VARCHAR) AS period, s.series, ${asDouble('COALESCE(c.v, 0)')} AS value${comparing ? `, ${asDouble('COALESCE(p.v, 0)')} AS previous` : ''}
FROM buckets AS b CROSS JOIN s
LEFT JOIN g AS c ON c.bucket = b.bucket AND c.series = s.series${comparing ? '\nLEFT JOIN g AS p ON p.bucket = b.cmp AND p.series = s.series' : ''}
ORDER BY period, s.ord, s.series`;
}

/** Apple's rows as published: the period, every dimension the view has, the unique count. */
function grainSql(report: string, column: string, dimensions: readonly string[], ctx: SqlContext, resolve: Resolve): string {
  const r = resolve(report);
  const dims = dimensions.map((d) => quoteIdent(d));
  const order = ['value DESC', ...Array.from({ length: dims.length + 1 }, (_, i) => String(i + 1))];
  return `SELECT CAST(${bucketOf(r, ctx.granularity)} AS VARCHAR) AS period, ${[...dims, `${asDouble(quoteIdent(column))} AS value`].join(', ')}
FROM ${viewOf(r, ctx.granularity)}
WHERE ${whereOf(r, ctx, [inCurrent(r, ctx), `${quoteIdent(column)} IS NOT NULL`])}
ORDER BY ${order.join(', ')}
LIMIT ${GRAIN_ROWS}`;
}

/** The tile's statement. `dimensions` lists the grain columns a unique-count table shows. */
export function tileSql(shape: TileShape, ctx: SqlContext, resolve: Resolve, dimensions: readonly string[] = []): string {
  switch (shape.kind) {
    case 'trend': return trendSql(shape.series, ctx, resolve);
    case 'funnel': return funnelSql(shape.steps, ctx, resolve);
    case 'ranked': return rankedSql(shape.measure, shape.by, ctx, resolve);
    case 'mix': return mixSql(shape.measure, shape.by, ctx, resolve);
    case 'grain': return grainSql(shape.report, shape.column, dimensions, ctx, resolve);
  }
}

/** Every measure's report (unresolved), for availability and freshness checks. */
export function reportsOfShape(shape: TileShape): string[] {
  switch (shape.kind) {
    case 'trend': return [...new Set(measuresOf(shape.series).map((m) => m.report))];
    case 'funnel': return [...new Set(shape.steps.map((m) => m.report))];
    case 'ranked':
    case 'mix': return [shape.measure.report];
    case 'grain': return [shape.report];
  }
}
