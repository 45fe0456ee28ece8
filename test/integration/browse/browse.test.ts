// The browse commands through the real dispatcher, services, DuckDB warehouse and a fake App
// Store Connect: requests (create, delete, recreate; read-only keys never POST twice), reports and
// their selection driving a real sync, instances and freshness, settings and input validation.
import { afterEach, describe, expect, it } from 'vitest';
import { OrchardError } from '../../../shared/errors';
import { APP_ID, startBrowseHarness, type BrowseHarness } from './browseHarness';

let h: BrowseHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function refused(promise: Promise<unknown>): Promise<OrchardError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(OrchardError);
  return error as OrchardError;
}

describe('requests', () => {
  it('creates, explains, deletes after confirmation and recreates a stopped request', async () => {
    h = await startBrowseHarness({ inactivityDays: 5 });
    const empty = await h.call('browse:requests', { appId: APP_ID });
    expect(empty).toMatchObject({ requests: [], source: 'apple', role: { canManage: true }, snapshot: { allowedNow: true } });

    const created = await h.call('requests:create', { appId: APP_ID, accessType: 'ONGOING' });
    expect(created.requests).toEqual([expect.objectContaining({ accessType: 'ONGOING', state: 'waiting', summary: 'Requested just now — Apple usually needs 24–48 hours' })]);
    expect(created.role.roleHint).toBe('admin');
    const snapshot = await h.call('requests:create', { appId: APP_ID, accessType: 'ONE_TIME_SNAPSHOT' });
    expect(snapshot.snapshot).toMatchObject({ allowedNow: false, availableFrom: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const snapshotId = snapshot.requests.find((r) => r.accessType === 'ONE_TIME_SNAPSHOT')?.requestId ?? '';

    // Deleting needs a confirmation ticket for this request; afterwards Apple's quota still blocks a new snapshot.
    expect((await refused(h.call('requests:delete', { appId: APP_ID, requestId: snapshotId } as never))).code).toBe('BAD_INPUT');
    const { ticket } = await h.call('confirm:prepare', { action: 'requests:delete', appId: APP_ID, requestId: snapshotId });
    const afterDelete = await h.call('requests:delete', { appId: APP_ID, requestId: snapshotId, confirmation: ticket });
    expect(afterDelete.requests.map((r) => r.accessType)).toEqual(['ONGOING']);
    expect(h.fake.requests(APP_ID).find((r) => r.id === snapshotId)?.deleted).toBe(true);
    const again = await refused(h.call('requests:create', { appId: APP_ID, accessType: 'ONE_TIME_SNAPSHOT' }));
    expect(again).toMatchObject({ code: 'CONFLICT', details: { reason: 'snapshot-quota' } });

    const ongoingId = created.requests[0]?.requestId ?? '';
    const recreateTicket = async () => (await h!.call('confirm:prepare', { action: 'requests:recreate', appId: APP_ID, requestId: ongoingId })).ticket;
    expect((await refused(h.call('requests:recreate', { appId: APP_ID, requestId: ongoingId, confirmation: await recreateTicket() }))).code).toBe('CONFLICT');
    h.produceDays(6);
    const stopped = await h.call('browse:requests', { appId: APP_ID });
    expect(stopped.requests[0]).toMatchObject({ state: 'stopped', stoppedDueToInactivity: true });
    // Recreating deletes at Apple too: no ticket, or a ticket for deleting the same request, is refused.
    expect((await refused(h.call('requests:recreate', { appId: APP_ID, requestId: ongoingId } as never))).code).toBe('BAD_INPUT');
    const deleteTicket = (await h.call('confirm:prepare', { action: 'requests:delete', appId: APP_ID, requestId: ongoingId })).ticket;
    expect((await refused(h.call('requests:recreate', { appId: APP_ID, requestId: ongoingId, confirmation: deleteTicket }))).code).toBe('FORBIDDEN');
    expect(h.fake.requests(APP_ID).find((r) => r.id === ongoingId)?.deleted).not.toBe(true);
    const recreated = await h.call('requests:recreate', { appId: APP_ID, requestId: ongoingId, confirmation: await recreateTicket() });
    expect(recreated.requests).toEqual([expect.objectContaining({ accessType: 'ONGOING', stoppedDueToInactivity: false, state: 'waiting' })]);
    expect(recreated.requests[0]?.requestId).not.toBe(ongoingId);
  });

  it('an older request Orchard finds is "first seen", never "requested just now", and active once a sync lists its data', async () => {
    h = await startBrowseHarness();
    h.fake.createRequest(APP_ID, 'ONGOING', { createdAt: new Date(Date.now() - 8 * 86_400_000) });
    const found = await h.call('browse:overview', { appId: APP_ID });
    expect(found.requests).toEqual([expect.objectContaining({ state: 'not-synced', summary: 'First seen by Orchard just now — not synced yet; sync to see what Apple has produced' })]);
    expect(found.requests[0]?.createdByOrchard).toBeUndefined();
    expect(found.notices).toContainEqual(expect.objectContaining({ action: 'sync', text: expect.stringContaining('not synced yet') }));
    expect(JSON.stringify(found)).not.toContain('usually needs 24–48 hours');

    expect((await h.sync()).instancesIngested).toBeGreaterThan(0);
    const synced = await h.call('browse:requests', { appId: APP_ID });
    const ongoing = synced.requests.find((r) => r.accessType === 'ONGOING');
    expect(ongoing).toMatchObject({ state: 'active', summary: expect.stringMatching(/^Active — newest data processed \d{4}-\d{2}-\d{2}; \d+ of \d+ instances downloaded$/) });
    // The snapshot the sync asked for is Orchard's own request: "requested", waiting for Apple.
    expect(synced.requests.find((r) => r.accessType === 'ONE_TIME_SNAPSHOT')).toMatchObject({ createdByOrchard: true, summary: 'History snapshot requested just now — Apple usually needs 24–48 hours' });
  });

  it('a key that is not Admin learns it from one 403 and never posts again', async () => {
    h = await startBrowseHarness({ role: 'SALES_AND_REPORTS' });
    const first = await refused(h.call('requests:create', { appId: APP_ID, accessType: 'ONGOING' }));
    expect(first).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'read-only' } });
    expect(first.message).toContain('not an Admin key');
    expect((await h.call('keys:list', {}))[0]?.roleHint).toBe('read-only');
    const view = await h.call('browse:requests', { appId: APP_ID });
    expect(view.role).toMatchObject({ canManage: false, reason: expect.stringContaining('Only Admin keys') });
    h.fake.resetStats();
    expect((await refused(h.call('requests:create', { appId: APP_ID, accessType: 'ONGOING' }))).code).toBe('FORBIDDEN');
    const { ticket } = await h.call('confirm:prepare', { action: 'requests:delete', appId: APP_ID, requestId: 'abc' });
    expect((await refused(h.call('requests:delete', { appId: APP_ID, requestId: 'abc', confirmation: ticket }))).code).toBe('FORBIDDEN');
    expect(h.fake.stats().callsByPath['POST /v1/analyticsReportRequests'] ?? 0).toBe(0);
    expect(h.fake.stats().callsByPath['DELETE /v1/analyticsReportRequests/{id}'] ?? 0).toBe(0);
  });
});

