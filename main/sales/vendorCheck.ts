// Checks a vendor number with one small SALES/SUMMARY/DAILY call and learns from the answers
// whether the key can read finance (Sales and Reports keys cannot; Finance and Admin keys can).

import { OrchardError } from '../../shared/errors';
import type { AscClient } from '../asc';
import { AscApiError } from '../asc';
import { FISCAL_MONTHS } from '../warehouse/sales/salesCatalogue';
import { pacificToday } from './salesDates';

const DAY_MS = 86_400_000;

export async function checkVendorNumber(client: AscClient, vendorNumber: string, now: Date): Promise<{ finance: 'readable' | 'forbidden' | 'unknown' }> {
  // Two days back is published whatever the hour; a not-yet or no-sales answer still proves the number.
  const reportDate = new Date(pacificToday(now) - 2 * DAY_MS).toISOString().slice(0, 10);
  try {
    await client.fetchSalesReport({ reportType: 'SALES', reportSubType: 'SUMMARY', frequency: 'DAILY', version: '1_0', vendorNumber, reportDate });
  } catch (error) {
    if (error instanceof AscApiError && error.status === 400 && /vendor number/i.test(error.detail ?? '')) {
      throw new OrchardError('BAD_INPUT', `Apple does not know vendor number ${vendorNumber} for this team. Copy it from App Store Connect → Payments and Financial Reports (top left, under the team name).`);
    }
    if (error instanceof OrchardError && error.code === 'FORBIDDEN') {
      throw new OrchardError('FORBIDDEN', 'This key cannot read Sales and Trends. Use a Team key with the Admin, Finance or Sales and Reports role.');
    }
    throw error;
  }
  const today = now.toISOString().slice(0, 10);
  const lastMonth = [...FISCAL_MONTHS].reverse().find(([, , last]) => last < today)?.[0];
  if (lastMonth === undefined) return { finance: 'unknown' };
  try {
    await client.fetchFinanceReport({ vendorNumber, reportType: 'FINANCIAL', regionCode: 'ZZ', reportDate: lastMonth });
    return { finance: 'readable' };
  } catch (error) {
    if (error instanceof OrchardError && error.code === 'FORBIDDEN') return { finance: 'forbidden' };
    return { finance: 'unknown' };
  }
}
