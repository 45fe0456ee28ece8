// The production schedule (§8): first data after 24–48 h, DAILY/WEEKLY/MONTHLY cadence and Dates,
// restatements, snapshot backfill and freeze, 35-day retention, inactivity stop, empty reports.

import { afterEach, describe, expect, test } from 'vitest';
import { assertValidResponse } from '../support/openapi';
import { APP_ID, START, startHarness, type Harness } from './harness';
import type { FakeAscOptions } from './types';

const DAY = 86_400_000;
let h: Harness;
afterEach(async () => {
  await h?.fake.close();
});

async function start(options: FakeAscOptions = {}) {
  h = await startHarness({ inactivityDays: Infinity, ...options });
  return h;
}

const isoDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();

describe('ONGOING production', () => {
  test('first instances appear 24–48 h after the request, not before', async () => {
    await start();
    for (let seed = 1; seed <= 6; seed++) {
      const fake = (await startHarness({ seed })).fake;
      const id = fake.createRequest(APP_ID, 'ONGOING');
      const info = fake.requests(APP_ID).find((r) => r.id === id);
      const delay = (info?.firstDataAt.getTime() ?? 0) - START.getTime();
      expect(delay).toBeGreaterThanOrEqual(24 * 3_600_000);
      expect(delay).toBeLessThanOrEqual(48 * 3_600_000);
      fake.clock.set(new Date((info?.firstDataAt.getTime() ?? 0) - 60_000));
      expect(fake.instances({ requestId: id })).toEqual([]);
      fake.clock.advanceMinutes(1);
      expect(fake.instances({ requestId: id }).length).toBeGreaterThan(0);
      await fake.close();
    }
  });

  test('reports list at once with empty instance lists before the first data', async () => {
    await start();
    const id = await h.createOngoing();
    const reports = await h.all(`/v1/analyticsReportRequests/${id}/reports`);
    const res = await h.api(`/v1/analyticsReports/${reports[0].id}/instances`);
    assertValidResponse('GET', `/v1/analyticsReports/${reports[0].id}/instances`, res.status, res.json);
    expect(res.json.data).toEqual([]);
  });

  test('DAILY every day over the window, WEEKLY on Fridays for Monday, MONTHLY on the 5th for the 1st', async () => {
    await start();
    const id = h.fake.createRequest(APP_ID, 'ONGOING');
    h.fake.clock.advanceDays(40);
    const daily = h.fake.instances({ requestId: id, reportName: 'App Downloads Standard', includeGone: true });
    expect(new Set(daily.map((i) => i.granularity))).toEqual(new Set(['DAILY']));
    const days = daily.map((i) => isoDay(i.processingDate)).sort((a, b) => a - b);
    expect(days.length).toBeGreaterThanOrEqual(38);
    days.forEach((day, index) => index > 0 && expect(day - (days[index - 1] as number)).toBe(1));
    let restatements = 0;
    for (const instance of daily) {
      const p = isoDay(instance.processingDate);
      const offsets = instance.dates.map((d) => p - isoDay(d));
      expect(offsets.filter((o) => o <= 2).sort()).toEqual([1, 2]);
      restatements += offsets.filter((o) => o > 2).length;
    }
    expect(restatements).toBeGreaterThan(0);

    const detailed = h.fake.instances({ requestId: id, reportName: 'App Downloads Detailed', includeGone: true });
    const weekly = detailed.filter((i) => i.granularity === 'WEEKLY');
    expect(weekly.length).toBeGreaterThanOrEqual(5);
    for (const instance of weekly) {
      expect(weekday(instance.processingDate)).toBe(5);
      expect(instance.dates).toEqual([new Date((isoDay(instance.processingDate) - 11) * DAY).toISOString().slice(0, 10)]);
      expect(weekday(instance.dates[0] as string)).toBe(1);
    }
    const monthly = detailed.filter((i) => i.granularity === 'MONTHLY');
    expect(monthly.map((i) => [i.processingDate, i.dates])).toEqual([['2024-04-05', ['2024-03-01']], ['2024-05-05', ['2024-04-01']]]);
  });

  test('the instances endpoint filters by granularity and processingDate', async () => {
    await start();
    const id = h.fake.createRequest(APP_ID, 'ONGOING');
    h.fake.clock.advanceDays(12);
    const report = `r4-${id}`;
    const weekly = await h.all(`/v1/analyticsReports/${report}/instances?filter%5Bgranularity%5D=WEEKLY%2CMONTHLY`);
    const key = (a: { granularity: string; processingDate: string }) => `${a.processingDate} ${a.granularity}`;
    expect(weekly.map((i) => key(i.attributes)).sort()).toEqual(['2024-04-05 MONTHLY', '2024-04-05 WEEKLY', '2024-04-12 WEEKLY']);
    const oneDay = await h.api(`/v1/analyticsReports/${report}/instances?filter[processingDate]=2024-04-05&filter[granularity]=DAILY`);
    expect(oneDay.json.data.map((i: any) => i.attributes)).toEqual([{ granularity: 'DAILY', processingDate: '2024-04-05' }]);
    expect((await h.api(`/v1/analyticsReports/${report}/instances?filter[processingDate]=2024-4-5`)).status).toBe(400);
  });

  test('with shuffle, lists come in a stable non-chronological order that pages consistently', async () => {
    await start({ shuffle: true });
    const id = h.fake.createRequest(APP_ID, 'ONGOING');
    h.fake.clock.advanceDays(20);
    const paged = await h.all(`/v1/analyticsReports/r8-${id}/instances?limit=7`);
    const dates = paged.map((i) => `${i.attributes.processingDate} ${i.attributes.granularity}`);
    expect(new Set(dates).size).toBe(dates.length);
    expect(dates).not.toEqual([...dates].sort());
    expect((await h.all(`/v1/analyticsReports/r8-${id}/instances?limit=200`)).map((i) => i.id)).toEqual(paged.map((i) => i.id));
  });

  test('reports without data stay empty: PERFORMANCE, commerce without sales, inactive apps', async () => {
    await start();
    h.fake.addApp({ id: '2', name: 'Free', bundleId: 'com.example.free', sku: 'FREE', commerce: false });
    h.fake.addApp({ id: '3', name: 'Dormant', bundleId: 'com.example.dormant', sku: 'DORMANT', activity: 0 });
    const ids = [APP_ID, '2', '3'].map((app) => h.fake.createRequest(app, 'ONGOING'));
    h.fake.clock.advanceDays(5);
    const names = (requestId: string) => new Set(h.fake.instances({ requestId }).map((i) => i.reportName));
    expect(names(ids[0] as string).has('App Store Purchases Standard')).toBe(true);
    expect([...names(ids[0] as string)].some((n) => /Performance|Usage|Pre-Orders|Subscription/.test(n))).toBe(false);
    expect(names(ids[1] as string).has('App Store Purchases Standard')).toBe(false);
    expect(names(ids[1] as string).has('App Sessions Standard')).toBe(true);
    expect(names(ids[2] as string).size).toBe(0);
  });
});

