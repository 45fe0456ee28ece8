// Endpoints #1–#5 of §6: create, list (per app), read and delete report requests, plus the
// 4.x linkage list of an app's requests.

import { apiErrors } from './errors';
import { parseCreateBody } from './createBody';
import { creationConflict, createRequestRecord } from './production';
import { PARAMS } from './params';
import { renderReport, renderRequest, type IncludedReports } from './resources';
import {
  fieldsOf, idOf, linkageDocument, listingOrder, pageContextOf, route, singleDocument,
  type HandlerInput, type HandlerResult, type Route,
} from './routing';
import { paginate } from './paging';
import type { RequestRecord } from './store';

/** `limit[reports]` when absent: small on purpose, so clients list reports through #6. */
const DEFAULT_INCLUDED_REPORTS = 10;

function appOf(input: HandlerInput) {
  const app = input.ctx.store.apps.get(idOf(input));
  if (!app) throw apiErrors.notFound('apps', idOf(input));
  return app;
}

function liveRequestsOfApp(input: HandlerInput): RequestRecord[] {
  const app = appOf(input);
  const requests = input.ctx.store.requestsOfApp(app.id).filter((r) => r.deletedAt === undefined);
  return listingOrder(input.ctx, requests, (r) => r.id);
}

function includedReports(input: HandlerInput, request: RequestRecord): IncludedReports | undefined {
  if (!input.params.lists.get('include')?.includes('reports')) return undefined;
  const limit = input.params.limits.get('limit[reports]') ?? DEFAULT_INCLUDED_REPORTS;
  return { ids: request.reports.slice(0, limit).map((r) => r.id), total: request.reports.length, limit };
}

function renderWithIncludes(input: HandlerInput, requests: RequestRecord[]): { data: unknown[]; included: unknown[] } {
  const base = input.ctx.urls.api;
  const included = new Map<string, unknown>();
  const data = requests.map((request) => {
    const reports = includedReports(input, request);
    for (const id of reports?.ids ?? []) {
      const report = input.ctx.store.reports.get(id);
      if (report) included.set(id, renderReport(base, report, fieldsOf(input, 'analyticsReports')));
    }
    return renderRequest(base, request, fieldsOf(input, 'analyticsReportRequests'), reports);
  });
  return { data, included: [...included.values()] };
}

function createRequest(input: HandlerInput): HandlerResult {
  const { ctx } = input;
  const body = parseCreateBody(input.body);
  const app = ctx.store.apps.get(body.appId);
  if (!app) {
    throw apiErrors.entityError('ENTITY_ERROR.RELATIONSHIP.INVALID', `There is no app with id '${body.appId}'`, '/data/relationships/app/data/id');
  }
  const now = ctx.clock.nowMs();
  const conflict = creationConflict(ctx, app.id, body.accessType, now);
  if (conflict) throw apiErrors.stateError(conflict);
  const request = createRequestRecord(ctx, app, body.accessType, now);
  return {
    status: 201,
    body: { data: renderRequest(ctx.urls.api, request, undefined), links: { self: `${ctx.urls.api}/v1/analyticsReportRequests` } },
  };
}

function listAppRequests(input: HandlerInput): HandlerResult {
  const accessTypes = input.params.lists.get('filter[accessType]');
  const requests = liveRequestsOfApp(input).filter((r) => !accessTypes || accessTypes.includes(r.accessType));
  const page = paginate(requests, pageContextOf(input));
  const { data, included } = renderWithIncludes(input, page.items);
  const body: Record<string, unknown> = { data };
  if (included.length > 0) body.included = included;
  body.links = page.links;
  body.meta = page.meta;
  return { status: 200, body };
}

function liveRequest(input: HandlerInput): RequestRecord {
  const request = input.ctx.store.liveRequest(idOf(input));
  if (!request) throw apiErrors.notFound('analyticsReportRequests', idOf(input));
  return request;
}

function readRequest(input: HandlerInput): HandlerResult {
  const { data, included } = renderWithIncludes(input, [liveRequest(input)]);
  return singleDocument(input, data[0], included);
}

function deleteRequest(input: HandlerInput): HandlerResult {
  liveRequest(input).deletedAt = input.ctx.clock.nowMs();
  return { status: 204 };
}

export const requestRoutes: Route[] = [
  route('/v1/analyticsReportRequests', {
    POST: { params: PARAMS.none, write: true, analytics: true, handle: createRequest },
  }),
  route('/v1/analyticsReportRequests/{id}', {
    GET: { params: PARAMS.request, analytics: true, handle: readRequest },
    DELETE: { params: PARAMS.none, write: true, analytics: true, handle: deleteRequest },
  }),
  route('/v1/apps/{id}/analyticsReportRequests', {
    GET: { params: PARAMS.appRequests, analytics: true, handle: listAppRequests },
  }),
  route('/v1/apps/{id}/relationships/analyticsReportRequests', {
    GET: { params: PARAMS.linkage, analytics: true, handle: (input) => linkageDocument(input, liveRequestsOfApp(input), 'analyticsReportRequests', (r) => r.id) },
  }),
];
