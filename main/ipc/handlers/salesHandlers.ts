// Handlers for sales:* commands.
import type { SalesService } from '../../sales/salesService';
import type { PartialHandlers } from '../handlerTypes';

export function salesHandlers(sales: SalesService) {
  return {
    'sales:status': async ({ keyId }) => sales.status(keyId),
    'sales:setVendor': async (input) => sales.setVendor(input),
    'sales:setKept': async (input) => sales.setKept(input),
    'sales:start': async (input) => ({ jobId: (await sales.start(input)).jobId }),
    'sales:cancel': async ({ jobId }) => ({ cancelled: sales.cancel(jobId) }),
    'sales:dates': async (input) => sales.dates(input),
    'sales:totals': async (input) => sales.totals(input),
    'sales:importFxRates': async (input) => sales.importFxRates(input),
    'sales:setReportingCurrency': async ({ currency }) => {
      await sales.setReportingCurrency(currency);
      return { currency };
    },
  } satisfies PartialHandlers;
}
