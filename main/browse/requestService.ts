// An app's report requests for the Requests screen and the overview: listed live from Apple
// (falling back to what the warehouse knew), created, deleted and recreated with the default key.
// Keys Orchard knows are not Admin never attempt a POST or DELETE; a 403 teaches that.
import type { AccessType, ReportRequest } from '../../shared/ascTypes';
import type { RequestView, RequestsView } from '../../shared/browse';
import { OrchardError } from '../../shared/errors';
import type { KeyService } from '../credentials';
import type { AscSession } from '../session/ascSession';
import type { MetadataStore } from '../warehouse';
import type { RequestLog, RequestLogEntry } from './requestLog';
import { READ_ONLY_REASON, roleView } from './roles';
import type { SyncPreferences } from './syncPreferences';
import { num, str, type ReadRows } from './warehouseRows';
import { sqlString } from '../warehouse/sql';
import { describeRequest } from './wording';
import { LIVE_TIMEOUT_MS, withDeadline } from './liveCalls';

export interface RequestServiceDeps {
  session: Pick<AscSession, 'clientFor'>;
  keys: Pick<KeyService, 'list' | 'recordRoleHint'>;
  metadata: Pick<MetadataStore, 'upsertRequests'>;
  rows: ReadRows;
  log: RequestLog;
  prefs: SyncPreferences;
  now: () => Date;
  /** A screen waits this long for Apple before showing what Orchard saved (default 10 s). */
  liveTimeoutMs?: number;
}

export interface RequestService {
  list(appId: string, live: boolean): Promise<RequestsView>;
  create(appId: string, accessType: AccessType): Promise<RequestsView>;
  remove(appId: string, requestId: string): Promise<RequestsView>;
  recreate(appId: string, requestId: string): Promise<RequestsView>;
  /** What Orchard saved about a request, to name it in a confirmation (nothing asked of Apple). */
  facts(appId: string, requestId: string): Promise<{ appName?: string; accessType?: AccessType }>;
}

interface InstanceCounts {
  instances: number;
  downloaded: number;
  newest?: string;
  /** A sync listed the request's instances (only a sync writes report statuses). */
  listed: boolean;
}

