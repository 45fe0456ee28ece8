// JSON:API resource objects of the five types (§7), with sparse fieldsets: `fields[type]` keeps
// only the listed attributes and relationships. Links point at the fake's own base URL.

import { dayToIso } from './dates';
import type { AppRecord, InstanceRecord, ReportRecord, RequestRecord, SegmentRecord } from './store';

export type Fields = readonly string[] | undefined;
type Resource = Record<string, unknown>;

function wants(fields: Fields, name: string): boolean {
  return fields === undefined || fields.includes(name);
}

function attributesOf(all: Record<string, unknown>, fields: Fields): Record<string, unknown> | undefined {
  const kept = Object.entries(all).filter(([name]) => wants(fields, name));
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

export function relationshipLinks(baseUrl: string, type: string, id: string, relationship: string) {
  return {
    self: `${baseUrl}/v1/${type}/${id}/relationships/${relationship}`,
    related: `${baseUrl}/v1/${type}/${id}/${relationship}`,
  };
}

function resource(
  baseUrl: string, type: string, id: string, attributes: Record<string, unknown> | undefined,
  relationships: Record<string, unknown> | undefined,
): Resource {
  const out: Resource = { type, id };
  if (attributes) out.attributes = attributes;
  if (relationships && Object.keys(relationships).length > 0) out.relationships = relationships;
  out.links = { self: `${baseUrl}/v1/${type}/${id}` };
  return out;
}

export interface IncludedReports {
  ids: string[];
  total: number;
  limit: number;
}

export function renderRequest(baseUrl: string, request: RequestRecord, fields: Fields, included?: IncludedReports): Resource {
  const attributes = attributesOf({ accessType: request.accessType, stoppedDueToInactivity: request.stoppedAt !== undefined }, fields);
  const relationships: Record<string, unknown> = {};
  if (wants(fields, 'reports') || included) {
    const reports: Record<string, unknown> = { links: relationshipLinks(baseUrl, 'analyticsReportRequests', request.id, 'reports') };
    if (included) {
      reports.meta = { paging: { total: included.total, limit: included.limit } };
      reports.data = included.ids.map((id) => ({ type: 'analyticsReports', id }));
    }
    relationships.reports = reports;
  }
  return resource(baseUrl, 'analyticsReportRequests', request.id, attributes, relationships);
}

export function renderReport(baseUrl: string, report: ReportRecord, fields: Fields): Resource {
  const attributes = attributesOf({ name: report.def.name, category: report.def.category }, fields);
  const relationships = wants(fields, 'instances')
    ? { instances: { links: relationshipLinks(baseUrl, 'analyticsReports', report.id, 'instances') } }
    : undefined;
  return resource(baseUrl, 'analyticsReports', report.id, attributes, relationships);
}

export function renderInstance(baseUrl: string, instance: InstanceRecord, fields: Fields): Resource {
  const attributes = attributesOf({ granularity: instance.granularity, processingDate: dayToIso(instance.processingDay) }, fields);
  const relationships = wants(fields, 'segments')
    ? { segments: { links: relationshipLinks(baseUrl, 'analyticsReportInstances', instance.id, 'segments') } }
    : undefined;
  return resource(baseUrl, 'analyticsReportInstances', instance.id, attributes, relationships);
}

export interface SegmentAttributes {
  checksum: string;
  sizeInBytes: number;
  url: string;
}

export function renderSegment(baseUrl: string, segment: SegmentRecord, fields: Fields, values: SegmentAttributes): Resource {
  return resource(baseUrl, 'analyticsReportSegments', segment.id, attributesOf({ ...values }, fields), undefined);
}

export function renderApp(baseUrl: string, app: AppRecord, fields: Fields): Resource {
  const attributes = attributesOf({
    name: app.name, bundleId: app.bundleId, sku: app.sku, primaryLocale: 'en-US',
    isOrEverWasMadeForKids: false, contentRightsDeclaration: 'DOES_NOT_USE_THIRD_PARTY_CONTENT',
  }, fields);
  const relationships = wants(fields, 'analyticsReportRequests')
    ? { analyticsReportRequests: { links: relationshipLinks(baseUrl, 'apps', app.id, 'analyticsReportRequests') } }
    : undefined;
  return resource(baseUrl, 'apps', app.id, attributes, relationships);
}

export function linkage(type: string, id: string): { type: string; id: string } {
  return { type, id };
}
