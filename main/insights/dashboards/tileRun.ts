// Runs one tile: resolves its reports at the chosen granularity, places its range against every
// chosen app's data (lookups kept until an ingest: tileWindow.ts), builds its statement and reads
// its rows in one session of the insights connection (a page's tiles run one after another).
import type { DashboardControls, DashboardPageId, FilterDimension, TileResult } from '../../../shared/dashboards';
import { isDefaultReport } from '../../sync/reportSelection';
import type { InsightsRows } from '../../warehouse';
import { dateColumnOf, hasColumn, reportAt, reportOf, tableOf } from './catalogueRefs';
import type { Lookups } from './lookups';
import { filtersOfTile } from './pages';
import { bucketsFor } from './periods';
import { GRAIN_COUNT_COLUMN, limitedGrainSql, reportsOfShape, tileSql } from './sqlBuilder';
import type { SqlContext } from './sqlParts';
import { FILTER_HEADERS, isRatio, type Measure, type TileSpec } from './spec';
import { tileWindow } from './tileWindow';

type Read = (sql: string) => Promise<InsightsRows>;

const GRAIN_WORD = { DAILY: 'daily', WEEKLY: 'weekly', MONTHLY: 'monthly' } as const;

function measuresOf(spec: TileSpec): Measure[] {
  const s = spec.shape;
  if (s.kind === 'trend') return s.series.flatMap((x) => (isRatio(x) ? [x.numerator, x.denominator] : [x]));
  if (s.kind === 'funnel') return [...s.steps, ...(s.rates ?? []).flatMap((r) => (r === null ? [] : [r.of]))];
  if (s.kind === 'grain') return [];
  return [s.measure];
}

/** The columns the statement reads from each (resolved) report's view. */
function neededColumns(spec: TileSpec, resolve: (r: string) => string, filters: FilterDimension[]): Map<string, Set<string>> {
  const needed = new Map<string, Set<string>>();
  const add = (report: string, column: string) => needed.set(report, (needed.get(report) ?? new Set()).add(column));
  for (const named of reportsOfShape(spec.shape)) {
    const r = resolve(named);
    add(r, dateColumnOf(r));
    for (const d of filters) add(r, reportOf(r).columns.find((c) => c.header === FILTER_HEADERS[d])?.name ?? '');
  }
  for (const m of measuresOf(spec)) add(resolve(m.report), m.column);
  if (spec.shape.kind === 'mix' || spec.shape.kind === 'ranked') add(resolve(spec.shape.measure.report), spec.shape.by);
  if (spec.shape.kind === 'grain') add(resolve(spec.shape.report), spec.shape.column);
  return needed;
}

/** The dimension columns of a report row (what makes Apple's grain), in catalogue order. */
function grainDimensions(report: string, present: Set<string>): string[] {
  const entry = reportOf(report);
  return entry.columns.filter((c) => (c.type === 'VARCHAR' || (c.type === 'DATE' && c.header !== entry.dateColumn)) && present.has(c.name))
    .map((c) => c.name);
}

/** The filter note names only the reports that lack the column (a ratio's other report may have it). */
function filterNote(spec: TileSpec, d: FilterDimension, resolve: (r: string) => string): string {
  const lacking = reportsOfShape(spec.shape).filter((r) => !hasColumn(resolve(r), FILTER_HEADERS[d]) || !hasColumn(r, FILTER_HEADERS[d]));
  const named = lacking.length === 0 ? reportsOfShape(spec.shape) : lacking;
  return `The ${FILTER_HEADERS[d].toLowerCase()} filter is not applied: ${named.join(' and ')} ${named.length > 1 ? 'have' : 'has'} no ${FILTER_HEADERS[d]} column.`;
}

