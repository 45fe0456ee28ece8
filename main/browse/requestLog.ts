// What Orchard knows about an app's report requests beyond Apple's answer: when it first saw (or
// created) each one — Apple records no creation date — and which ones are gone, so reports and
// instances of deleted requests are not shown as current. Kept in the settings file.
import { z } from 'zod';
import { ACCESS_TYPES, type AccessType, type ReportRequest } from '../../shared/ascTypes';
import type { SettingsStore } from '../settings/settingsStore';
import type { OrchardSettings } from '../settings/orchardSettings';

export interface RequestLogEntry {
  requestId: string;
  accessType: AccessType;
  firstSeenAt: string;
  deletedAt?: string;
  /** Orchard created it, so firstSeenAt is when it was requested. */
  createdByOrchard?: boolean;
}

const entrySchema = z.object({
  requestId: z.string().min(1),
  accessType: z.enum(ACCESS_TYPES),
  firstSeenAt: z.string(),
  deletedAt: z.string().optional(),
  createdByOrchard: z.boolean().optional(),
});
const logSchema = z.record(z.string(), z.unknown()).catch({});

/** Old entries beyond this per app are dropped (recreated requests pile up over years). */
const MAX_ENTRIES_PER_APP = 40;

export interface RequestLog {
  entries(appId: string): RequestLogEntry[];
  /** Apple listed exactly these requests just now: new ones are first seen now, missing ones deleted. */
  observe(appId: string, live: readonly ReportRequest[]): RequestLogEntry[];
  markDeleted(appId: string, requestId: string): void;
  /** Orchard just created this request: it is first seen (and requested) now. */
  markCreated(appId: string, request: ReportRequest): void;
  /** Apps with at least one request that is not deleted. */
  appsWithRequests(): string[];
  /** Apps the log has any entry for (live or deleted). */
  knownApps(): string[];
}

export function createRequestLog(settings: SettingsStore<OrchardSettings>, now: () => Date): RequestLog {
  const read = (): Record<string, RequestLogEntry[]> => {
    const raw = logSchema.parse(settings.get('requestLog'));
    return Object.fromEntries(
      // One unreadable app or entry must not cost the others.
      Object.entries(raw).map(([appId, list]) => [appId, (Array.isArray(list) ? list : []).flatMap((e: unknown) => {
        const parsed = entrySchema.safeParse(e);
        return parsed.success ? [parsed.data] : [];
      })]),
    );
  };
  const write = (appId: string, list: RequestLogEntry[]) => {
    settings.set('requestLog', { ...read(), [appId]: list.slice(-MAX_ENTRIES_PER_APP) });
  };
  const entries = (appId: string) => read()[appId] ?? [];

  return {
    entries,
    observe(appId, live) {
      const at = now().toISOString();
      const liveIds = new Set(live.map((r) => r.id));
      const known = entries(appId);
      const next = known.map((e) => (!liveIds.has(e.requestId) && e.deletedAt === undefined ? { ...e, deletedAt: at } : e));
      for (const r of live) {
        if (!known.some((e) => e.requestId === r.id)) next.push({ requestId: r.id, accessType: r.accessType, firstSeenAt: at });
      }
      const changed = JSON.stringify(next) !== JSON.stringify(known);
      if (changed) write(appId, next);
      return next;
    },
    markDeleted(appId, requestId) {
      const at = now().toISOString();
      write(appId, entries(appId).map((e) => (e.requestId === requestId && e.deletedAt === undefined ? { ...e, deletedAt: at } : e)));
    },
    markCreated(appId, request) {
      const known = entries(appId).filter((e) => e.requestId !== request.id);
      write(appId, [...known, { requestId: request.id, accessType: request.accessType, firstSeenAt: now().toISOString(), createdByOrchard: true }]);
    },
    appsWithRequests() {
      return Object.entries(read()).filter(([, list]) => list.some((e) => e.deletedAt === undefined)).map(([appId]) => appId);
    },
    knownApps: () => Object.entries(read()).filter(([, list]) => list.length > 0).map(([appId]) => appId),
  };
}
