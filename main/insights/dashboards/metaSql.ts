// What a tile needs to know besides its rows: which columns the views really have (a report never
// synced has no view; a file may lack a column), and per report the newest day and the first day
// still inside Apple's restatement window, from orchard.vintages (kept at ingest: latest.ts).
import type { DashboardGranularity } from '../../../shared/dashboards';
import { sqlDate, sqlString } from '../../warehouse/sql';
import { appFilter } from '../metricDefinitions';
import type { DateWindow } from '../../../shared/insights';

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
 * Rows `table_name, oldest, newest, restating` per table: the oldest and newest winning day, and
 * the first day of the window still open to restatement (after the newest processing date of the
 * table and app minus RESTATEMENT_WINDOW_DAYS).
 */
export function freshnessSql(tables: readonly string[], granularity: DashboardGranularity, apps: readonly string[] | 'all',
  window: DateWindow): string {
  const where = [`table_name IN (${tables.map(sqlString).join(', ')})`, `granularity = ${sqlString(granularity)}`,
    vintageApps(apps)].filter((p): p is string => p !== null).join(' AND ');
  return `WITH v AS (
  SELECT table_name, day, is_latest, max(processing_date) OVER (PARTITION BY table_name, app_id) AS processed_up_to
  FROM orchard.vintages WHERE ${where}
)
SELECT table_name, CAST(min(day) AS VARCHAR) AS oldest, CAST(max(day) AS VARCHAR) AS newest,
  CAST(min(CASE WHEN day BETWEEN ${sqlDate(window.from)} AND ${sqlDate(window.to)}
    AND day > processed_up_to - ${RESTATEMENT_WINDOW_DAYS} THEN day END) AS VARCHAR) AS restating
FROM v WHERE is_latest
GROUP BY table_name`;
}
