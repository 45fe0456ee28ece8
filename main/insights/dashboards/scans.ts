// Measures read in as few scans as possible: every measure of one report becomes a SUM(CASE …)
// column of one aggregate over that report's view, so a tile with three series on one report
// reads the table once.
import { quoteIdent } from '../../warehouse/sql';
import { bucketOf, inCompare, inCurrent, viewOf, whereOf, type SqlContext } from './sqlParts';
import type { Measure } from './spec';

export interface Scan {
  /** CTE name. */
  name: string;
  report: string;
  measures: Measure[];
}

/** Groups measures by report (already resolved to the granularity's report). */
export function scansOf(measures: readonly Measure[], resolve: (report: string) => string): Scan[] {
  const scans = new Map<string, Scan>();
  for (const m of measures) {
    const report = resolve(m.report);
    const scan = scans.get(report) ?? { name: `r${scans.size}`, report, measures: [] };
    if (!scan.measures.includes(m)) scan.measures.push(m);
    scans.set(report, scan);
  }
  return [...scans.values()];
}

/** `r0.m1`: where a measure's value lives. */
export function refOf(scans: readonly Scan[], m: Measure): { scan: string; column: string } {
  for (const s of scans) {
    const i = s.measures.indexOf(m);
    if (i >= 0) return { scan: s.name, column: `m${i}` };
  }
  throw new Error(`measure ${m.label} not scanned`);
}

const sumWhen = (m: Measure, extra: string | null) => {
  const cond = [m.where, extra].filter((p): p is string => p !== null);
  const value = quoteIdent(m.column);
  return cond.length === 0 ? `SUM(${value})` : `SUM(CASE WHEN ${cond.join(' AND ')} THEN ${value} END)`;
};

/** `rN(bucket, m0, m1 …)`: per bucket, each measure's sum. */
export function bucketScanCte(scan: Scan, ctx: SqlContext): string {
  const sums = scan.measures.map((m, i) => `${sumWhen(m, null)} AS m${i}`).join(', ');
  return `${scan.name} AS (
  SELECT ${bucketOf(scan.report, ctx.granularity)} AS bucket, ${sums}
  FROM ${viewOf(scan.report, ctx.granularity)}
  WHERE ${whereOf(scan.report, ctx)}
  GROUP BY 1
)`;
}

/** `m0, p0, m1, p1 …`: each measure over the window (m) and the comparison window (p). */
export function windowSums(scan: Scan, ctx: SqlContext): string {
  const current = inCurrent(scan.report, ctx);
  const compare = inCompare(scan.report, ctx);
  return scan.measures.flatMap((m, i) => [`${sumWhen(m, current)} AS m${i}`,
    ...(compare === null ? [] : [`${sumWhen(m, compare)} AS p${i}`])]).join(', ');
}

/** `rN(m0, p0 …)`: one row of window sums. */
export function windowScanCte(scan: Scan, ctx: SqlContext): string {
  const sums = windowSums(scan, ctx);
  return `${scan.name} AS (
  SELECT ${sums}
  FROM ${viewOf(scan.report, ctx.granularity)}
  WHERE ${whereOf(scan.report, ctx)}
)`;
}