export async function runTile(read: Read, pageId: DashboardPageId, spec: TileSpec, controls: DashboardControls,
  lookups: Promise<Lookups>): Promise<TileResult> {
  const g = controls.granularity;
  const notes: string[] = [];
  const asked = bucketsFor(controls.from, controls.to, g, controls.compare);
  const empty = (window = { window: asked.window, compareWindow: asked.compareWindow }, sql = ''): TileResult =>
    ({ pageId, tileId: spec.id, granularity: g, ...window, sql, columns: [], rows: [], dataUpTo: null, compareNote: null, restatingFrom: null, notes, elapsedMs: 0 });

  const named = reportsOfShape(spec.shape);
  const resolved = new Map(named.map((r) => [r, reportAt(r, g)]));
  const unpublished = named.filter((r) => resolved.get(r) === null);
  if (unpublished.length > 0) {
    notes.push(`Apple publishes no ${GRAIN_WORD[g]} ${unpublished.join(' or ')}; Orchard does not add days up into periods Apple never published. Choose daily.`);
    return empty();
  }
  const resolve = (r: string) => resolved.get(r) ?? r;
  const applicable = filtersOfTile(spec);
  const filters: SqlContext['filters'] = {};
  for (const [d, values] of Object.entries(controls.filters) as [FilterDimension, string[] | undefined][]) {
    if (values === undefined || values.length === 0) continue;
    if (applicable.includes(d)) filters[d] = values;
    else notes.push(filterNote(spec, d, resolve));
  }
  if (spec.uniqueNote !== undefined) {
    notes.push('Unique counts are shown per row as Apple publishes them, never summed.');
    if (controls.compare !== 'none') notes.push('No comparison: rows at Apple\'s grain have no matching row to compare with.');
  }
  const tables = [...new Set(named.map(resolve))].map(tableOf);

  const lackingIn = (m: Lookups) => [...neededColumns(spec, resolve, Object.keys(filters) as FilterDimension[])]
    .filter(([r, cols]) => [...cols].some((c) => !(m.columns.get(tableOf(r))?.has(c) ?? false))).map(([r]) => r);
  // The lookups (columns, every app's span; read once per ingest) place the range before any SQL.
  const meta = await lookups;
  const isGrain = spec.shape.kind === 'grain';
  const place = tileWindow(isGrain ? { ...controls, compare: 'none' } : controls, tables, meta, spec.shape.kind === 'funnel' || spec.shape.kind === 'ranked');
  const { buckets } = place;
  const windows = { window: buckets.window, compareWindow: buckets.compareWindow };
  const lacking = lackingIn(meta);
  if (lacking.length > 0) {
    // A report outside the default selection would not come with a plain sync: say where to turn it on.
    // One inside it may still be switched off in an app's own selection, so "sync" names that too.
    const off = lacking.filter((r) => !isDefaultReport({ id: r, name: r, category: reportOf(r).category }));
    const them = lacking.length > 1 ? 'them' : 'it';
    notes.push(`No data: ${lacking.join(' and ')} ${lacking.length > 1 ? 'are' : 'is'} not in the warehouse (or lacks a column this tile reads). `
      + (off.length === 0 ? `Sync ${them} to see this tile (Orchard keeps ${them} by default; if the app's report selection (Sync) has ${them} switched off, switch ${them} on first).`
        : `Orchard does not keep ${off.join(' or ')} by default: choose ${off.length > 1 ? 'them' : 'it'} in the app's report selection (Sync), then sync.`));
    return empty(windows);
  }
  notes.push(...place.notes);
  if (place.dataUpTo === null) notes.push('No rows yet for the chosen apps in this report.');
  const restating = tables.flatMap((t) => meta.freshness.get(t)?.openDays.filter((d) => d >= buckets.window.from && d <= buckets.window.to).slice(0, 1) ?? []);
  const dated = { dataUpTo: place.dataUpTo, compareNote: place.compareNote,
    restatingFrom: restating.length === 0 ? null : restating.reduce((a, b) => (a < b ? a : b)) };
  if (place.outside) return { ...empty(windows), ...dated, restatingFrom: null };

  const ctx: SqlContext = { granularity: g, buckets, apps: controls.apps, filters, topN: controls.topN,
    dataSpan: place.dataSpan, compareOutside: place.compareOutside };
  const grainReport = spec.shape.kind === 'grain' ? resolve(spec.shape.report) : null;
  const grainDims = grainReport === null ? [] : grainDimensions(grainReport, meta.columns.get(tableOf(grainReport)) ?? new Set());
  const sql = tileSql(spec.shape, ctx, resolve, grainDims);
  const limited = limitedGrainSql(spec.shape, ctx, resolve, grainDims);
  const started = performance.now();
  const result = await read(limited ?? sql);
  const elapsedMs = Math.round(performance.now() - started);
  const countAt = limited === null ? -1 : result.columns.indexOf(GRAIN_COUNT_COLUMN);
  const columns = result.columns.filter((_, i) => i !== countAt);
  const rows = result.rows.map((row) => row.filter((_, i) => i !== countAt)
    .map((cell) => (cell === null || typeof cell === 'number' || typeof cell === 'string' ? cell : String(cell))));
  const totalRows = countAt < 0 ? {} : { totalRows: Number(result.rows[0]?.[countAt] ?? 0) };
  return { pageId, tileId: spec.id, granularity: g, ...windows, sql, columns, rows, ...dated, ...totalRows, notes, elapsedMs };
}
