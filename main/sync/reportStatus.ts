// Per-report status with a reason a user can act on, from what the listing phase saw.
import type { Granularity } from '../../shared/ascTypes';
import type { ReportStatus } from '../../shared/sync';

export interface ReportObservation {
  reportName: string;
  category: string;
  /** Processing dates seen per granularity across the app's requests. */
  instances: { granularity: Granularity; processingDate: string }[];
  requestStopped: boolean;
  listingError?: string;
}

const DAY_MS = 86_400_000;

/**
 * `anyDataForApp` tells a brand-new request (Apple has produced nothing yet for any report: the
 * usual 24–48 h wait) from a report that simply has no data (thresholds, no activity).
 */
export function reportStatus(o: ReportObservation, anyDataForApp: boolean, today: Date): ReportStatus {
  const granularities = [...new Set(o.instances.map((i) => i.granularity))].sort();
  const latest = o.instances.map((i) => i.processingDate).sort().at(-1);
  const base = { reportName: o.reportName, category: o.category, granularities, ...(latest ? { latestProcessingDate: latest } : {}) };
  if (o.listingError) return { ...base, status: 'error', reason: o.listingError };
  if (o.requestStopped) {
    return { ...base, status: 'stopped', reason: 'Apple stopped the request because its reports were not downloaded for a while. Recreate it to receive new data.' };
  }
  if (!latest) {
    return anyDataForApp
      ? { ...base, status: 'no-data', reason: 'Apple lists this report but has produced no data for it: common when too few users are involved (privacy thresholds) or there was no activity.' }
      : { ...base, status: 'requested', reason: 'Requested: Apple usually needs 24–48 hours after the first request before data appears.' };
  }
  const ageDays = Math.floor((today.getTime() - Date.parse(`${latest}T00:00:00Z`)) / DAY_MS);
  if (ageDays > 7) {
    return { ...base, status: 'stale', reason: `The newest data Apple produced is from ${latest} (${ageDays} days ago).` };
  }
  return { ...base, status: 'available', reason: `Newest data processed ${latest}; granularities: ${granularities.join(', ').toLowerCase()}.` };
}