describe('snapshots', () => {
  test('backfill once from the request day, then freeze', async () => {
    await start({ snapshotBackfillDays: 20 });
    const id = h.fake.createRequest(APP_ID, 'ONE_TIME_SNAPSHOT');
    h.fake.clock.advanceDays(2);
    const produced = h.fake.instances({ requestId: id });
    expect(new Set(produced.map((i) => i.processingDate)).size).toBe(1);
    const p = isoDay(produced[0]?.processingDate as string);
    const daily = produced.find((i) => i.reportName === 'App Sessions Standard' && i.granularity === 'DAILY');
    expect(daily?.dates.map(isoDay)).toEqual(Array.from({ length: 20 }, (_, k) => p - 20 + k));
    const weekly = produced.find((i) => i.reportName === 'App Sessions Standard' && i.granularity === 'WEEKLY');
    expect(weekly?.dates.every((d) => weekday(d) === 1 && isoDay(d) + 11 <= p)).toBe(true);
    h.fake.clock.advanceDays(10);
    expect(h.fake.instances({ requestId: id }).map((i) => i.id)).toEqual(produced.map((i) => i.id));
  });

  test('the perMonth layout splits DAILY backfill by calendar month', async () => {
    await start({ snapshotBackfillDays: 45, snapshotLayout: 'perMonth' });
    const id = h.fake.createRequest(APP_ID, 'ONE_TIME_SNAPSHOT');
    h.fake.clock.advanceDays(2);
    const daily = h.fake.instances({ requestId: id, reportName: 'App Crashes', granularity: 'DAILY' });
    expect(daily.length).toBe(3);
    for (const instance of daily) expect(new Set(instance.dates.map((d) => d.slice(0, 7))).size).toBe(1);
  });
});

