// Where a pinned (or workbench) query's `:from` and `:to` lie under "the last N days/weeks/months":
// the built-in tiles' rule (tileWindow.rangeAtData over coverage.ts), placed against the data every
// chosen app has published in the report views the query names.
import type { DashboardControls, DashboardGranularity } from '../../../shared/dashboards';
import type { PinWindow } from '../../../shared/pins';
import { REPORT_CATALOGUE, tableNameFor } from '../../../shared/reportCatalogue';
import type { InsightsRows } from '../../warehouse';
import { commonNewest, lagNotes, type AppSpan } from '../coverage';
import { readFreshness } from '../dashboards/lookups';
import { checkControls } from '../dashboards/service';
import { UNIT_OF, periodEnd } from '../dashboards/periods';
import { rangeAtData } from '../dashboards/tileWindow';
import { reportViewsOf, type ReportView } from './reportViews';

type Read = (sql: string) => Promise<InsightsRows>;

const DAILY_TABLES = REPORT_CATALOGUE.filter((r) => r.granularities.includes('DAILY')).map((r) => tableNameFor(r.name));

/** Each view's spans with `newest` turned into the last day of its period, so views of several granularities compare. */
async function spansOf(read: Read, views: readonly ReportView[], apps: DashboardControls['apps']): Promise<AppSpan[][]> {
  const byGranularity = new Map<DashboardGranularity, string[]>();
  for (const v of views) byGranularity.set(v.granularity, [...(byGranularity.get(v.granularity) ?? []), v.table]);
  const found = new Map<DashboardGranularity, Map<string, { apps: AppSpan[] }>>();
  // One after another: the reads share one connection.
  for (const [g, tables] of byGranularity) found.set(g, await readFreshness(read, tables, g, apps));
  return views.map((v) => (found.get(v.granularity)?.get(v.table)?.apps ?? [])
    .map((s) => ({ ...s, newest: periodEnd(s.newest, UNIT_OF[v.granularity]) })));
}

/**
 * A query that names no report view could read any of them. It ends at the newest day every chosen
 * app has published in some daily report view (each app's freshest one): taking the stalest report
 * instead would let one slow report (crashes arrive days later) hold back every such query.
 */
async function anyDailySpans(read: Read, apps: DashboardControls['apps']): Promise<AppSpan[]> {
  const perApp = new Map<string, AppSpan>();
  for (const { apps: spans } of (await readFreshness(read, DAILY_TABLES, 'DAILY', apps)).values()) {
    for (const s of spans) {
      const seen = perApp.get(s.appId);
      perApp.set(s.appId, seen === undefined ? s
        : { ...seen, name: seen.name ?? s.name, oldest: s.oldest < seen.oldest ? s.oldest : seen.oldest, newest: s.newest > seen.newest ? s.newest : seen.newest });
    }
  }
  return [...perApp.values()];
}

/**
 * The window `:from`/`:to` stand for. Only a "last N" range (`endAtData`) reads the data's spans;
 * a custom range is the dates as given. A named view with no rows for the chosen apps leaves the
 * dates as given too, as a built-in tile does.
 */
export async function pinWindow(read: Read, sql: string, controls: DashboardControls): Promise<PinWindow> {
  const asGiven: PinWindow = { window: { from: controls.from, to: controls.to }, granularity: controls.granularity, dataUpTo: null, notes: [] };
  if (controls.endAtData !== true) return asGiven;
  // Dates are counted with here, not only spliced in: the tiles' checks first.
  checkControls(controls);
  const views = reportViewsOf(sql, controls.granularity);
  let spans: AppSpan[];
  if (views.length === 0) {
    spans = await anyDailySpans(read, controls.apps);
  } else {
    const perView = await spansOf(read, views, controls.apps);
    if (perView.some((s) => s.length === 0)) return asGiven;
    spans = perView.flat();
  }
  const dataUpTo = commonNewest(spans);
  if (dataUpTo === null) return asGiven;
  return { window: rangeAtData(controls, dataUpTo), granularity: controls.granularity, dataUpTo, notes: lagNotes(spans) };
}
