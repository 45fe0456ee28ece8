// The Insights dashboards service: the pages, one tile's rows under the shared controls (checked
// again here: real calendar days, a bounded range), cancelling a group of tiles, filter values.
import type { DashboardControls, DashboardPage, DashboardPageId, FilterDimension, TileResult } from '../../../shared/dashboards';
import { MAX_RANGE_DAYS } from '../../../shared/dashboards';
import { OrchardError } from '../../../shared/errors';
import type { InsightsReader } from '../../warehouse';
import { filterValues } from './filterValues';
import { createTileGroups } from './groups';
import { DASHBOARDS, findTile } from './pages';
import { readLookups, type Lookups } from './lookups';
import { daysBetween, isCalendarDay } from './periods';
import { runTile } from './tileRun';

export interface TileRequest {
  requestId: string;
  group: string;
  pageId: DashboardPageId;
  tileId: string;
  controls: DashboardControls;
}

export interface DashboardService {
  pages(): DashboardPage[];
  tile(request: TileRequest): Promise<TileResult>;
  cancel(group: string): { cancelled: number };
  filterValues(apps: string[] | 'all', dimension: FilterDimension): Promise<string[]>;
}

/** The controls checked again in main (real calendar days, a bounded range, numeric app IDs): BAD_INPUT otherwise. */
export function checkControls(c: DashboardControls): void {
  if (!isCalendarDay(c.from) || !isCalendarDay(c.to)) throw new OrchardError('BAD_INPUT', 'The range needs real calendar days (YYYY-MM-DD).');
  if (c.from > c.to) throw new OrchardError('BAD_INPUT', 'The range starts after it ends.');
  if (daysBetween(c.from, c.to) + 1 > MAX_RANGE_DAYS) throw new OrchardError('BAD_INPUT', `A range is at most ${MAX_RANGE_DAYS} days.`);
  if (c.apps !== 'all' && c.apps.some((a) => !/^\d{1,20}$/.test(a))) throw new OrchardError('BAD_INPUT', 'An App Store app ID is numeric.');
}

/** Lookups kept (one per granularity and apps chosen since the last ingest). */
const KEPT_LOOKUPS = 16;

export function createDashboardService(deps: { reader: InsightsReader }): DashboardService {
  const groups = createTileGroups();
  const metas = new Map<string, Promise<Lookups>>();
  /** Columns and freshness for these controls, read on the lookup connection once per warehouse generation. */
  const metaOf = (c: DashboardControls): Promise<Lookups> => {
    const key = JSON.stringify([deps.reader.generation(), c.granularity, c.apps]);
    let meta = metas.get(key);
    if (meta === undefined) {
      meta = readLookups(deps.reader.lookup, c.granularity, c.apps);
      metas.set(key, meta);
      meta.catch(() => metas.delete(key));
      if (metas.size > KEPT_LOOKUPS) metas.delete(metas.keys().next().value as string);
    }
    return meta;
  };
  return {
    pages: () => DASHBOARDS.map((p) => ({ ...p, tiles: p.tiles.map((t) => ({ ...t })) })),

    async tile({ group, pageId, tileId, controls }) {
      const spec = findTile(pageId, tileId);
      if (spec === undefined) throw new OrchardError('NOT_FOUND', `The ${pageId} page has no tile ${tileId}.`);
      checkControls(controls);
      const { signal, done } = groups.start(group);
      try {
        if (signal.aborted) throw signal.reason as Error;
        const meta = metaOf(controls);
        return await deps.reader.session((read) => runTile(read, pageId, spec, controls, meta), signal);
      } finally {
        done();
      }
    },

    cancel: (group) => ({ cancelled: groups.cancel(group) }),

    filterValues: (apps, dimension) => deps.reader.session((read) => filterValues(read, apps, dimension)),
  };
}
