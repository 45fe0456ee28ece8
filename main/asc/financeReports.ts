// `GET /v1/financeReports`: one Finance file (FINANCIAL for a region or ZZ, FINANCE_DETAIL for Z1)
// for an Apple fiscal month, with the same not-yet / gone classification as sales reports.

import type { AscHttp } from './http';
import { AscApiError } from './errors';
import { MAX_SALES_FILE_BYTES, missingKind, type SalesFetchResult } from './salesReports';

export interface FinanceReportQuery {
  vendorNumber: string;
  reportType: 'FINANCIAL' | 'FINANCE_DETAIL';
  regionCode: string;
  /** Apple fiscal month, YYYY-MM. */
  reportDate: string;
}

export interface FinanceApi {
  fetchFinanceReport(query: FinanceReportQuery, options?: { signal?: AbortSignal }): Promise<SalesFetchResult>;
}

export function createFinanceApi(http: AscHttp): FinanceApi {
  return {
    async fetchFinanceReport(query, options = {}) {
      try {
        const gzip = await http.requestFile('/v1/financeReports', {
          query: {
            'filter[regionCode]': query.regionCode,
            'filter[reportDate]': query.reportDate,
            'filter[reportType]': query.reportType,
            'filter[vendorNumber]': query.vendorNumber,
          },
          signal: options.signal,
          maxBytes: MAX_SALES_FILE_BYTES,
        });
        return { kind: 'file', gzip };
      } catch (error) {
        const missing = error instanceof AscApiError ? missingKind(error) : undefined;
        // A finance month has no "no sales" answer of its own: an empty month is still a file.
        if (missing !== undefined) return { kind: missing === 'no-sales' ? 'not-yet' : missing, detail: (error as AscApiError).detail ?? '' };
        throw error;
      }
    },
  };
}
