// The sales client: every combination Orchard may ask for is a request Apple's OpenAPI extract
// accepts; the file comes back as bytes with Accept: application/a-gzip; the three kinds of
// missing date are told apart by Apple's detail text; a version hint becomes SalesVersionError;
// an oversized body is refused while it streams.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createAscClient } from '../../../main/asc/client';
import { SalesVersionError } from '../../../main/asc/salesReports';
import { SALES_COMBINATIONS } from '../../../shared/sales';
import { assertValidRequest } from '../../support/openapi';
import { ascError, BASE_URL, scriptedFetch, testTokenProvider, type Step } from './helpers';

const gz = () => new Response(gzipSync(Buffer.from('Provider\tUnits\nAPPLE\t1\n')), { status: 200, headers: { 'Content-Type': 'application/a-gzip' } });
const DATE_OF = { DAILY: '2025-03-01', WEEKLY: '2025-03-02', MONTHLY: '2025-02', YEARLY: '2024' } as const;

async function client(steps: Step[]) {
  const scripted = scriptedFetch(steps);
  const api = createAscClient({ baseUrl: BASE_URL, fetch: scripted.fetch, tokenProvider: await testTokenProvider(), sleep: async () => undefined });
  return { api, scripted };
}

describe('salesReports client', () => {
  it('sends requests Apple’s OpenAPI extract accepts, for every combination Orchard knows', async () => {
    const kinds = SALES_COMBINATIONS.flatMap((r) => r.frequencies.map((frequency) => ({ r, frequency })));
    const { api, scripted } = await client(kinds.map(() => gz()));
    for (const { r, frequency } of kinds) {
      const result = await api.fetchSalesReport({ reportType: r.reportType, reportSubType: r.reportSubType, frequency, version: r.defaultVersion, vendorNumber: '85012345', reportDate: DATE_OF[frequency] });
      expect(result.kind).toBe('file');
    }
    for (const request of scripted.requests) {
      expect(() => assertValidRequest('GET', request.url)).not.toThrow();
      expect(request.headers.get('accept')).toBe('application/a-gzip');
      expect(request.url).not.toContain('+');
    }
  });

  it('tells no sales, not yet and gone apart; an unknown 404 is "not yet", never a zero', async () => {
    const { api } = await client([
      ascError(404, 'NOT_FOUND', 'There were no sales for the date specified.'),
      ascError(404, 'NOT_FOUND', 'Report is not available yet. Try again later.'),
      ascError(410, 'GONE', 'Report is no longer available.'),
      ascError(404, 'NOT_FOUND', 'Something Apple has never said before.'),
    ]);
    const q = { reportType: 'SALES', reportSubType: 'SUMMARY', frequency: 'DAILY' as const, version: '1_0', vendorNumber: '85012345', reportDate: '2025-03-01' };
    expect((await api.fetchSalesReport(q)).kind).toBe('no-sales');
    expect((await api.fetchSalesReport(q)).kind).toBe('not-yet');
    expect((await api.fetchSalesReport(q)).kind).toBe('gone');
    expect((await api.fetchSalesReport(q)).kind).toBe('not-yet');
  });

  it('turns "the latest version for this report is X_Y" into SalesVersionError', async () => {
    const { api } = await client([ascError(400, 'PARAMETER_ERROR.INVALID', 'The version parameter you have specified is invalid. The latest version for this report is 1_4.')]);
    const error = await api.fetchSalesReport({ reportType: 'SUBSCRIPTION', reportSubType: 'SUMMARY', frequency: 'DAILY', version: '1_3', vendorNumber: '85012345', reportDate: '2025-03-01' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SalesVersionError);
    expect((error as SalesVersionError).latestVersion).toBe('1_4');
  });

  it('stops reading a body past the size cap while it streams', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(8 * 1_048_576));
      },
    });
    const { api } = await client([new Response(endless, { status: 200 })]);
    const error = await api.fetchSalesReport({ reportType: 'SALES', reportSubType: 'SUMMARY', frequency: 'DAILY', version: '1_0', vendorNumber: '85012345', reportDate: '2025-03-01' }).catch((e: unknown) => e);
    expect(String((error as Error).message)).toMatch(/larger than 64 MB/);
    expect(pulled).toBeLessThan(12);
  });
});
