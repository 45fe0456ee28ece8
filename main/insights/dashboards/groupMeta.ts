// What every tile of one set of controls needs besides its rows — the columns of the reports'
// tables and their freshness — read once per group (by its first tile) instead of once per tile:
// a page's tiles then cost their own statements only, and they all describe the same snapshot.
import type { DashboardGranularity } from '../../../shared/dashboards';
import type { DateWindow } from '../../../shared/insights';
import type { InsightsRows } from '../../warehouse';
import { reportAt, tableOf } from './catalogueRefs';
import { freshnessSql, viewColumnsSql } from './metaSql';
import { PAGE_REPORTS } from './pageReports';

export interface Freshness {
  oldest: string | null;
  newest: string | null;
  restating: string | null;
}

export interface GroupMeta {
  /** Table → its columns (the raw table's, which the views show minus bookkeeping). */
  columns: Map<string, Set<string>>;
  freshness: Map<string, Freshness>;
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export async function readGroupMeta(read: (sql: string) => Promise<InsightsRows>, granularity: DashboardGranularity,
  apps: readonly string[] | 'all', window: DateWindow): Promise<GroupMeta> {
  const tables = [...new Set(PAGE_REPORTS.map((r) => reportAt(r, granularity)).filter((r): r is string => r !== null).map(tableOf))];
  const columns = new Map<string, Set<string>>();
  for (const [table, column] of (await read(viewColumnsSql('raw', tables))).rows) {
    columns.set(String(table), (columns.get(String(table)) ?? new Set()).add(String(column)));
  }
  const freshness = new Map<string, Freshness>();
  for (const [table, oldest, newest, restating] of (await read(freshnessSql(tables, granularity, apps, window))).rows) {
    freshness.set(String(table), { oldest: text(oldest), newest: text(newest), restating: text(restating) });
  }
  return { columns, freshness };
}