describe('reports, instances and the overview', () => {
  it('the selection and granularities from settings decide what a sync downloads', async () => {
    h = await startBrowseHarness();
    h.fake.createRequest(APP_ID, 'ONGOING', { createdAt: new Date(Date.now() - 20 * 86_400_000) });
    const listed = await h.call('browse:reports', { appId: APP_ID, live: true });
    expect(listed).toMatchObject({ source: 'apple', customSelection: false, noRequests: false });
    expect(listed.reports.find((r) => r.name === 'App Downloads Standard')).toMatchObject({ selected: true, level: 'Standard', category: 'COMMERCE' });
    // Detailed reports stay out by default, except App Downloads Detailed (Apple's only weekly and monthly downloads).
    expect(listed.reports.find((r) => r.name === 'App Downloads Detailed')).toMatchObject({ selected: true, isDefault: true, level: 'Detailed' });
    expect(listed.reports.find((r) => r.name === 'App Sessions Detailed')).toMatchObject({ selected: false, isDefault: false, level: 'Detailed' });

    const chosen = await h.call('reports:setSelection', { appId: APP_ID, reportNames: ['App Downloads Standard', 'App Crashes'] });
    expect(chosen.customSelection).toBe(true);
    expect(chosen.reports.filter((r) => r.selected).map((r) => r.name).sort()).toEqual(['App Crashes', 'App Downloads Standard']);
    await h.call('settings:update', { granularities: ['DAILY'] });
    const summary = await h.sync();
    expect(summary.outcome).toBe('succeeded');

    const after = await h.call('browse:reports', { appId: APP_ID });
    const withInstances = after.reports.filter((r) => r.instances.total > 0).map((r) => r.name).sort();
    expect(withInstances).toEqual(['App Crashes', 'App Downloads Standard']);
    const downloads = after.reports.find((r) => r.name === 'App Downloads Standard');
    expect(downloads).toMatchObject({ status: 'available', instances: { pending: 0, failed: 0, expired: 0 } });
    expect(downloads?.instances.downloaded).toBe(downloads?.instances.total);

    const instances = await h.call('browse:instances', { appId: APP_ID, reportName: 'App Downloads Standard' });
    expect(instances.instances.length).toBe(h.fake.instances({ appId: APP_ID, reportName: 'App Downloads Standard', granularity: 'DAILY' }).length);
    expect(new Set(instances.instances.map((i) => `${i.granularity}/${i.state}`))).toEqual(new Set(['DAILY/downloaded']));
    const first = instances.instances[0];
    const detail = await h.call('browse:instance', { appId: APP_ID, instanceId: first?.instanceId ?? '' });
    expect(detail.segments.reduce((n, s) => n + (s.rowCount ?? 0), 0)).toBe(first?.rowCount);
    expect(detail.segments.every((s) => s.state === 'ingested' && /^[0-9a-f]{32}$/.test(s.checksum))).toBe(true);
    expect(detail.sql).toContain(`FROM orchard.segment_keys WHERE instance_id = '${first?.instanceId}'`);

    const overview = await h.call('browse:overview', { appId: APP_ID });
    const truth = h.fake.latestTotals({ appId: APP_ID, reportName: 'App Downloads Standard', granularity: 'DAILY', metric: 'Counts' });
    const commerce = overview.categories.find((c) => c.category === 'COMMERCE');
    expect(commerce?.freshness.find((f) => f.reportName === 'App Downloads Standard')?.newestDate).toBe([...truth.keys()].sort().at(-1));
    expect(overview).toMatchObject({ appName: 'Example App', running: false, lastSync: { outcome: 'succeeded', runId: summary.runId } });

    const statuses = await h.call('sync:reportStatuses', { appId: APP_ID });
    expect(statuses.map((s) => s.reportName)).toEqual(['App Crashes', 'App Downloads Standard']);
    expect(statuses.every((s) => s.status === 'available' && s.granularities.join() === 'DAILY')).toBe(true);
  });

  it('an empty selection refuses to sync instead of syncing the defaults', async () => {
    h = await startBrowseHarness();
    h.fake.createRequest(APP_ID, 'ONGOING');
    await h.call('browse:reports', { appId: APP_ID, live: true });
    await h.call('reports:setSelection', { appId: APP_ID, reportNames: [] });
    expect(await refused(h.call('sync:start', { appId: APP_ID }))).toMatchObject({ code: 'BAD_INPUT', details: { reason: 'no-reports-selected' } });
    const overview = await h.call('browse:overview', { appId: APP_ID });
    expect(overview.notices).toContainEqual(expect.objectContaining({ action: 'choose-reports', tone: 'warning' }));
    expect(overview.categories.every((c) => c.selected === 0)).toBe(true);
  });
});

