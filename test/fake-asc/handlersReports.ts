// Endpoints #6–#14 of §6: reports of a request, instances of a report, segments of an instance
// (with freshly signed S3 URLs on every call), each with its 4.x linkage twin.

import { GRANULARITIES } from './catalogue';
import { dayToIso } from './dates';
import { apiErrors } from './errors';
import { PARAMS } from './params';
import { renderInstance, renderReport, renderSegment } from './resources';
import {
  fieldsOf, idOf, linkageDocument, listDocument, listingOrder, route, singleDocument,
  type HandlerInput, type HandlerResult, type Route,
} from './routing';
import { applySegmentRewrite } from './hostileSegments';
import { segmentFile } from './segmentFiles';
import type { InstanceRecord, ReportRecord, SegmentRecord } from './store';

function reportsOf(input: HandlerInput): ReportRecord[] {
  const request = input.ctx.store.liveRequest(idOf(input));
  if (!request) throw apiErrors.notFound('analyticsReportRequests', idOf(input));
  const categories = input.params.lists.get('filter[category]');
  const names = input.params.lists.get('filter[name]');
  return request.reports.filter((r) => (!categories || categories.includes(r.def.category)) && (!names || names.includes(r.def.name)));
}

function liveReport(input: HandlerInput): ReportRecord {
  const report = input.ctx.store.liveReport(idOf(input));
  if (!report) throw apiErrors.notFound('analyticsReports', idOf(input));
  return report;
}

function instancesOf(input: HandlerInput): InstanceRecord[] {
  const report = liveReport(input);
  const now = input.ctx.clock.nowMs();
  const granularities = input.params.lists.get('filter[granularity]');
  const dates = input.params.lists.get('filter[processingDate]');
  const live = report.instances.filter((i) => input.ctx.store.isInstanceLive(i, now)
    && (!granularities || granularities.includes(i.granularity))
    && (!dates || dates.includes(dayToIso(i.processingDay))));
  const natural = live.sort((a, b) => a.processingDay - b.processingDay
    || GRANULARITIES.indexOf(a.granularity) - GRANULARITIES.indexOf(b.granularity) || a.producedAt - b.producedAt);
  return listingOrder(input.ctx, natural, (i) => i.id);
}

function liveInstance(input: HandlerInput): InstanceRecord {
  const instance = input.ctx.store.liveInstance(idOf(input), input.ctx.clock.nowMs());
  if (!instance) throw apiErrors.notFound('analyticsReportInstances', idOf(input));
  return instance;
}

function segmentsOf(input: HandlerInput): SegmentRecord[] {
  const instance = liveInstance(input);
  if (input.ctx.faults.zeroSegmentInstances) return [];
  return listingOrder(input.ctx, instance.segments, (s) => s.id);
}

function takeFault(input: HandlerInput, name: 'corruptChecksumNext' | 'wrongSizeNext'): boolean {
  if (input.ctx.faults[name] <= 0) return false;
  input.ctx.faults[name]--;
  return true;
}

function segmentResource(input: HandlerInput, segment: SegmentRecord): unknown {
  const { ctx } = input;
  const fields = fieldsOf(input, 'analyticsReportSegments');
  const needsFile = !fields || fields.includes('checksum') || fields.includes('sizeInBytes');
  const file = needsFile ? segmentFile(ctx, segment) : undefined;
  let checksum = file?.md5 ?? '';
  let sizeInBytes = file?.gz.length ?? 0;
  if (file && (!fields || fields.includes('checksum')) && takeFault(input, 'corruptChecksumNext')) {
    checksum = [...checksum].reverse().join('');
  }
  if (file && (!fields || fields.includes('sizeInBytes')) && takeFault(input, 'wrongSizeNext')) sizeInBytes += 17;
  const url = ctx.signer.url(ctx.urls.segments, segment.s3Path, ctx.clock.nowMs());
  const shown = applySegmentRewrite(ctx.faults.segmentRewrite, { id: segment.id, checksum, sizeInBytes, url });
  return renderSegment(ctx.urls.api, { ...segment, id: shown.id }, fields, { checksum: shown.checksum, sizeInBytes: shown.sizeInBytes, url: shown.url });
}

function readSegment(input: HandlerInput): HandlerResult {
  const segment = input.ctx.store.liveSegment(idOf(input), input.ctx.clock.nowMs());
  if (!segment) throw apiErrors.notFound('analyticsReportSegments', idOf(input));
  return singleDocument(input, segmentResource(input, segment));
}

export const reportRoutes: Route[] = [
  route('/v1/analyticsReportRequests/{id}/reports', {
    GET: { params: PARAMS.reports, analytics: true, handle: (input) => listDocument(input, reportsOf(input), (r) => renderReport(input.ctx.urls.api, r, fieldsOf(input, 'analyticsReports'))) },
  }),
  route('/v1/analyticsReportRequests/{id}/relationships/reports', {
    GET: { params: PARAMS.linkage, analytics: true, handle: (input) => linkageDocument(input, reportsOf(input), 'analyticsReports', (r) => r.id) },
  }),
  route('/v1/analyticsReports/{id}', {
    GET: { params: PARAMS.report, analytics: true, handle: (input) => singleDocument(input, renderReport(input.ctx.urls.api, liveReport(input), fieldsOf(input, 'analyticsReports'))) },
  }),
  route('/v1/analyticsReports/{id}/instances', {
    GET: { params: PARAMS.instances, analytics: true, handle: (input) => listDocument(input, instancesOf(input), (i) => renderInstance(input.ctx.urls.api, i, fieldsOf(input, 'analyticsReportInstances'))) },
  }),
  route('/v1/analyticsReports/{id}/relationships/instances', {
    GET: { params: PARAMS.linkage, analytics: true, handle: (input) => linkageDocument(input, instancesOf(input), 'analyticsReportInstances', (i) => i.id) },
  }),
  route('/v1/analyticsReportInstances/{id}', {
    GET: { params: PARAMS.instance, analytics: true, handle: (input) => singleDocument(input, renderInstance(input.ctx.urls.api, liveInstance(input), fieldsOf(input, 'analyticsReportInstances'))) },
  }),
  route('/v1/analyticsReportInstances/{id}/segments', {
    GET: { params: PARAMS.segments, analytics: true, handle: (input) => listDocument(input, segmentsOf(input), (s) => segmentResource(input, s)) },
  }),
  route('/v1/analyticsReportInstances/{id}/relationships/segments', {
    GET: { params: PARAMS.linkage, analytics: true, handle: (input) => linkageDocument(input, segmentsOf(input), 'analyticsReportSegments', (s) => s.id) },
  }),
  route('/v1/analyticsReportSegments/{id}', {
    GET: { params: PARAMS.segment, analytics: true, handle: readSegment },
  }),
];
