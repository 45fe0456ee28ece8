// What a tile needs to know besides its rows: which columns the views really have (a report never
// synced has no view; a file may lack a column), and per report the newest day and the first day
// still inside Apple's restatement window per app, from orchard.vintages (kept at ingest: latest.ts).
import type { DashboardGranularity } from '../../../shared/dashboards';
import { sqlString } from '../../warehouse/sql';
import { appFilter } from '../metricDefinitions';

/**
 * How many days Apple may still restate a day after its first data (fact sheet §9: App Downloads
 * daily instances hold the 2 days before their processing date, engagement reports 3, restatements
 * seen for about 6 days). A day is settled once the warehouse holds an instance processed at least
 * this many days after it; the days after the newest processing date minus this are still open.
 */
export const RESTATEMENT_WINDOW_DAYS = 6;

/** Rows `table_name, column_name` of the given views. */
export function viewColumnsSql(schema: string, tables: readonly string[]): string {
  return `SELECT table_name, column_name FROM duckdb_columns()
WHERE database_name = current_database() AND schema_name = ${sqlString(schema)}
  AND table_name IN (${tables.map(sqlString).join(', ')})`;
}

/** `app_id IN (…)` over orchard.vintages (app IDs as text there), null for every app. */
function vintageApps(apps: readonly string[] | 'all'): string | null {
  if (apps === 'all') return null;
  for (const a of apps) appFilter(a);
  return `app_id IN (${apps.map(sqlString).join(', ')})`;
}

/**
 * Rows `table_name, app_id, name, oldest, newest, open_days` per table and app: the oldest and
 * newest winning period, and the winning periods still open to restatement — a handful, whatever
 * the range. DAILY: the days after the app's newest processing date minus RESTATEMENT_WINDOW_DAYS.
 * WEEKLY and MONTHLY: Apple re-issues the newest week or month in the next instance, so the newest
 * period held in a single instance (one vintage) is provisional; a second vintage settles it.
 */
export function freshnessSql(tables: readonly string[], granularity: DashboardGranularity, apps: readonly string[] | 'all'): string {
  const where = [`table_name IN (${tables.map(sqlString).join(', ')})`, `granularity = ${sqlString(granularity)}`,
    'day IS NOT NULL', vintageApps(apps)].filter((p): p is string => p !== null).join(' AND ');
  const open = granularity === 'DAILY'
    ? `v.day > p.processed_up_to - ${RESTATEMENT_WINDOW_DAYS}`
    : 'v.day = p.newest_day AND n.held = 1';
  return `WITH v AS (
  SELECT table_name, app_id, day, processing_date, instance_id, is_latest FROM orchard.vintages WHERE ${where}
), p AS (
  SELECT table_name, app_id, max(processing_date) AS processed_up_to, max(day) AS newest_day FROM v GROUP BY ALL
), n AS (
  SELECT table_name, app_id, day, count(DISTINCT instance_id) AS held FROM v GROUP BY ALL
)
SELECT v.table_name, v.app_id, any_value(a.name) AS name, CAST(min(v.day) AS VARCHAR) AS oldest, CAST(max(v.day) AS VARCHAR) AS newest,
  list(DISTINCT CAST(v.day AS VARCHAR)) FILTER (WHERE ${open}) AS open_days
FROM v JOIN p ON v.table_name = p.table_name AND v.app_id IS NOT DISTINCT FROM p.app_id
JOIN n ON v.table_name = n.table_name AND v.app_id IS NOT DISTINCT FROM n.app_id AND v.day = n.day
LEFT JOIN orchard.apps AS a ON a.app_id = v.app_id
WHERE v.is_latest
GROUP BY v.table_name, v.app_id`;
}
