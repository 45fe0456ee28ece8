// The Reports rows: one per name across requests, default selection (Standard reports of
// engagement, commerce and usage, plus App Downloads Detailed), a custom selection matched by normalised name, status from
// the ongoing request, granularities and instance counts.
import { describe, expect, it } from 'vitest';
import type { InstanceRow } from '../../../main/browse/instancesModel';
import { buildReportViews, levelOf, type ReportRow } from '../../../main/browse/reportsModel';

const report = (name: string, category: string, over: Partial<ReportRow> = {}): ReportRow => ({
  reportId: `${name}-1`, requestId: 'q1', accessType: 'ONGOING', name, category, ...over,
});
let serial = 0;
const instance = (reportName: string, over: Partial<InstanceRow>): InstanceRow => ({
  instanceId: `i${(serial += 1)}`, reportName, tableName: 't', requestId: 'q1', accessType: 'ONGOING', granularity: 'DAILY',
  processingDate: '2024-04-01', ingested: false, segmentCount: null, rowCount: null, badSegments: 0, ...over,
});
const ctx = { today: new Date('2024-04-03T00:00:00Z'), deletedRequests: new Set<string>() };

const REPORTS: ReportRow[] = [
  report('App Downloads Standard', 'COMMERCE', { status: 'available', reason: 'fresh' }),
  report('App Downloads Standard', 'COMMERCE', { reportId: 'snap', requestId: 'q2', accessType: 'ONE_TIME_SNAPSHOT', status: 'stale', reason: 'old' }),
  report('App Downloads Detailed', 'COMMERCE'),
  report('App Crashes Expanded', 'PERFORMANCE'),
  report('App Sessions Standard', 'APP_USAGE'),
];

describe('buildReportViews', () => {
  it('joins a name across requests and sorts by category, then name', () => {
    const views = buildReportViews(REPORTS, [], undefined, ctx);
    expect(views.map((v) => v.name)).toEqual(['App Sessions Standard', 'App Downloads Detailed', 'App Downloads Standard', 'App Crashes Expanded']);
    const downloads = views.find((v) => v.name === 'App Downloads Standard');
    expect(downloads).toMatchObject({ accessTypes: ['ONGOING', 'ONE_TIME_SNAPSHOT'], status: 'available', reason: 'fresh', level: 'Standard' });
  });
  it('selects the default set unless the app has its own selection', () => {
    const byDefault = buildReportViews(REPORTS, [], undefined, ctx);
    expect(byDefault.filter((v) => v.selected).map((v) => v.name).sort()).toEqual(['App Downloads Detailed', 'App Downloads Standard', 'App Sessions Standard']);
    const custom = buildReportViews(REPORTS, [], ['app crashes expanded', 'App-Downloads-Detailed'], ctx);
    expect(custom.filter((v) => v.selected).map((v) => v.name).sort()).toEqual(['App Crashes Expanded', 'App Downloads Detailed']);
    expect(custom.find((v) => v.name === 'App Sessions Standard')).toMatchObject({ selected: false, isDefault: true });
  });
  it('counts instances by state and adds the granularities seen to the catalogue ones', () => {
    const views = buildReportViews(REPORTS, [
      instance('App Downloads Standard', { ingested: true, rowCount: 10 }),
      instance('App Downloads Standard', { granularity: 'WEEKLY' }),
      instance('App Downloads Standard', { processingDate: '2024-01-01' }),
      instance('App Downloads Standard', { badSegments: 2 }),
    ], undefined, ctx);
    expect(views.find((v) => v.name === 'App Downloads Standard')).toMatchObject({
      granularities: ['DAILY', 'WEEKLY'],
      instances: { total: 4, downloaded: 1, pending: 1, expired: 1, failed: 1 },
      rowsLoaded: 10,
    });
  });
  it('names levels from the catalogue or the name', () => {
    expect(levelOf('App Crashes')).toBe('Single');
    expect(levelOf('Some Future Report Detailed')).toBe('Detailed');
  });
});
