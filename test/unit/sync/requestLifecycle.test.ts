// Request lifecycle rules: reuse on 409, never POST with a read-only key, recreate a stopped
// request only when allowed, and ask for a snapshot once without looping on the cadence 409.
import { describe, expect, it } from 'vitest';
import { OrchardError } from '../../../shared/errors';
import type { AccessType, ReportRequest } from '../../../shared/ascTypes';
import { ensureRequests } from '../../../main/sync/requestLifecycle';

/** An in-memory model of Apple's request rules, recording every call made. */
function fakeApi(opts: { existing?: ReportRequest[]; role?: 'admin' | 'read-only'; snapshotCooldown?: boolean } = {}) {
  let requests = [...(opts.existing ?? [])];
  const calls: string[] = [];
  let n = 0;
  return {
    calls,
    api: {
      async listReportRequests() {
        calls.push('list');
        return [...requests];
      },
      async createReportRequest(_app: string, accessType: AccessType) {
        calls.push(`post ${accessType}`);
        if (opts.role === 'read-only') throw new OrchardError('FORBIDDEN', 'forbidden');
        if (requests.some((r) => r.accessType === accessType) || (accessType === 'ONE_TIME_SNAPSHOT' && opts.snapshotCooldown)) {
          throw new OrchardError('CONFLICT', 'You already have such an entity');
        }
        const created = { id: `req-${++n}`, accessType, stoppedDueToInactivity: false };
        requests.push(created);
        return created;
      },
      async deleteReportRequest(id: string) {
        calls.push(`delete ${id}`);
        requests = requests.filter((r) => r.id !== id);
      },
    },
  };
}

const base = { appId: '1', recreateStopped: false, requestSnapshot: false };

describe('ensureRequests', () => {
  it('creates an ONGOING request with an admin key and learns the role', async () => {
    const { api, calls } = fakeApi();
    const r = await ensureRequests({ ...base, api });
    expect(r.requests.map((x) => x.accessType)).toEqual(['ONGOING']);
    expect(r.learnedRole).toBe('admin');
    expect(calls).toEqual(['list', 'post ONGOING']);
    expect(r.notes.join(' ')).toMatch(/24–48 hours/);
  });

  it('reuses an existing ONGOING request without posting', async () => {
    const { api, calls } = fakeApi({ existing: [{ id: 'a', accessType: 'ONGOING', stoppedDueToInactivity: false }] });
    const r = await ensureRequests({ ...base, api });
    expect(r.requests[0]?.id).toBe('a');
    expect(calls).toEqual(['list']);
  });

  it('on 409 re-reads and reuses the request it could not see at first', async () => {
    const hidden: ReportRequest = { id: 'h', accessType: 'ONGOING', stoppedDueToInactivity: false };
    const { api, calls } = fakeApi({ existing: [hidden] });
    let first = true;
    const racing = { ...api, listReportRequests: async () => (first ? ((first = false), []) : api.listReportRequests()) };
    const r = await ensureRequests({ ...base, api: racing });
    expect(r.requests.map((x) => x.id)).toEqual(['h']);
    expect(calls.filter((c) => c.startsWith('post'))).toEqual(['post ONGOING']);
  });

  it('a read-only key never posts or deletes and explains why', async () => {
    const { api, calls } = fakeApi({ role: 'read-only', existing: [{ id: 's', accessType: 'ONGOING', stoppedDueToInactivity: true }] });
    const r = await ensureRequests({ ...base, api, roleHint: 'read-only', recreateStopped: true, requestSnapshot: true });
    expect(calls).toEqual(['list']);
    expect(r.notes.join(' ')).toMatch(/Admin/);
  });

  it('learns read-only from a 403 and stops trying', async () => {
    const { api, calls } = fakeApi({ role: 'read-only' });
    const r = await ensureRequests({ ...base, api, requestSnapshot: true });
    expect(r.learnedRole).toBe('read-only');
    expect(calls).toEqual(['list', 'post ONGOING']);
  });

  it('recreates a stopped request only when allowed', async () => {
    const stopped: ReportRequest = { id: 's', accessType: 'ONGOING', stoppedDueToInactivity: true };
    const kept = await ensureRequests({ ...base, api: fakeApi({ existing: [stopped] }).api });
    expect(kept.requests[0]?.id).toBe('s');
    expect(kept.notes.join(' ')).toMatch(/stopped/);
    const { api, calls } = fakeApi({ existing: [stopped] });
    const redone = await ensureRequests({ ...base, api, recreateStopped: true });
    expect(calls).toEqual(['list', 'delete s', 'post ONGOING']);
    expect(redone.requests).toEqual([expect.objectContaining({ accessType: 'ONGOING', stoppedDueToInactivity: false })]);
  });

  it('asks for a snapshot once and does not loop on the cadence 409', async () => {
    const { api, calls } = fakeApi({ snapshotCooldown: true, existing: [{ id: 'o', accessType: 'ONGOING', stoppedDueToInactivity: false }] });
    const r = await ensureRequests({ ...base, api, requestSnapshot: true });
    expect(r.snapshotAttempted).toBe(true);
    expect(calls.filter((c) => c === 'post ONE_TIME_SNAPSHOT')).toHaveLength(1);
    expect(r.notes.join(' ')).toMatch(/one history snapshot per month/);
  });
});
