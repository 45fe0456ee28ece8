// Which report views a saved query reads, so its "last N days" can end where those reports' data
// end: catalogue table names found in code (not in strings or comments; quoted identifiers count),
// each with the granularity of the schema it is read from.
import type { DashboardGranularity } from '../../../shared/dashboards';
import { REPORT_CATALOGUE, tableNameFor } from '../../../shared/reportCatalogue';
import { isIdentChar, skipNonCode } from '../../../shared/sqlLexer';
import { VIEW_SCHEMAS } from '../../warehouse/views';

export interface ReportView {
  table: string;
  granularity: DashboardGranularity;
}

const REPORT_TABLES = new Set(REPORT_CATALOGUE.map((r) => tableNameFor(r.name)));
const SCHEMA_GRANULARITY = new Map<string, DashboardGranularity>(VIEW_SCHEMAS.map(([schema, g]) => [schema, g]));
const NAME_START = /[A-Za-z_\u0080-\uffff]/;

/** Every name in code, lower-cased, with the name written just before it and a dot (its schema), if any. */
function qualifiedNames(sql: string): { name: string; qualifier: string | null }[] {
  const names: { name: string; qualifier: string | null }[] = [];
  /** The name just read, while only spaces, comments and one dot follow it. */
  let before: string | null = null;
  let dotted = false;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] ?? '';
    const next = skipNonCode(sql, i);
    let word: string;
    if (next !== i && c === '"') {
      word = sql.slice(i + 1, next - 1).replaceAll('""', '"');
      i = next;
    } else if (next !== i) {
      // A comment is invisible; a string ends any qualified name.
      if (c !== '-' && c !== '/') before = null;
      i = next;
      continue;
    } else if (NAME_START.test(c)) {
      let end = i + 1;
      while (isIdentChar(sql[end])) end += 1;
      word = sql.slice(i, end);
      i = end;
    } else {
      if (c === '.' && before !== null && !dotted) dotted = true;
      else if (!/\s/.test(c)) before = null;
      i += 1;
      continue;
    }
    const name = word.toLowerCase();
    names.push({ name, qualifier: dotted ? before : null });
    before = name;
    dotted = false;
  }
  return names;
}

/**
 * The report views `sql` reads: `weekly.x` and `monthly.x` hold Apple's weekly and monthly rows,
 * `raw.x` the granularity the query picks (taken as the controls' one, as `:granularity` would),
 * any other name of a report table (`x`, `main.x`) the daily rows. Each view once, in first-use order.
 */
export function reportViewsOf(sql: string, controlsGranularity: DashboardGranularity): ReportView[] {
  const seen = new Map<string, ReportView>();
  for (const { name, qualifier } of qualifiedNames(sql)) {
    if (!REPORT_TABLES.has(name)) continue;
    const granularity = qualifier === 'raw' ? controlsGranularity : SCHEMA_GRANULARITY.get(qualifier ?? 'main') ?? 'DAILY';
    seen.set(`${granularity} ${name}`, { table: name, granularity });
  }
  return [...seen.values()];
}