describe('retention and inactivity', () => {
  test('instances and segments are gone 35 days after production', async () => {
    await start();
    const id = h.fake.createRequest(APP_ID, 'ONGOING');
    h.fake.clock.advanceDays(2);
    const first = h.fake.instances({ requestId: id, reportName: 'App Crashes' })[0];
    if (!first) throw new Error('no instance');
    h.fake.clock.set(new Date(first.producedAt.getTime() + 35 * DAY - 60_000));
    expect((await h.api(`/v1/analyticsReportInstances/${first.id}`)).status).toBe(200);
    expect((await h.api(`/v1/analyticsReportSegments/${first.segmentIds[0]}`)).status).toBe(200);
    h.fake.clock.advanceMinutes(1);
    const gone = await h.api(`/v1/analyticsReportInstances/${first.id}`);
    expect(gone.status).toBe(404);
    expect(gone.json.errors[0].code).toBe('NOT_FOUND');
    expect((await h.api(`/v1/analyticsReportSegments/${first.segmentIds[0]}`)).status).toBe(404);
    const listed = await h.all(`/v1/analyticsReports/r2-${id}/instances?limit=200`);
    expect(listed.map((i) => i.id)).not.toContain(first.id);
    expect(h.fake.instances({ requestId: id, includeGone: true }).find((i) => i.id === first.id)?.gone).toBe(true);
  });

  test('without downloads an ONGOING request stops; delete and re-create to recover', async () => {
    h = await startHarness({ inactivityDays: 14 });
    const id = await h.createOngoing();
    h.fake.clock.advanceDays(20);
    const res = await h.api(`/v1/analyticsReportRequests/${id}`);
    expect(res.json.data.attributes.stoppedDueToInactivity).toBe(true);
    const last = Math.max(...h.fake.instances({ requestId: id }).map((i) => i.producedAt.getTime()));
    expect(last).toBeLessThanOrEqual(START.getTime() + 14 * DAY);
    h.fake.clock.advanceDays(3);
    expect(Math.max(...h.fake.instances({ requestId: id }).map((i) => i.producedAt.getTime()))).toBe(last);
    const again = await h.api('/v1/analyticsReportRequests', { method: 'POST', body: { data: { type: 'analyticsReportRequests', attributes: { accessType: 'ONGOING' }, relationships: { app: { data: { type: 'apps', id: APP_ID } } } } } });
    expect(again.status).toBe(409);
    expect((await h.api(`/v1/analyticsReportRequests/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await h.createOngoing()).not.toBe(id);
  });

  test('segment downloads keep a request alive', async () => {
    h = await startHarness({ inactivityDays: 14 });
    const id = await h.createOngoing();
    for (let week = 0; week < 5; week++) {
      h.fake.clock.advanceDays(7);
      const instance = h.fake.instances({ requestId: id, reportName: 'App Opt In' }).at(-1);
      const segment = await h.api(`/v1/analyticsReportSegments/${instance?.segmentIds[0]}`);
      expect((await h.download(segment.json.data.attributes.url)).status).toBe(200);
    }
    expect(h.fake.requests(APP_ID).find((r) => r.id === id)?.stoppedDueToInactivity).toBe(false);
  });
});
