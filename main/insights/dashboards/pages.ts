// The dashboard pages as the renderer sees them: each tile's definition (chart, meaning, reports,
// the filters it can apply) derived from its spec, so the two never disagree.
import { DASHBOARD_GRANULARITIES, FILTER_DIMENSIONS, type DashboardPage, type DashboardPageId, type FilterDimension,
  type TileChart, type TileDefinition } from '../../../shared/dashboards';
import { ACQUISITION } from './acquisition';
import { hasColumn, reportAt } from './catalogueRefs';
import { MONETIZATION } from './monetization';
import { PERFORMANCE } from './performance';
import { reportsOfShape } from './sqlBuilder';
import { FILTER_HEADERS, type TileShape, type TileSpec } from './spec';
import { USAGE } from './usage';

const PAGES: readonly { id: DashboardPageId; title: string; description: string; tiles: readonly TileSpec[] }[] = [
  { id: 'acquisition', title: 'Acquisition', tiles: ACQUISITION,
    description: 'How people find the app on the App Store and download it.' },
  { id: 'monetization', title: 'Monetization', tiles: MONETIZATION,
    description: 'Purchases and proceeds, by territory and by product.' },
  { id: 'usage', title: 'Usage', tiles: USAGE,
    description: 'Sessions, installs against deletions and app version adoption.' },
  { id: 'performance', title: 'Performance', tiles: PERFORMANCE,
    description: 'Crashes by version, device and OS, and install performance.' },
];

const CHART: Readonly<Record<TileShape['kind'], TileChart>> = {
  trend: 'line', mix: 'stackedArea', ranked: 'rankedBars', funnel: 'funnel', grain: 'table',
};

/** Every report a tile may read: the named ones and the Detailed twins serving other granularities. */
export function reportsOfTile(spec: TileSpec): string[] {
  const named = reportsOfShape(spec.shape);
  const all = named.flatMap((r) => DASHBOARD_GRANULARITIES.map((g) => reportAt(r, g)));
  return [...new Set([...named, ...all.filter((r): r is string => r !== null)])];
}

/** A filter applies when every report the tile reads has its column. */
export function filtersOfTile(spec: TileSpec): FilterDimension[] {
  const reports = reportsOfTile(spec);
  return FILTER_DIMENSIONS.filter((d) => reports.every((r) => hasColumn(r, FILTER_HEADERS[d])));
}

function definitionOf(spec: TileSpec): TileDefinition {
  return {
    id: spec.id, title: spec.title, chart: CHART[spec.shape.kind], meaning: spec.meaning, unit: spec.unit,
    reports: reportsOfTile(spec), filters: filtersOfTile(spec),
    ...(spec.uniqueNote === undefined ? {} : { uniqueNote: spec.uniqueNote }),
  };
}

export const DASHBOARDS: readonly DashboardPage[] = PAGES.map((p) => ({
  id: p.id, title: p.title, description: p.description, tiles: p.tiles.map(definitionOf),
}));

export function findTile(pageId: DashboardPageId, tileId: string): TileSpec | undefined {
  return PAGES.find((p) => p.id === pageId)?.tiles.find((t) => t.id === tileId);
}
