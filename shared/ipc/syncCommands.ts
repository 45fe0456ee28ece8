// Commands to run and watch syncs. Progress arrives as 'sync:progress' events, the end as
// 'sync:finished'.
import { z } from 'zod';
import { command } from './define';
import { GRANULARITIES } from '../ascTypes';
import type { ReportStatus, SyncSummary } from '../sync';

export const syncStartSchema = z
  .object({
    appId: z.string().regex(/^\d{1,20}$/),
    reportNames: z.array(z.string().min(1).max(200)).max(500).optional(),
    granularities: z.array(z.enum(GRANULARITIES)).min(1).max(3).optional(),
    concurrency: z.number().int().min(1).max(16).optional(),
    recreateStopped: z.boolean().optional(),
  })
  .strict();

export const syncCommands = {
  'sync:start': command(syncStartSchema).returns<{ jobId: string }>(),
  'sync:cancel': command(z.object({ jobId: z.string().uuid() }).strict()).returns<{ cancelled: boolean }>(),
  'sync:running': command(z.object({}).strict()).returns<{ jobId: string; appId: string }[]>(),
  'sync:history': command(z.object({ appId: z.string().regex(/^\d{1,20}$/).optional(), limit: z.number().int().min(1).max(500).optional() }).strict()).returns<SyncSummary[]>(),
  'sync:reportStatuses': command(z.object({ appId: z.string().regex(/^\d{1,20}$/) }).strict()).returns<ReportStatus[]>(),
};
