// What tiles need besides their rows — the columns of the reports' tables and their freshness —
// read on the lookup connection once per granularity and apps, and kept until an ingest ends
// (the warehouse's generation): a page's tiles then cost their own statements only.
import type { DashboardGranularity } from '../../../shared/dashboards';
import type { InsightsRows } from '../../warehouse';
import type { AppSpan } from '../coverage';
import { reportAt, tableOf } from './catalogueRefs';
import { freshnessSql, viewColumnsSql } from './metaSql';
import { PAGE_REPORTS } from './pageReports';

export interface Freshness {
  /** Each chosen app with rows in the table: its oldest and newest period start. */
  apps: AppSpan[];
  /** Winning periods (of any app) still open to restatement, sorted. */
  openDays: string[];
}

export interface Lookups {
  /** Table → its columns (the raw table's, which the views show minus bookkeeping). */
  columns: Map<string, Set<string>>;
  freshness: Map<string, Freshness>;
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export async function readLookups(read: (sql: string) => Promise<InsightsRows>, granularity: DashboardGranularity,
  apps: readonly string[] | 'all'): Promise<Lookups> {
  const tables = [...new Set(PAGE_REPORTS.map((r) => reportAt(r, granularity)).filter((r): r is string => r !== null).map(tableOf))];
  const columns = new Map<string, Set<string>>();
  for (const [table, column] of (await read(viewColumnsSql('raw', tables))).rows) {
    columns.set(String(table), (columns.get(String(table)) ?? new Set()).add(String(column)));
  }
  return { columns, freshness: await readFreshness(read, tables, granularity, apps) };
}

/** Per table, each chosen app's span and the periods still open to restatement (tables without rows are absent). */
export async function readFreshness(read: (sql: string) => Promise<InsightsRows>, tables: readonly string[],
  granularity: DashboardGranularity, apps: readonly string[] | 'all'): Promise<Map<string, Freshness>> {
  const freshness = new Map<string, Freshness>();
  if (tables.length === 0) return freshness;
  for (const [table, appId, name, oldest, newest, open] of (await read(freshnessSql(tables, granularity, apps))).rows) {
    const from = text(oldest);
    const to = text(newest);
    if (from === null || to === null) continue;
    const seen = freshness.get(String(table)) ?? { apps: [], openDays: [] };
    seen.apps.push({ appId: String(appId), name: text(name), oldest: from, newest: to });
    if (Array.isArray(open)) seen.openDays = [...seen.openDays, ...open.map(String)].sort();
    freshness.set(String(table), seen);
  }
  return freshness;
}