export function createRequestService(deps: RequestServiceDeps): RequestService {
  const { log, prefs } = deps;

  const cached = async (appId: string): Promise<ReportRequest[]> => {
    const deleted = new Set(log.entries(appId).filter((e) => e.deletedAt !== undefined).map((e) => e.requestId));
    const rows = await deps.rows(
      `SELECT request_id, access_type, stopped_due_to_inactivity FROM orchard.requests WHERE app_id = ${sqlString(appId)} ORDER BY access_type`,
    );
    return rows
      .map((r) => ({ id: String(r.request_id), accessType: String(r.access_type) as AccessType, stoppedDueToInactivity: r.stopped_due_to_inactivity === true }))
      .filter((r) => !deleted.has(r.id));
  };

  const counts = async (appId: string): Promise<Map<string, InstanceCounts>> => {
    const rows = await deps.rows(
      `SELECT r.request_id, count(i.instance_id) AS instances, count(i.instance_id) FILTER (WHERE i.state = 'ingested') AS downloaded,
         CAST(max(i.processing_date) AS VARCHAR) AS newest, bool_or(r.status IS NOT NULL) AS listed
       FROM orchard.reports r LEFT JOIN orchard.instances i ON i.report_id = r.report_id
       WHERE r.app_id = ${sqlString(appId)} GROUP BY r.request_id`,
    );
    return new Map(rows.map((r) => [String(r.request_id), { instances: num(r.instances), downloaded: num(r.downloaded), newest: str(r.newest), listed: r.listed === true }]));
  };

  /** Apple's current list, remembered in the warehouse and the request log. */
  const listLive = async (appId: string, signal?: AbortSignal): Promise<ReportRequest[]> => {
    const { client } = await deps.session.clientFor();
    const live = await withDeadline(signal, (s) => client.listReportRequests(appId, { signal: s }));
    await deps.metadata.upsertRequests(live.map((r) => ({ requestId: r.id, appId, accessType: r.accessType, stoppedDueToInactivity: r.stoppedDueToInactivity })));
    log.observe(appId, live);
    return live;
  };

  const view = async (appId: string, requests: ReportRequest[], source: RequestsView['source'], liveError?: OrchardError): Promise<RequestsView> => {
    const now = deps.now();
    const byId = new Map<string, RequestLogEntry>(log.entries(appId).map((e) => [e.requestId, e]));
    const perRequest = await counts(appId);
    const views = requests.map((r): RequestView => {
      const c = perRequest.get(r.id) ?? { instances: 0, downloaded: 0, listed: false };
      const entry = byId.get(r.id);
      const firstSeenAt = entry?.firstSeenAt;
      // A sync asks for the history snapshot itself; the snapshot quota remembers when.
      const snapshotAskedAt = r.accessType === 'ONE_TIME_SNAPSHOT' ? prefs.snapshotQuota(appId).lastRequestedAt : undefined;
      const createdByOrchard = entry?.createdByOrchard === true || (snapshotAskedAt !== undefined && firstSeenAt !== undefined && firstSeenAt >= snapshotAskedAt);
      const facts = { accessType: r.accessType, stoppedDueToInactivity: r.stoppedDueToInactivity, firstSeenAt, createdByOrchard, listed: c.listed, instances: c.instances, downloaded: c.downloaded, newestProcessingDate: c.newest };
      return {
        requestId: r.id,
        accessType: r.accessType,
        stoppedDueToInactivity: r.stoppedDueToInactivity,
        ...(firstSeenAt ? { firstSeenAt } : {}),
        ...(createdByOrchard ? { createdByOrchard } : {}),
        instances: c.instances,
        downloaded: c.downloaded,
        ...(c.newest ? { newestProcessingDate: c.newest } : {}),
        ...describeRequest(facts, now),
      };
    });
    views.sort((a, b) => a.accessType.localeCompare(b.accessType));
    const snapshot = prefs.snapshotQuota(appId);
    // A snapshot that exists right now settles the question, whatever Orchard remembered.
    const hasSnapshot = requests.some((r) => r.accessType === 'ONE_TIME_SNAPSHOT');
    return {
      appId,
      requests: views,
      role: roleView(await deps.keys.list()),
      snapshot: hasSnapshot ? { ...snapshot, allowedNow: false } : snapshot,
      source,
      ...(liveError ? { liveError: liveError.toPayload() } : {}),
      checkedAt: now.toISOString(),
    };
  };

  const list = async (appId: string, live: boolean): Promise<RequestsView> => {
    if (!live) return view(appId, await cached(appId), 'cache');
    let listed: ReportRequest[];
    try {
      listed = await listLive(appId, AbortSignal.timeout(deps.liveTimeoutMs ?? LIVE_TIMEOUT_MS));
    } catch (error) {
      if (!(error instanceof OrchardError)) throw error;
      return view(appId, await cached(appId), 'cache', error);
    }
    return view(appId, listed, 'apple');
  };

  /** The default key's client, refusing before any call when Orchard knows the key is not Admin. */
  const adminClient = async () => {
    const { keyId, client } = await deps.session.clientFor();
    const role = roleView(await deps.keys.list());
    if (role.keyId === keyId && role.roleHint === 'read-only') throw new OrchardError('FORBIDDEN', READ_ONLY_REASON, { reason: 'read-only' });
    const learn = async <T>(call: () => Promise<T>): Promise<T> => {
      try {
        const result = await call();
        await deps.keys.recordRoleHint(keyId, 'admin');
        return result;
      } catch (error) {
        if (error instanceof OrchardError && error.code === 'FORBIDDEN') {
          await deps.keys.recordRoleHint(keyId, 'read-only');
          throw new OrchardError('FORBIDDEN', READ_ONLY_REASON, { reason: 'read-only' });
        }
        throw error;
      }
    };
    return { client, learn };
  };

  const createWith = async (appId: string, accessType: AccessType, api: Awaited<ReturnType<typeof adminClient>>) => {
    if (accessType === 'ONE_TIME_SNAPSHOT') {
      const quota = prefs.snapshotQuota(appId);
      if (!quota.allowedNow) {
        throw new OrchardError('CONFLICT', `Apple allows about one history snapshot per app a month; Orchard asked on ${quota.lastRequestedAt?.slice(0, 10)}, so the next one is possible from ${quota.availableFrom}.`, { reason: 'snapshot-quota', availableFrom: quota.availableFrom });
      }
    }
    try {
      const created = await api.learn(() => api.client.createReportRequest(appId, accessType));
      log.markCreated(appId, created);
      if (accessType === 'ONE_TIME_SNAPSHOT') prefs.markSnapshotRequested(appId);
    } catch (error) {
      if (!(error instanceof OrchardError) || error.code !== 'CONFLICT') throw error;
      // Apple's 409 does not say why: either one exists (fine, list shows it) or the snapshot quota.
      const live = await listLive(appId);
      if (live.some((r) => r.accessType === accessType)) return;
      if (accessType === 'ONE_TIME_SNAPSHOT') {
        prefs.markSnapshotRequested(appId);
        throw new OrchardError('CONFLICT', 'Apple refused another history snapshot for now: it allows about one per app a month, deleted ones included.', { reason: 'snapshot-quota' });
      }
      throw error;
    }
  };

  return {
    list,
    async facts(appId, requestId) {
      const [row] = await deps.rows(
        `SELECT (SELECT name FROM orchard.apps WHERE app_id = ${sqlString(appId)}) AS app_name,
           (SELECT access_type FROM orchard.requests WHERE app_id = ${sqlString(appId)} AND request_id = ${sqlString(requestId)}) AS access_type`,
      );
      const appName = str(row?.app_name);
      const accessType = str(row?.access_type) as AccessType | undefined;
      return { ...(appName ? { appName } : {}), ...(accessType ? { accessType } : {}) };
    },
    async create(appId, accessType) {
      const api = await adminClient();
      await createWith(appId, accessType, api);
      return list(appId, true);
    },
    async remove(appId, requestId) {
      const api = await adminClient();
      await api.learn(() => api.client.deleteReportRequest(requestId));
      log.markDeleted(appId, requestId);
      return list(appId, true);
    },
    async recreate(appId, requestId) {
      const api = await adminClient();
      const current = (await listLive(appId)).find((r) => r.id === requestId);
      if (current === undefined) throw new OrchardError('NOT_FOUND', 'This request no longer exists; the list was refreshed.');
      if (current.accessType !== 'ONGOING' || !current.stoppedDueToInactivity) {
        throw new OrchardError('CONFLICT', 'Only an ongoing request Apple stopped for inactivity needs recreating.');
      }
      await api.learn(() => api.client.deleteReportRequest(requestId));
      log.markDeleted(appId, requestId);
      await createWith(appId, 'ONGOING', api);
      return list(appId, true);
    },
  };
}
