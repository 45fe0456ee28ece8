// Which reports a sync downloads. By default the Standard reports of engagement, commerce and
// usage — what most apps want, and Detailed loses most rows for small apps (privacy thresholds) —
// plus the few Detailed reports that hold data no Standard report has (DEFAULT_DETAILED).
import type { Granularity, Report } from '../../shared/ascTypes';

const DEFAULT_CATEGORIES = new Set(['APP_STORE_ENGAGEMENT', 'COMMERCE', 'APP_USAGE']);

export function normaliseReportName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/**
 * Detailed reports kept by default: Apple publishes weekly and monthly downloads only in App
 * Downloads Detailed (App Downloads Standard is daily only), and the Insights pages read them there
 * at those granularities.
 */
const DEFAULT_DETAILED = new Set(['App Downloads Detailed'].map(normaliseReportName));

/** Only the granularities its Standard twin lacks: daily downloads come from App Downloads Standard. */
const DEFAULT_DETAILED_GRANULARITIES: readonly Granularity[] = ['WEEKLY', 'MONTHLY'];

/**
 * The granularities a report of the default set is listed at, within `asked` (all when undefined):
 * a Detailed report kept by default only at those its Standard twin lacks (its daily instances
 * were 59 of the 71 it added to a demo sync, and nothing read them). Explicitly chosen reports
 * come at every granularity asked for.
 */
export function defaultGranularities(report: Report, asked: readonly Granularity[] | undefined): readonly Granularity[] | undefined {
  if (!DEFAULT_DETAILED.has(normaliseReportName(report.name))) return asked;
  return asked === undefined ? DEFAULT_DETAILED_GRANULARITIES : asked.filter((g) => DEFAULT_DETAILED_GRANULARITIES.includes(g));
}

export function isDefaultReport(report: Report): boolean {
  if (!DEFAULT_CATEGORIES.has(report.category)) return false;
  return !/\bDetailed$/i.test(report.name.trim()) || DEFAULT_DETAILED.has(normaliseReportName(report.name));
}

/** Explicit names match exactly, then by normalised name; none given means the default set. */
export function selectReports(reports: Report[], names: readonly string[] | undefined): { selected: Report[]; unknownNames: string[] } {
  if (!names || names.length === 0) return { selected: reports.filter(isDefaultReport), unknownNames: [] };
  const wanted = new Map(names.map((n) => [normaliseReportName(n), n]));
  const selected = reports.filter((r) => wanted.has(normaliseReportName(r.name)));
  const found = new Set(selected.map((r) => normaliseReportName(r.name)));
  return { selected, unknownNames: [...wanted].filter(([k]) => !found.has(k)).map(([, v]) => v) };
}
