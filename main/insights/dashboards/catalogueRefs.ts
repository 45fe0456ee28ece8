// Report and column references for the dashboard tiles, checked against the report catalogue when
// the module loads (a renamed report or column fails at start-up, not in a user's tile), and the
// choice of report per granularity: Apple's own weekly/monthly instances, never days added up.
import { columnNameFor, findReport, tableNameFor, type CatalogueReport } from '../../../shared/reportCatalogue';
import type { DashboardGranularity } from '../../../shared/dashboards';
import { sqlString, quoteIdent } from '../../warehouse/sql';
import type { Measure } from './spec';

export function reportOf(name: string): CatalogueReport {
  const entry = findReport(name);
  if (entry === undefined || entry.name !== name) throw new Error(`No report ${name} in the catalogue`);
  return entry;
}

export function hasColumn(report: string, header: string): boolean {
  return reportOf(report).columns.some((c) => c.header === header);
}

/** The column's warehouse name; throws at load time when the report has no such column. */
export function col(report: string, header: string): string {
  if (!hasColumn(report, header)) throw new Error(`${report} has no column ${header}`);
  return columnNameFor(header);
}

/** `lower("event") IN ('impression')`: Apple's values compared case-insensitively (fact sheet §11). */
export function oneOf(report: string, header: string, values: readonly string[]): string {
  return `lower(${quoteIdent(col(report, header))}) IN (${values.map((v) => sqlString(v.toLowerCase())).join(', ')})`;
}

export function measure(label: string, report: string, header: string, where: string | null = null): Measure {
  return { label, report, column: col(report, header), where };
}

export function meaningOf(report: string, header: string): string {
  return reportOf(report).columns.find((c) => c.header === header)?.meaning ?? '';
}

/**
 * The report holding Apple's own instances at this granularity: the named one, else its Detailed
 * twin (App Downloads Standard is DAILY only; the Detailed report has weekly and monthly
 * instances with the same measures). Null when Apple publishes none: the tile then shows no rows
 * and says so, rather than adding days up into a week Apple never published.
 */
export function reportAt(report: string, granularity: DashboardGranularity): string | null {
  if (reportOf(report).granularities.includes(granularity)) return report;
  if (!report.endsWith(' Standard')) return null;
  const detailed = report.replace(/ Standard$/, ' Detailed');
  return findReport(detailed)?.granularities.includes(granularity) === true ? detailed : null;
}

export function tableOf(report: string): string {
  return tableNameFor(report);
}

export function dateColumnOf(report: string): string {
  return columnNameFor(reportOf(report).dateColumn);
}
