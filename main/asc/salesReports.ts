// `GET /v1/salesReports`: one Sales and Trends file for a vendor, report kind and date, told apart
// from the three ways a date can be missing (fact sheet §1.6): no sales (a real zero), not yet
// published (ask again later — never a zero) and gone (past Apple's retention).

import { OrchardError } from '../../shared/errors';
import type { SalesReportKind } from '../../shared/sales';
import { AscApiError } from './errors';
import type { AscHttp } from './http';

/** A daily summary of a large studio is a few MB of gzip; anything past this is refused unread. */
export const MAX_SALES_FILE_BYTES = 64 * 1_048_576;

export interface SalesReportQuery extends SalesReportKind {
  vendorNumber: string;
  /** YYYY-MM-DD (daily; weekly = the week's ending Sunday), YYYY-MM (monthly) or YYYY (yearly). */
  reportDate: string;
  version: string;
}

export type SalesFetchResult =
  | { kind: 'file'; gzip: Buffer }
  | { kind: 'no-sales' | 'not-yet' | 'gone'; detail: string };

/** Apple asked for another version; the caller retries once with `latestVersion` and remembers it. */
export class SalesVersionError extends OrchardError {
  constructor(readonly latestVersion: string, detail: string) {
    super('BAD_INPUT', `Apple wants version ${latestVersion} of this report. Apple says: “${detail}”`, { latestVersion });
    this.name = 'SalesVersionError';
  }
}

export interface SalesApi {
  fetchSalesReport(query: SalesReportQuery, options?: { signal?: AbortSignal }): Promise<SalesFetchResult>;
}

const LATEST_VERSION = /latest version for this report is (\d+_\d+)/i;

/** Classifies a 404/410 by Apple's detail text; an unrecognised 404 counts as not yet (never a zero). */
export function missingKind(error: AscApiError): 'no-sales' | 'not-yet' | 'gone' | undefined {
  if (error.status === 410) return 'gone';
  if (error.status !== 404) return undefined;
  if (/no sales/i.test(error.detail ?? '')) return 'no-sales';
  return 'not-yet';
}

export function createSalesApi(http: AscHttp): SalesApi {
  return {
    async fetchSalesReport(query, options = {}) {
      try {
        const gzip = await http.requestFile('/v1/salesReports', {
          query: {
            'filter[frequency]': query.frequency,
            'filter[reportDate]': query.reportDate,
            'filter[reportSubType]': query.reportSubType,
            'filter[reportType]': query.reportType,
            'filter[vendorNumber]': query.vendorNumber,
            'filter[version]': query.version,
          },
          signal: options.signal,
          maxBytes: MAX_SALES_FILE_BYTES,
        });
        return { kind: 'file', gzip };
      } catch (error) {
        if (!(error instanceof AscApiError)) throw error;
        const missing = missingKind(error);
        if (missing !== undefined) return { kind: missing, detail: error.detail ?? '' };
        const latest = LATEST_VERSION.exec(error.detail ?? '')?.[1];
        if (error.status === 400 && latest !== undefined) throw new SalesVersionError(latest, error.detail ?? '');
        throw error;
      }
    },
  };
}
