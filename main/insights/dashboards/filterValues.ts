// The values a dashboard filter can take for the chosen apps, most frequent first (by rows across
// the reports the dashboards read that have the column), from the DAILY views.
import type { FilterDimension } from '../../../shared/dashboards';
import { quoteIdent } from '../../warehouse/sql';
import { col, hasColumn, tableOf } from './catalogueRefs';
import { CRASHES, DOWNLOADS, ENGAGEMENT, INSTALLS, PURCHASES, SESSIONS } from './reports';
import { appsPredicate, viewOf } from './sqlParts';
import { FILTER_HEADERS } from './spec';
import { viewColumnsSql } from './metaSql';
import type { InsightsRows } from '../../warehouse';

export const MAX_FILTER_CHOICES = 500;
const SOURCES = [DOWNLOADS, ENGAGEMENT, PURCHASES, SESSIONS, INSTALLS, CRASHES];

export async function filterValues(read: (sql: string) => Promise<InsightsRows>, apps: readonly string[] | 'all',
  dimension: FilterDimension): Promise<string[]> {
  const header = FILTER_HEADERS[dimension];
  const candidates = SOURCES.filter((r) => hasColumn(r, header));
  const present = await read(viewColumnsSql('main', candidates.map(tableOf)));
  const have = new Set(present.rows.map(([t, c]) => `${String(t)}.${String(c)}`));
  const column = col(candidates[0] ?? DOWNLOADS, header);
  const usable = candidates.filter((r) => have.has(`${tableOf(r)}.${column}`));
  if (usable.length === 0) return [];
  const app = appsPredicate(apps);
  const parts = usable.map((r) => `SELECT CAST(${quoteIdent(column)} AS VARCHAR) AS v FROM ${viewOf(r, 'DAILY')}${app === null ? '' : ` WHERE ${app}`}`);
  const result = await read(`SELECT v FROM (\n${parts.join('\nUNION ALL\n')}\n) WHERE v IS NOT NULL AND v <> ''
GROUP BY v ORDER BY count(*) DESC, v LIMIT ${MAX_FILTER_CHOICES}`);
  return result.rows.map((r) => String(r[0]));
}
