// The headline metrics of the Insights Overview: for each, Apple's meaning, the report, column and
// filter it comes from, whether it adds up, and its SQL. The ONE place that names reports and
// columns for insights, so a warehouse change (e.g. DAILY rows moving) is adapted here only.
import { columnNameFor, findReport, tableNameFor } from '../../shared/reportCatalogue';
import type { MetricUnit } from '../../shared/insights';
import { quoteIdent, sqlDate, sqlString } from '../warehouse/sql';

/** Apple publishes each granularity as its own instances; the headlines add up DAILY rows only, which `main` views hold. */
const VIEW_SCHEMA = 'main';

/** One additive column of one report, narrowed by a filter over the report's dimension columns. */
export interface SumSource {
  report: string;
  table: string;
  dateColumn: string;
  column: string;
  /** SQL predicate (constants only, no user input); values compared case-insensitively (fact sheet §11). */
  filter: string | null;
  /** The filter in words, for the tile's meaning. */
  filterText: string;
}

interface MetricBase {
  id: string;
  label: string;
  meaning: string;
  unit: MetricUnit;
}

export type MetricDefinition =
  | (MetricBase & { kind: 'sum'; additive: true; source: SumSource })
  | (MetricBase & { kind: 'ratio'; additive: false; numerator: SumSource; denominator: SumSource; scale: number })
  | (MetricBase & { kind: 'unavailable'; additive: false; report: string; column: string; reason: string });

/** Checked against the report catalogue when this module loads: a renamed report or column fails fast. */
function source(report: string, header: string, filter: string | null, filterText: string): SumSource {
  const entry = findReport(report);
  if (entry === undefined || !entry.columns.some((c) => c.header === header)) throw new Error(`${report} has no column ${header}`);
  return { report, table: tableNameFor(report), dateColumn: columnNameFor(entry.dateColumn), column: columnNameFor(header), filter, filterText };
}

function meaningOf(report: string, header: string): string {
  return findReport(report)?.columns.find((c) => c.header === header)?.meaning ?? '';
}

const ENGAGEMENT = 'App Store Discovery and Engagement Standard';
const DOWNLOADS = 'App Downloads Standard';
const PURCHASES = 'App Store Purchases Standard';
const SESSIONS = 'App Sessions Standard';
const CRASHES = 'App Crashes';

const impressions = source(ENGAGEMENT, 'Counts', `lower("event") = 'impression'`, 'Event = Impression');
const productPageViews = source(ENGAGEMENT, 'Counts', `lower("event") = 'page view' AND lower("page_type") = 'product page'`,
  'Event = Page view and Page Type = Product page');
const firstTime = source(DOWNLOADS, 'Counts', `lower("download_type") = 'first-time download'`, 'Download Type = First-time download');
const redownloads = source(DOWNLOADS, 'Counts', `lower("download_type") = 'redownload'`, 'Download Type = Redownload');
const totalDownloads = source(DOWNLOADS, 'Counts', `lower("download_type") IN ('first-time download', 'redownload')`,
  'Download Type = First-time download or Redownload');
const proceeds = source(PURCHASES, 'Proceeds in USD', null, 'all rows (refunds are negative)');
const sessions = source(SESSIONS, 'Sessions', null, 'all rows');
const crashes = source(CRASHES, 'Crashes', null, 'all rows');

const NOT_TOTALLED = 'Apple publishes this unique count only per row (per device, territory, source and so on); '
  + 'adding rows would count a person or device more than once, and no report carries the total.';

