// Makes sure an app has the report requests Orchard needs: one ONGOING request (created with an
// Admin key, reused on 409, recreated when Apple stopped it for inactivity and the user allows)
// and, once, a ONE_TIME_SNAPSHOT for history. Never loops on 409; non-Admin keys never POST.
import { OrchardError } from '../../shared/errors';
import type { AccessType, ReportRequest } from '../../shared/ascTypes';
import type { RoleHint } from '../../shared/keys';
import type { AnalyticsApi } from '../asc/analytics';

export interface LifecycleInput {
  appId: string;
  api: Pick<AnalyticsApi, 'listReportRequests' | 'createReportRequest' | 'deleteReportRequest'>;
  /** What Orchard learned about the key's role; 'read-only' keys never attempt POST/DELETE. */
  roleHint?: RoleHint;
  /** Delete and recreate an ONGOING request Apple stopped (user consent or auto-sync setting). */
  recreateStopped: boolean;
  /** False once a snapshot was requested for this app (Apple allows about one per ~31 days). */
  requestSnapshot: boolean;
  signal?: AbortSignal;
}

export interface LifecycleResult {
  requests: ReportRequest[];
  notes: string[];
  /** Set when a POST revealed the key's role. */
  learnedRole?: RoleHint;
  /** True when a snapshot POST was made (successfully or refused by the cadence rule). */
  snapshotAttempted: boolean;
}

export async function ensureRequests(input: LifecycleInput): Promise<LifecycleResult> {
  const { api, appId, signal } = input;
  const notes: string[] = [];
  let learnedRole: RoleHint | undefined = input.roleHint;
  let snapshotAttempted = false;
  let requests = await api.listReportRequests(appId, { signal });
  const canTry = () => learnedRole !== 'read-only';
  const find = (t: AccessType) => requests.find((r) => r.accessType === t);

  /** POST, learning the role from the answer; returns false when the key may not create. */
  const create = async (accessType: AccessType): Promise<'created' | 'exists' | 'forbidden'> => {
    try {
      const created = await api.createReportRequest(appId, accessType, { signal });
      learnedRole = 'admin';
      requests = [...requests.filter((r) => r.id !== created.id), created];
      return 'created';
    } catch (error) {
      if (!(error instanceof OrchardError)) throw error;
      if (error.code === 'FORBIDDEN') {
        learnedRole = 'read-only';
        return 'forbidden';
      }
      if (error.code === 'CONFLICT') {
        requests = await api.listReportRequests(appId, { signal });
        return 'exists';
      }
      throw error;
    }
  };

  const adminNeeded = 'This key cannot request reports: an Admin must create the report request once in Orchard (or with any Admin key); after that this key can download them.';

  if (!find('ONGOING')) {
    if (!canTry()) notes.push(adminNeeded);
    else {
      const outcome = await create('ONGOING');
      if (outcome === 'created') notes.push('Requested ongoing reports. Apple usually needs 24–48 hours before the first data appears.');
      if (outcome === 'forbidden') notes.push(adminNeeded);
    }
  }

  const ongoing = find('ONGOING');
  if (ongoing?.stoppedDueToInactivity) {
    if (input.recreateStopped && canTry()) {
      await api.deleteReportRequest(ongoing.id, { signal });
      requests = requests.filter((r) => r.id !== ongoing.id);
      const outcome = await create('ONGOING');
      notes.push(
        outcome === 'forbidden'
          ? `Apple stopped the ongoing request for inactivity and this key cannot recreate it. ${adminNeeded}`
          : 'Apple had stopped the ongoing request for inactivity; Orchard deleted and recreated it. New data follows in 24–48 hours.',
      );
    } else {
      const who = canTry() ? 'Recreate it' : 'An Admin key must recreate it';
      notes.push(`Apple stopped the ongoing request because its reports were not downloaded for a while. ${who} to receive new data.`);
    }
  }

  if (input.requestSnapshot && !find('ONE_TIME_SNAPSHOT') && canTry()) {
    snapshotAttempted = true;
    const outcome = await create('ONE_TIME_SNAPSHOT');
    if (outcome === 'created') notes.push('Requested a one-time history snapshot.');
    if (outcome === 'exists' && !find('ONE_TIME_SNAPSHOT')) {
      notes.push('Apple allows about one history snapshot per month per app; Orchard will not ask again for now.');
    }
  }

  return { requests, notes, learnedRole: learnedRole === input.roleHint ? undefined : learnedRole, snapshotAttempted };
}
