// Commands behind the browse screens: an app's overview, its report requests (create, delete,
// recreate), its reports and which of them sync, their instances, and the sync settings.
import { z } from 'zod';
import { command } from './define';
import { confirmationSchema } from './confirmCommands';
import { appIdSchema, resourceIdSchema } from './idSchemas';
import { ACCESS_TYPES, GRANULARITIES } from '../ascTypes';
import type { AppOverview, InstanceDetail, InstancesView, ReportsView, RequestsView, SettingsView } from '../browse';

const appId = appIdSchema;
const resourceId = resourceIdSchema;
const reportName = z.string().trim().min(1).max(200);

export const settingsPatchSchema = z
  .object({
    granularities: z.array(z.enum(GRANULARITIES)).min(1).max(3),
    concurrency: z.number().int().min(1).max(16),
    autoSync: z.object({ onLaunch: z.boolean(), everyHours: z.number().int().min(0).max(168) }).partial().strict(),
  })
  .partial()
  .strict();

export const browseCommands = {
  'browse:overview': command(z.object({ appId }).strict()).returns<AppOverview>(),
  'browse:requests': command(z.object({ appId, live: z.boolean().optional() }).strict()).returns<RequestsView>(),
  'requests:create': command(z.object({ appId, accessType: z.enum(ACCESS_TYPES) }).strict()).returns<RequestsView>(),
  /** `confirmation`: a ticket from confirm:prepare for this very request (deleting is irreversible at Apple). */
  'requests:delete': command(z.object({ appId, requestId: resourceId, confirmation: confirmationSchema }).strict()).returns<RequestsView>(),
  /**
   * Delete, then create again, an ONGOING request Apple stopped for inactivity. Takes a ticket like
   * requests:delete: Apple removes the old request's reports not downloaded yet.
   */
  'requests:recreate': command(z.object({ appId, requestId: resourceId, confirmation: confirmationSchema }).strict()).returns<RequestsView>(),
  'browse:reports': command(z.object({ appId, live: z.boolean().optional() }).strict()).returns<ReportsView>(),
  /** null = back to the default selection. */
  'reports:setSelection': command(
    z.object({ appId, reportNames: z.union([z.array(reportName).max(500), z.null()]) }).strict(),
  ).returns<ReportsView>(),
  'browse:instances': command(z.object({ appId, reportName }).strict()).returns<InstancesView>(),
  'browse:instance': command(z.object({ appId, instanceId: resourceId }).strict()).returns<InstanceDetail>(),
  'settings:get': command(z.object({}).strict()).returns<SettingsView>(),
  'settings:update': command(settingsPatchSchema).returns<SettingsView>(),
  /** Shows the data folder in Finder / Explorer (desktop app only). */
  'settings:revealDataDir': command(z.object({}).strict()).returns<{ revealed: boolean }>(),
};