export const HEADLINE_METRICS: readonly MetricDefinition[] = [
  { id: 'impressions', label: 'Impressions', unit: 'count', kind: 'sum', additive: true, source: impressions,
    meaning: 'Times the app was shown on the App Store (search, browse, referrers). Sum of Counts, Event = Impression.' },
  { id: 'productPageViews', label: 'Product page views', unit: 'count', kind: 'sum', additive: true, source: productPageViews,
    meaning: 'Times the app\'s product page was viewed. Sum of Counts, Event = Page view on a Product page.' },
  { id: 'conversionRate', label: 'Conversion rate', unit: 'percent', kind: 'ratio', additive: false, scale: 100,
    numerator: totalDownloads, denominator: impressions,
    meaning: 'Apple\'s App Analytics measures conversion as Total Downloads (first-time downloads and redownloads) '
      + 'divided by Unique Impressions (developer.apple.com/app-store/measuring-app-performance). Unique impressions '
      + 'cannot be totalled from the reports, so Orchard divides total downloads by all impressions (downloads per '
      + 'impression, over the whole period; lower than Apple\'s figure).' },
  { id: 'firstTimeDownloads', label: 'First-time downloads', unit: 'count', kind: 'sum', additive: true, source: firstTime,
    meaning: 'Downloads by people who never had the app before. Sum of Counts, Download Type = First-time download.' },
  { id: 'redownloads', label: 'Redownloads', unit: 'count', kind: 'sum', additive: true, source: redownloads,
    meaning: 'Downloads by people who had the app before. Sum of Counts, Download Type = Redownload.' },
  { id: 'proceeds', label: 'Proceeds (USD)', unit: 'usd', kind: 'sum', additive: true, source: proceeds,
    meaning: `${meaningOf(PURCHASES, 'Proceeds in USD')} Sum of Proceeds in USD over all purchases.` },
  { id: 'payingUsers', label: 'Paying users', unit: 'count', kind: 'unavailable', additive: false, report: PURCHASES,
    column: columnNameFor('Paying Users'), reason: NOT_TOTALLED, meaning: meaningOf(PURCHASES, 'Paying Users') },
  { id: 'sessions', label: 'Sessions', unit: 'count', kind: 'sum', additive: true, source: sessions,
    meaning: `${meaningOf(SESSIONS, 'Sessions')} Sum of Sessions (apps of people who agreed to share data).` },
  { id: 'activeDevices', label: 'Active devices', unit: 'count', kind: 'unavailable', additive: false, report: SESSIONS,
    column: columnNameFor('Unique Devices'), reason: NOT_TOTALLED, meaning: 'Distinct devices with at least one session.' },
  { id: 'crashRate', label: 'Crashes per 1,000 sessions', unit: 'per1000', kind: 'ratio', additive: false, scale: 1000,
    numerator: crashes, denominator: sessions,
    meaning: 'Crashes (App Crashes) per 1,000 sessions (App Sessions Standard) over the whole period.' },
];

/** Every source a metric reads, so the service can check the views exist before querying them. */
export function sourcesOf(metric: MetricDefinition): SumSource[] {
  if (metric.kind === 'sum') return [metric.source];
  if (metric.kind === 'ratio') return [metric.numerator, metric.denominator];
  return [];
}

/** `app_apple_identifier = '123'` or nothing for all apps. The ID is checked numeric before it gets here. */
export function appFilter(appId: string): string | null {
  if (appId === 'all') return null;
  if (!/^\d{1,20}$/.test(appId)) throw new RangeError(`Not an App Store app ID: ${appId}`);
  return `"app_apple_identifier" = ${sqlString(appId)}`;
}

function where(s: SumSource, appId: string, extra: string[]): string {
  // The view is main.<report>: DAILY rows only, so no granularity filter.
  const parts = [appFilter(appId), s.filter, ...extra].filter((p): p is string => p !== null);
  return parts.length === 0 ? 'TRUE' : parts.join('\n  AND ');
}

function view(s: SumSource): string {
  return `${VIEW_SCHEMA}.${quoteIdent(s.table)}`;
}

const between = (column: string, from: string, to: string) => `${quoteIdent(column)} BETWEEN ${sqlDate(from)} AND ${sqlDate(to)}`;

export interface Windows {
  current: { from: string; to: string };
  previous: { from: string; to: string };
}

/** One row `current, previous`: the source's sums over the two windows (0 when no row falls in one). */
export function sumSql(s: SumSource, appId: string, w: Windows): string {
  const sumIn = (from: string, to: string) => `COALESCE(SUM(CASE WHEN ${between(s.dateColumn, from, to)} THEN ${quoteIdent(s.column)} END), 0)`;
  return `SELECT ${sumIn(w.current.from, w.current.to)} AS current,
  ${sumIn(w.previous.from, w.previous.to)} AS previous
FROM ${view(s)}
WHERE ${where(s, appId, [between(s.dateColumn, w.previous.from, w.current.to)])}`;
}