describe('settings and input validation', () => {
  it('reads and updates settings, and rejects malformed input before any service runs', async () => {
    h = await startBrowseHarness();
    const initial = await h.call('settings:get', {});
    expect(initial).toMatchObject({
      dataDir: expect.any(String), canReveal: false, granularities: ['DAILY', 'WEEKLY', 'MONTHLY'], concurrency: 4,
      autoSync: { onLaunch: true, everyHours: 12 }, ascBaseUrl: h.fake.baseUrl,
    });
    expect(initial.dataSizeBytes).toBeGreaterThan(0);
    const updated = await h.call('settings:update', { concurrency: 2, autoSync: { everyHours: 0 } });
    expect(updated).toMatchObject({ concurrency: 2, autoSync: { onLaunch: true, everyHours: 0 }, ascBaseUrl: h.fake.baseUrl });
    expect((await refused(h.call('settings:revealDataDir', {}))).code).toBe('UNSUPPORTED');
    const overview = await h.call('browse:overview', { appId: APP_ID });
    expect(overview.nextSyncAt).toBeUndefined();

    for (const [command, input] of [
      ['settings:update', { concurrency: 99 }],
      ['settings:update', { ascBaseUrl: 'https://asc.example.test' }],
      ['settings:update', { granularities: [] }],
      ['browse:overview', { appId: '12ab' }],
      ['browse:instance', { appId: APP_ID, instanceId: "x' OR '1'='1" }],
      ['browse:reports', { appId: APP_ID, extra: true }],
    ] as const) {
      expect((await refused(h.call(command, input as never))).code).toBe('BAD_INPUT');
    }
  });
});
