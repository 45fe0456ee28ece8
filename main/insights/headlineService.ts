// The Insights Overview headline numbers: per metric, the last N days against the N days before,
// a daily sparkline, the newest day with data and the SQL behind the number. Reads go through the
// warehouse's metadata reader: its own connection, so a headline never waits behind a workbench
// query or a sync's writes (DuckDB reads a committed snapshot) and never holds a result slot.
import type { DateWindow, HeadlinePeriod, HeadlineTile, HeadlinesView, SparkPoint } from '../../shared/insights';
import type { JsonValue, MetadataStore } from '../warehouse';
import { comparisonGap, commonNewest, firstData, lagNotes, type AppSpan } from './coverage';
import { addDays, addMonths } from './dashboards/periods';
import {
  HEADLINE_METRICS,
  newestDaysSql,
  sourcesOf,
  sparklineSql,
  tileSql,
  viewColumnsSql,
  type MetricDefinition,
  type SumSource,
  type Windows,
} from './metricDefinitions';

export interface HeadlineRequest {
  /** A numeric App Store app ID, or 'all' for every app in the warehouse. */
  appId: string;
  days: HeadlinePeriod;
  today: Date;
}

export interface HeadlineService {
  headlines(request: HeadlineRequest): Promise<HeadlinesView>;
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const shift = addDays;

/** The same calendar day a year earlier; Feb 29 becomes Feb 28 (as DuckDB's `- INTERVAL 1 YEAR`). */
export const yearBefore = (day: string): string => addMonths(day, -12);

/** The N days ending at `end`, and the N days before them. */
export function windowsEndingAt(end: string, days: number): Windows {
  const from = shift(end, -(days - 1));
  return { current: { from, to: end }, previous: { from: shift(from, -days), to: shift(from, -1) } };
}

function num(value: JsonValue | undefined): number | null {
  if (value === null || value === undefined) return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

export function changePercent(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null || previous === 0) return null;
  return ((value - previous) / Math.abs(previous)) * 100;
}

export function createHeadlineService(deps: { metadata: Pick<MetadataStore, 'read'> }): HeadlineService {
  const read = (sql: string) => deps.metadata.read(sql);

  /** Sources whose view exists with the columns the metric reads (a report never synced has none). */
  async function availableSources(): Promise<(s: SumSource) => boolean> {
    const rows = await read(viewColumnsSql());
    const columns = new Set(rows.map((r) => `${String(r.table_name)}.${String(r.column_name)}`));
    return (s) => [s.dateColumn, s.column].every((c) => columns.has(`${s.table}.${c}`));
  }

  /** Per report table, every app's oldest and newest day (apps without rows in a report are not in it). */
  async function dataSpans(sources: SumSource[], appId: string): Promise<Map<string, AppSpan[]>> {
    const spans = new Map<string, AppSpan[]>();
    if (sources.length === 0) return spans;
    for (const r of await read(newestDaysSql(sources, appId))) {
      if (typeof r.newest !== 'string' || typeof r.oldest !== 'string') continue;
      const table = String(r.table_name);
      const span = { appId: String(r.app_id), name: typeof r.name === 'string' ? r.name : null, oldest: r.oldest, newest: r.newest };
      spans.set(table, [...(spans.get(table) ?? []), span]);
    }
    return spans;
  }

  /** The same calendar dates a year earlier, only when every app's data reaches back to them. */
  async function yearAgo(metric: MetricDefinition, appId: string, w: Windows, value: number | null, spans: AppSpan[]): Promise<HeadlineTile['yearAgo']> {
    const window = { from: yearBefore(w.current.from), to: yearBefore(w.current.to) };
    if (comparisonGap(w.current, window, spans) !== null) return undefined;
    const sql = tileSql(metric, appId, { current: w.current, previous: window });
    if (sql === null) return undefined;
    const ago = num((await read(sql))[0]?.previous);
    return { window, value: ago, changePercent: changePercent(value, ago) };
  }

  async function tile(metric: MetricDefinition, appId: string, days: number, today: string, ok: (s: SumSource) => boolean,
    spansByTable: Map<string, AppSpan[]>): Promise<HeadlineTile> {
    const sources = sourcesOf(metric);
    const usable = sources.length > 0 && sources.every(ok);
    const tables = [...new Set(sources.map((s) => s.table))];
    const spans = usable ? tables.flatMap((t) => spansByTable.get(t) ?? []) : [];
    // The window ends on the newest day every app has published in every report the metric reads.
    const dataUpTo = usable && tables.every((t) => (spansByTable.get(t) ?? []).length > 0) ? commonNewest(spans) : null;
    const end = dataUpTo === null || dataUpTo > today ? shift(today, -1) : dataUpTo;
    const w = windowsEndingAt(end, days);
    const base = {
      id: metric.id, label: metric.label, meaning: metric.meaning, unit: metric.unit, dataUpTo,
      window: w.current as DateWindow, previousWindow: w.previous as DateWindow, lagNotes: lagNotes(spans),
    };
    const sql = usable ? tileSql(metric, appId, w) : null;
    const spark = usable ? sparklineSql(metric, appId, w.current.from, w.current.to, firstData(spans) ?? w.current.from) : null;
    if (sql === null || spark === null || dataUpTo === null) {
      return { ...base, value: null, previous: null, changePercent: null, compareNote: null, sparkline: [], sql: null,
        ...(metric.kind === 'unavailable' ? { unavailable: metric.reason } : {}) };
    }
    const [totals, daily] = await Promise.all([read(sql), read(spark)]);
    const value = num(totals[0]?.current);
    const previous = num(totals[0]?.previous);
    const sparkline: SparkPoint[] = daily.map((r) => ({ date: String(r.day), value: num(r.value) }));
    // A change only between windows fully covered by every app's data; otherwise both values and why.
    const compareNote = comparisonGap(w.current, w.previous, spans);
    const ago = await yearAgo(metric, appId, w, value, spans);
    return { ...base, value, previous, changePercent: compareNote === null ? changePercent(value, previous) : null, compareNote,
      sparkline, sql, ...(ago === undefined ? {} : { yearAgo: ago }) };
  }

  return {
    async headlines({ appId, days, today }) {
      const todayIso = isoDay(today);
      const ok = await availableSources();
      const sources = HEADLINE_METRICS.flatMap(sourcesOf).filter(ok);
      const spans = await dataSpans(sources, appId);
      const tiles: HeadlineTile[] = [];
      // One metric at a time: the reader is one connection, so parallel reads would only queue.
      for (const metric of HEADLINE_METRICS) tiles.push(await tile(metric, appId, days, todayIso, ok, spans));
      return { appId, days, today: todayIso, tiles };
    },
  };
}