/** One row `current, previous`: numerator ÷ denominator × scale per window, NULL when the denominator is 0. */
export function ratioSql(numerator: SumSource, denominator: SumSource, scale: number, appId: string, w: Windows): string {
  const rate = (part: string) => `CAST(n.${part} AS DOUBLE) * ${scale} / NULLIF(CAST(d.${part} AS DOUBLE), 0)`;
  return `WITH n AS (
${sumSql(numerator, appId, w)}
), d AS (
${sumSql(denominator, appId, w)}
)
SELECT ${rate('current')} AS current, ${rate('previous')} AS previous
FROM n, d`;
}

/** The tile's SQL: returns exactly the `current` and `previous` the tile shows. */
export function tileSql(metric: MetricDefinition, appId: string, w: Windows): string | null {
  if (metric.kind === 'sum') return sumSql(metric.source, appId, w);
  if (metric.kind === 'ratio') return ratioSql(metric.numerator, metric.denominator, metric.scale, appId, w);
  return null;
}

function dailySums(s: SumSource, appId: string, from: string, to: string): string {
  return `SELECT ${quoteIdent(s.dateColumn)} AS day, SUM(${quoteIdent(s.column)}) AS v
  FROM ${view(s)}
  WHERE ${where(s, appId, [between(s.dateColumn, from, to)])}
  GROUP BY 1`;
}

/**
 * Rows `day, value` for every day of the window: counts zero-filled from `dataFrom` (the first day
 * any app has data), NULL before it (a gap, not a false zero); rates NULL where undefined.
 */
export function sparklineSql(metric: MetricDefinition, appId: string, from: string, to: string, dataFrom: string = from): string | null {
  const days = `SELECT CAST(d AS DATE) AS day FROM generate_series(${sqlDate(from)}, ${sqlDate(to)}, INTERVAL 1 DAY) AS g(d)`;
  if (metric.kind === 'sum') {
    return `WITH days AS (${days}), s AS (${dailySums(metric.source, appId, from, to)})
SELECT CAST(days.day AS VARCHAR) AS day, CASE WHEN days.day >= ${sqlDate(dataFrom)} THEN COALESCE(s.v, 0) END AS value
FROM days LEFT JOIN s USING (day) ORDER BY days.day`;
  }
  if (metric.kind === 'ratio') {
    return `WITH days AS (${days}), n AS (${dailySums(metric.numerator, appId, from, to)}), d AS (${dailySums(metric.denominator, appId, from, to)})
SELECT CAST(days.day AS VARCHAR) AS day,
  CAST(n.v AS DOUBLE) * ${metric.scale} / NULLIF(CAST(d.v AS DOUBLE), 0) AS value
FROM days LEFT JOIN n USING (day) LEFT JOIN d USING (day) ORDER BY days.day`;
  }
  return null;
}

/**
 * Rows `table_name, app_id, name, newest, oldest`: per view and app, the newest and oldest day with
 * DAILY rows (the app's name from orchard.apps, NULL when never synced), so a window can end where
 * every app has data and name the one that holds it back.
 */
export function newestDaysSql(sources: readonly SumSource[], appId: string): string {
  const seen = new Map(sources.map((s) => [s.table, s]));
  const filter = appFilter(appId);
  const spans = [...seen.values()].map((s) => `SELECT ${sqlString(s.table)} AS table_name, CAST("app_apple_identifier" AS VARCHAR) AS app_id,
  CAST(max(${quoteIdent(s.dateColumn)}) AS VARCHAR) AS newest, CAST(min(${quoteIdent(s.dateColumn)}) AS VARCHAR) AS oldest
FROM ${view(s)}${filter === null ? '' : ` WHERE ${filter}`}
GROUP BY 2`).join('\nUNION ALL\n');
  return `WITH s AS (
${spans}
)
SELECT s.table_name, s.app_id, a.name, s.newest, s.oldest FROM s LEFT JOIN orchard.apps AS a ON a.app_id = s.app_id`;
}

/** Rows `table_name, column_name` of the views the headlines read, to tell which metrics can be computed. */
export function viewColumnsSql(): string {
  const tables = [...new Set(HEADLINE_METRICS.flatMap(sourcesOf).map((s) => s.table))];
  return `SELECT table_name, column_name FROM duckdb_columns()
WHERE database_name = current_database() AND schema_name = ${sqlString(VIEW_SCHEMA)}
  AND table_name IN (${tables.map(sqlString).join(', ')})`;
}
