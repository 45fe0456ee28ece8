// Builds the Reports screen's rows from the warehouse's report and instance rows: one row per
// report name (a name spans the ONGOING and snapshot requests), with its level, granularities,
// instance counts by state, last sync status, and whether it is included in sync.
import { GRANULARITIES, REPORT_CATEGORIES, type AccessType, type Granularity } from '../../shared/ascTypes';
import type { ReportLevelLabel, ReportView } from '../../shared/browse';
import { findReport } from '../../shared/reportCatalogue';
import { isDefaultReport, normaliseReportName } from '../sync/reportSelection';
import { classifyInstance, emptyCounts, type ClassifyContext, type InstanceRow } from './instancesModel';

export interface ReportRow {
  reportId: string;
  requestId: string;
  accessType: AccessType;
  name: string;
  category: string;
  status?: string;
  reason?: string;
}

export function levelOf(name: string): ReportLevelLabel {
  const level = findReport(name)?.level;
  if (level === 'STANDARD' || / Standard$/i.test(name)) return 'Standard';
  if (level === 'DETAILED' || / Detailed$/i.test(name)) return 'Detailed';
  return 'Single';
}

const categoryOrder = (category: string) => {
  const i = (REPORT_CATEGORIES as readonly string[]).indexOf(category);
  return i === -1 ? REPORT_CATEGORIES.length : i;
};

export function buildReportViews(
  reports: readonly ReportRow[],
  instances: readonly InstanceRow[],
  selection: readonly string[] | undefined,
  ctx: ClassifyContext,
): ReportView[] {
  const chosen = selection === undefined ? undefined : new Set(selection.map(normaliseReportName));
  const byName = new Map<string, ReportRow[]>();
  for (const r of reports) byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
  const instancesByName = new Map<string, InstanceRow[]>();
  for (const i of instances) instancesByName.set(i.reportName, [...(instancesByName.get(i.reportName) ?? []), i]);

  const views = [...byName.entries()].map(([name, rows]): ReportView => {
    const category = rows[0]?.category ?? '';
    // Statuses are written per name by the sync; the ONGOING row is the one kept current.
    const withStatus = rows.find((r) => r.accessType === 'ONGOING' && r.status) ?? rows.find((r) => r.status);
    const counts = emptyCounts();
    const seen = new Set<Granularity>(findReport(name)?.granularities ?? []);
    let rowsLoaded = 0;
    const own = instancesByName.get(name) ?? [];
    for (const i of own) {
      counts[classifyInstance(i, ctx).state] += 1;
      seen.add(i.granularity);
      if (i.ingested) rowsLoaded += i.rowCount ?? 0;
    }
    const isDefault = isDefaultReport({ id: '', name, category });
    return {
      name,
      category,
      level: levelOf(name),
      accessTypes: [...new Set(rows.map((r) => r.accessType))].sort().reverse(),
      ...(withStatus?.status ? { status: withStatus.status } : {}),
      ...(withStatus?.reason ? { reason: withStatus.reason } : {}),
      granularities: GRANULARITIES.filter((g) => seen.has(g)),
      instances: { total: own.length, ...counts },
      rowsLoaded,
      selected: chosen === undefined ? isDefault : chosen.has(normaliseReportName(name)),
      isDefault,
    };
  });
  return views.sort((a, b) => categoryOrder(a.category) - categoryOrder(b.category) || a.name.localeCompare(b.name));
}
