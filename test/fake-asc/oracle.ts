// latestTotals: the ground truth integration tests compare a client's warehouse with. Per Date,
// the instance with the newest processingDate wins; its rows (all segments) are summed.

import { findReportDef } from './catalogue';
import type { FakeContext } from './context';
import { dayToIso } from './dates';
import { rowScopeOf } from './production';
import { DateBlock } from './rows';
import type { InstanceRecord } from './store';
import type { LatestTotalsQuery } from './types';

/**
 * Totals per Date (`YYYY-MM-DD`, ascending). Money columns are in USD rounded to cents. Dates whose
 * winning rows have only empty cells in the metric are omitted (SQL's SUM would give NULL there).
 */
export function latestTotals(ctx: FakeContext, query: LatestTotalsQuery): Map<string, number> {
  ctx.catchUp();
  const def = findReportDef(query.reportName);
  if (!def) throw new Error(`latestTotals: unknown report name '${query.reportName}'`);
  const metricIndex = def.columns.findIndex((c) => c.kind === 'metric' && c.name === query.metric);
  const column = def.columns[metricIndex];
  if (column?.kind !== 'metric') throw new Error(`latestTotals: '${query.metric}' is not a metric column of '${def.name}'`);
  const now = ctx.clock.nowMs();
  const winners = new Map<number, InstanceRecord>();
  for (const instance of ctx.store.instances.values()) {
    const report = instance.report;
    if (report.request.app.id !== query.appId || report.def.name !== def.name || instance.granularity !== query.granularity) continue;
    if (query.scope !== 'everProduced' && !ctx.store.isInstanceLive(instance, now)) continue;
    for (const date of instance.dates) {
      const current = winners.get(date);
      if (!current || isNewer(instance, current)) winners.set(date, instance);
    }
  }
  const app = ctx.store.apps.get(query.appId);
  const totals = new Map<string, number>();
  if (!app) return totals;
  const scope = rowScopeOf(ctx, app, def, query.granularity);
  for (const date of [...winners.keys()].sort((a, b) => a - b)) {
    const block = new DateBlock(scope, date, (winners.get(date) as InstanceRecord).processingDay);
    let sum = 0;
    let seen = false;
    for (let row = 0; row < block.total; row++) {
      if (!block.isPresent(row)) continue;
      const value = block.metricValue(row, metricIndex);
      if (value === null) continue;
      sum += value;
      seen = true;
    }
    if (seen) totals.set(dayToIso(date), column.metric.money ? sum / 100 : sum);
  }
  return totals;
}

/** Newest processingDate wins; equal ones hold identical rows, so the tie-break only keeps it stable. */
function isNewer(candidate: InstanceRecord, current: InstanceRecord): boolean {
  if (candidate.processingDay !== current.processingDay) return candidate.processingDay > current.processingDay;
  const rank = (i: InstanceRecord) => (i.report.request.accessType === 'ONGOING' ? 0 : 1);
  if (rank(candidate) !== rank(current)) return rank(candidate) < rank(current);
  return candidate.id < current.id;
}
