// Runs one tile: resolves its reports at the chosen granularity, builds its statement and reads
// its rows in one session of the insights connection (a page's tiles run one after another in the
// order asked), then dates them with its group's metadata (columns, freshness), read beside it.
import type { DashboardControls, DashboardPageId, FilterDimension, TileResult } from '../../../shared/dashboards';
import type { InsightsRows } from '../../warehouse';
import { dateColumnOf, reportAt, reportOf, tableOf } from './catalogueRefs';
import type { GroupMeta } from './groupMeta';
import { filtersOfTile } from './pages';
import { bucketsFor, periodEnd, type Buckets } from './periods';
import { reportsOfShape, tileSql } from './sqlBuilder';
import type { SqlContext } from './sqlParts';
import { FILTER_HEADERS, isRatio, type Measure, type TileSpec } from './spec';

type Read = (sql: string) => Promise<InsightsRows>;

const GRAIN_WORD = { DAILY: 'daily', WEEKLY: 'weekly', MONTHLY: 'monthly' } as const;

function measuresOf(spec: TileSpec): Measure[] {
  const s = spec.shape;
  if (s.kind === 'trend') return s.series.flatMap((x) => (isRatio(x) ? [x.numerator, x.denominator] : [x]));
  if (s.kind === 'funnel') return s.steps;
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

export async function runTile(read: Read, pageId: DashboardPageId, spec: TileSpec, controls: DashboardControls,
  groupMeta: Promise<GroupMeta>): Promise<TileResult> {
  const g = controls.granularity;
  const buckets: Buckets = bucketsFor(controls.from, controls.to, g, controls.compare);
  const notes: string[] = [];
  const base = { pageId, tileId: spec.id, granularity: g, window: buckets.window, compareWindow: buckets.compareWindow };
  const empty = (sql = ''): TileResult => ({ ...base, sql, columns: [], rows: [], dataUpTo: null, restatingFrom: null, notes, elapsedMs: 0 });

  const applicable = filtersOfTile(spec);
  const filters: SqlContext['filters'] = {};
  for (const [d, values] of Object.entries(controls.filters) as [FilterDimension, string[] | undefined][]) {
    if (values === undefined || values.length === 0) continue;
    if (applicable.includes(d)) filters[d] = values;
    else notes.push(`The ${FILTER_HEADERS[d].toLowerCase()} filter is not applied: ${reportsOfShape(spec.shape).join(' and ')} has no ${FILTER_HEADERS[d]} column.`);
  }
  if (spec.uniqueNote !== undefined) {
    notes.push('Unique counts are shown per row as Apple publishes them, never summed.');
    if (controls.compare !== 'none') notes.push('No comparison: rows at Apple\'s grain have no matching row to compare with.');
  }

  const named = reportsOfShape(spec.shape);
  const resolved = new Map(named.map((r) => [r, reportAt(r, g)]));
  const unpublished = named.filter((r) => resolved.get(r) === null);
  if (unpublished.length > 0) {
    notes.push(`Apple publishes no ${GRAIN_WORD[g]} ${unpublished.join(' or ')}; Orchard does not add days up into periods Apple never published. Choose daily.`);
    return empty();
  }
  const resolve = (r: string) => resolved.get(r) ?? r;
  const reports = [...new Set(named.map(resolve))];
  const tables = reports.map(tableOf);
  const ctx: SqlContext = { granularity: g, buckets, apps: controls.apps, filters,
    topN: controls.topN };

  const lackingIn = (m: GroupMeta) => [...neededColumns(spec, resolve, Object.keys(filters) as FilterDimension[])]
    .filter(([r, cols]) => [...cols].some((c) => !(m.columns.get(tableOf(r))?.has(c) ?? false))).map(([r]) => r);
  const noData = (lacking: string[]) => {
    notes.push(`No data: ${lacking.join(' and ')} ${lacking.length > 1 ? 'are' : 'is'} not in the warehouse (or lacks a column this tile reads). Sync it to see this tile.`);
    return empty();
  };
  // A unique-count table lists the columns its view has, so it needs them first; any other tile
  // runs at once, and the group's metadata (read beside it) only explains a failure.
  let known: GroupMeta | null = null;
  if (spec.shape.kind === 'grain') {
    known = await groupMeta;
    const lacking = lackingIn(known);
    if (lacking.length > 0) return noData(lacking);
  }
  const grainReport = spec.shape.kind === 'grain' ? resolve(spec.shape.report) : null;
  const grainDims = grainReport === null || known === null ? [] : grainDimensions(grainReport, known.columns.get(tableOf(grainReport)) ?? new Set());
  // Rows at Apple's grain are never compared: the table reads the range only.
  const uncompared = { ...buckets, compareShift: null, compareWindow: null, compareFirst: null, compareLast: null };
  const sql = tileSql(spec.shape, grainReport === null ? ctx : { ...ctx, buckets: uncompared }, resolve, grainDims);
  const started = performance.now();
  let result: InsightsRows;
  try {
    result = await read(sql);
  } catch (error) {
    const lacking = lackingIn(await groupMeta);
    if (lacking.length > 0) return noData(lacking);
    throw error;
  }
  const elapsedMs = Math.round(performance.now() - started);
  const meta = known ?? await groupMeta;

  const fresh = tables.map((t) => meta.freshness.get(t));
  const newest = fresh.map((f) => f?.newest ?? null);
  const oldest = fresh.map((f) => f?.oldest ?? null).filter((d): d is string => d !== null);
  const dataUpTo = newest.every((d): d is string => d !== null)
    ? periodEnd(newest.reduce((a, b) => (a < b ? a : b)), buckets.unit) : null;
  const restating = fresh.map((f) => f?.restating ?? null).filter((d): d is string => d !== null);
  const restatingFrom = restating.length === 0 ? null : restating.reduce((a, b) => (a < b ? a : b));
  if (dataUpTo === null) notes.push('No rows yet for the chosen apps in this report.');
  const oldestDay = oldest.length === 0 ? null : oldest.reduce((a, b) => (a > b ? a : b));
  if (oldestDay !== null && buckets.compareWindow !== null && spec.shape.kind !== 'grain' && buckets.compareWindow.from < oldestDay) {
    notes.push(`The comparison window starts before the warehouse's data (from ${oldestDay}): its periods without rows count as 0.`);
  }

  const rows = result.rows.map((row) => row.map((cell) => (cell === null || typeof cell === 'number' || typeof cell === 'string' ? cell : String(cell))));
  return { ...base, ...(spec.shape.kind === 'grain' ? { compareWindow: null } : {}), sql, columns: result.columns, rows, dataUpTo, restatingFrom, notes, elapsedMs };
}
