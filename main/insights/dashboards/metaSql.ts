// What a tile needs to know besides its rows: which columns the views really have (a report never
// synced has no view; a file may lack a column), and per report the newest day and the first day
// still inside Apple's restatement window, from orchard.vintages (kept at ingest: latest.ts).
import type { DashboardGranularity } from '../../../shared/dashboards';
import { sqlDate, sqlString } from '../../warehouse/sql';
import { appFilter } from '../metricDefinitions';
import type { DateWindow } from '../../../shared/insights';

/**
 * Days after a date within which Apple may still restate it (fact sheet §9: App Downloads daily
 * instances hold 2 days, engagement 3, restatements seen for about 6 days). A day whose newest
 * vintage was processed less than this many days after it may still change.
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

/** Rows `table_name, newest, restating` per table: newest winning day, first restatable day of the window. */
export function freshnessSql(tables: readonly string[], granularity: DashboardGranularity, apps: readonly string[] | 'all',
  window: DateWindow): string {
  const where = [`table_name IN (${tables.map(sqlString).join(', ')})`, `granularity = ${sqlString(granularity)}`,
    'is_latest', vintageApps(apps)].filter((p): p is string => p !== null).join(' AND ');
  return `SELECT table_name, CAST(max(day) AS VARCHAR) AS newest,
  CAST(min(CASE WHEN day BETWEEN ${sqlDate(window.from)} AND ${sqlDate(window.to)}
    AND processing_date < day + ${RESTATEMENT_WINDOW_DAYS} THEN day END) AS VARCHAR) AS restating
FROM orchard.vintages WHERE ${where}
GROUP BY table_name`;
}
