// Typed calls for the 14 Analytics Reports endpoints (§6 of the API fact sheet): report requests,
// reports, instances, segments and their 4.x `relationships/*` linkage lists.

import type { AccessType, Granularity, Report, ReportInstance, ReportRequest, Segment } from '../../shared/ascTypes';
import type { AscHttp } from './http';
import { collectLinkage, collectList, fetchOne, type CallOptions, type ListOptions } from './paging';
import {
  instanceResource,
  parseDocument,
  reportRequestResource,
  reportResource,
  segmentResource,
  singleDocument,
  toInstance,
  toReport,
  toReportRequest,
  toSegment,
} from './schemas';
import { pathId } from './urls';

type OneOrMany<T> = T | readonly T[];

export interface ListReportRequestsOptions extends ListOptions {
  accessType?: OneOrMany<AccessType>;
}

export interface ListReportsOptions extends ListOptions {
  /** Wire values: COMMERCE, FRAMEWORK_USAGE, … */
  category?: OneOrMany<string>;
  /** Exact report names; Apple's matching rules are uncertain, so prefer filtering locally. */
  name?: OneOrMany<string>;
}

export interface ListInstancesOptions extends ListOptions {
  granularity?: OneOrMany<Granularity>;
  /** `YYYY-MM-DD` values. */
  processingDate?: OneOrMany<string>;
}

export interface AnalyticsApi {
  /** #1 POST /v1/analyticsReportRequests (Admin keys only; 409 if one of this type exists). */
  createReportRequest(appId: string, accessType: AccessType, options?: CallOptions): Promise<ReportRequest>;
  /** #2 GET /v1/apps/{id}/analyticsReportRequests */
  listReportRequests(appId: string, options?: ListReportRequestsOptions): Promise<ReportRequest[]>;
  /** #3 GET /v1/apps/{id}/relationships/analyticsReportRequests (4.x) */
  listReportRequestIds(appId: string, options?: ListOptions): Promise<string[]>;
  /** #4 GET /v1/analyticsReportRequests/{id} */
  getReportRequest(requestId: string, options?: CallOptions): Promise<ReportRequest>;
  /** #5 DELETE /v1/analyticsReportRequests/{id} (Admin keys only) */
  deleteReportRequest(requestId: string, options?: CallOptions): Promise<void>;
  /** #6 GET /v1/analyticsReportRequests/{id}/reports */
  listReports(requestId: string, options?: ListReportsOptions): Promise<Report[]>;
  /** #7 GET /v1/analyticsReportRequests/{id}/relationships/reports (4.x) */
  listReportIds(requestId: string, options?: ListOptions): Promise<string[]>;
  /** #8 GET /v1/analyticsReports/{id} */
  getReport(reportId: string, options?: CallOptions): Promise<Report>;
  /** #9 GET /v1/analyticsReports/{id}/instances */
  listInstances(reportId: string, options?: ListInstancesOptions): Promise<ReportInstance[]>;
  /** #10 GET /v1/analyticsReports/{id}/relationships/instances (4.x) */
  listInstanceIds(reportId: string, options?: ListOptions): Promise<string[]>;
  /** #11 GET /v1/analyticsReportInstances/{id} */
  getInstance(instanceId: string, options?: CallOptions): Promise<ReportInstance>;
  /** #12 GET /v1/analyticsReportInstances/{id}/segments (URLs are fresh, valid ~5 minutes) */
  listSegments(instanceId: string, options?: ListOptions): Promise<Segment[]>;
  /** #13 GET /v1/analyticsReportInstances/{id}/relationships/segments (4.x) */
  listSegmentIds(instanceId: string, options?: ListOptions): Promise<string[]>;
  /** #14 GET /v1/analyticsReportSegments/{id} (re-signs the URL) */
  getSegment(segmentId: string, options?: CallOptions): Promise<Segment>;
}

function listOf<T>(value: OneOrMany<T> | undefined): readonly T[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

export function createAnalyticsApi(http: AscHttp): AnalyticsApi {
  return {
    async createReportRequest(appId, accessType, options = {}) {
      const path = '/v1/analyticsReportRequests';
      const body = {
        data: {
          type: 'analyticsReportRequests',
          attributes: { accessType },
          relationships: { app: { data: { type: 'apps', id: appId } } },
        },
      };
      const response = await http.request('POST', path, { body, signal: options.signal });
      return toReportRequest(parseDocument(singleDocument(reportRequestResource), response, `POST ${path}`).data);
    },
    listReportRequests(appId, options = {}) {
      const query = { 'filter[accessType]': listOf(options.accessType) };
      return collectList(http, `/v1/apps/${pathId(appId)}/analyticsReportRequests`, query, reportRequestResource, toReportRequest, options);
    },
    listReportRequestIds(appId, options = {}) {
      return collectLinkage(http, `/v1/apps/${pathId(appId)}/relationships/analyticsReportRequests`, 'analyticsReportRequests', options);
    },
    getReportRequest(requestId, options = {}) {
      return fetchOne(http, `/v1/analyticsReportRequests/${pathId(requestId)}`, reportRequestResource, toReportRequest, options);
    },
    async deleteReportRequest(requestId, options = {}) {
      await http.request('DELETE', `/v1/analyticsReportRequests/${pathId(requestId)}`, { signal: options.signal });
    },
    listReports(requestId, options = {}) {
      const query = { 'filter[category]': listOf(options.category), 'filter[name]': listOf(options.name) };
      return collectList(http, `/v1/analyticsReportRequests/${pathId(requestId)}/reports`, query, reportResource, toReport, options);
    },
    listReportIds(requestId, options = {}) {
      return collectLinkage(http, `/v1/analyticsReportRequests/${pathId(requestId)}/relationships/reports`, 'analyticsReports', options);
    },
    getReport(reportId, options = {}) {
      return fetchOne(http, `/v1/analyticsReports/${pathId(reportId)}`, reportResource, toReport, options);
    },
    listInstances(reportId, options = {}) {
      const query = {
        'filter[granularity]': listOf(options.granularity),
        'filter[processingDate]': listOf(options.processingDate),
      };
      return collectList(http, `/v1/analyticsReports/${pathId(reportId)}/instances`, query, instanceResource, toInstance, options);
    },
    listInstanceIds(reportId, options = {}) {
      return collectLinkage(http, `/v1/analyticsReports/${pathId(reportId)}/relationships/instances`, 'analyticsReportInstances', options);
    },
    getInstance(instanceId, options = {}) {
      return fetchOne(http, `/v1/analyticsReportInstances/${pathId(instanceId)}`, instanceResource, toInstance, options);
    },
    listSegments(instanceId, options = {}) {
      return collectList(http, `/v1/analyticsReportInstances/${pathId(instanceId)}/segments`, {}, segmentResource, toSegment, options);
    },
    listSegmentIds(instanceId, options = {}) {
      const path = `/v1/analyticsReportInstances/${pathId(instanceId)}/relationships/segments`;
      return collectLinkage(http, path, 'analyticsReportSegments', options);
    },
    getSegment(segmentId, options = {}) {
      return fetchOne(http, `/v1/analyticsReportSegments/${pathId(segmentId)}`, segmentResource, toSegment, options);
    },
  };
}
