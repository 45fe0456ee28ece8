// Commands for Sales and Trends and Finance: the team's vendor number, the kinds kept, status,
// per-date outcomes and sync jobs. Progress arrives as 'sales:progress', the end as 'sales:finished'.
import { z } from 'zod';
import { command } from './define';
import { SALES_FREQUENCIES, type SalesDateView, type SalesStatus, type SalesTotals } from '../sales';

const keyId = z.string().min(1).max(64).optional();
const kindKey = z.string().regex(/^[A-Z_]{1,64}\/[A-Z_]{1,32}\/[A-Z]{1,16}$/);

export const salesCommands = {
  'sales:status': command(z.object({ keyId }).strict()).returns<SalesStatus>(),
  'sales:setVendor': command(z.object({ keyId, vendorNumber: z.string().regex(/^\d{6,12}$/, 'a vendor number is 6 to 12 digits') }).strict()).returns<SalesStatus>(),
  'sales:setKept': command(z.object({ keyId, kinds: z.array(kindKey).max(50) }).strict()).returns<SalesStatus>(),
  'sales:start': command(z.object({ keyId, finance: z.boolean().optional() }).strict()).returns<{ jobId: string }>(),
  'sales:cancel': command(z.object({ jobId: z.string().uuid() }).strict()).returns<{ cancelled: boolean }>(),
  'sales:dates': command(
    z.object({
      keyId,
      kind: z.object({ reportType: z.string().regex(/^[A-Z_]{1,64}$/), reportSubType: z.string().regex(/^[A-Z_]{1,32}$/), frequency: z.enum(SALES_FREQUENCIES) }).strict(),
    }).strict(),
  ).returns<SalesDateView[]>(),
  'sales:importFxRates': command(z.object({ csv: z.string().min(1).max(2_000_000), source: z.string().min(1).max(100) }).strict()).returns<{ rows: number }>(),
  'sales:setReportingCurrency': command(z.object({ currency: z.string().regex(/^[A-Z]{3}$/) }).strict()).returns<{ currency: string }>(),
  'sales:totals': command(z.object({ keyId, days: z.number().int().min(1).max(400), appId: z.string().regex(/^\d{1,20}$/).optional() }).strict()).returns<SalesTotals>(),
};
