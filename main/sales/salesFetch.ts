// Asking Apple for one Sales and Trends date: version drift recovered once per report type and
// remembered, which errors speak for a whole kind rather than one date, and a small worker pool.

import { OrchardError } from '../../shared/errors';
import type { SalesReportKind } from '../../shared/sales';
import { AscApiError } from '../asc/errors';
import { SalesVersionError, type SalesApi, type SalesFetchResult } from '../asc/salesReports';
import type { Logger } from '../logging/logger';
import type { SalesVersionBook } from './salesVersions';

/** Apple's wordings for a report not published yet (fact sheet §1.6); any other 404 text is an error, never a silent retry. */
export const NOT_YET_TEXT = /not (yet )?available|available yet|try again later/i;

/** Errors that say nothing about one date but about the kind (403, a refused version or combination): asking its other dates would only repeat them. */
export function failsWholeKind(error: unknown): boolean {
  if (error instanceof SalesVersionError || (error instanceof OrchardError && error.code === 'FORBIDDEN')) return true;
  return error instanceof AscApiError && (error.status === 403 || error.status === 400);
}

export async function fetchWithVersion(
  deps: { client: SalesApi; versions: SalesVersionBook; logger: Logger }, vendorNumber: string, kind: SalesReportKind, reportDate: string, signal?: AbortSignal,
): Promise<{ result: SalesFetchResult; version: string }> {
  const version = deps.versions.versionFor(kind);
  try {
    return { result: await deps.client.fetchSalesReport({ ...kind, vendorNumber, reportDate, version }, { signal }), version };
  } catch (error) {
    if (!(error instanceof SalesVersionError) || error.latestVersion === version) throw error;
    // Apple named the version it wants: retry once with it and remember it for next time.
    deps.versions.learn(kind.reportType, error.latestVersion);
    deps.logger.info('sales.version_learned', { reportType: kind.reportType, from: version, to: error.latestVersion });
    const latest = error.latestVersion;
    return { result: await deps.client.fetchSalesReport({ ...kind, vendorNumber, reportDate, version: latest }, { signal }), version: latest };
  }
}

export async function runPool<T>(items: readonly T[], size: number, task: (item: T) => Promise<void>, stopped: () => boolean): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stopped()) {
      const item = items[next];
      next += 1;
      if (item !== undefined) await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}
