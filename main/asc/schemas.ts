// zod schemas for the JSON:API documents App Store Connect returns, and their mapping to the plain
// domain objects of shared/ascTypes. Unknown extra keys are dropped, never rejected.

import { z } from 'zod';
import {
  ACCESS_TYPES,
  GRANULARITIES,
  type App,
  type Report,
  type ReportInstance,
  type ReportRequest,
  type Segment,
} from '../../shared/ascTypes';
import { OrchardError } from '../../shared/errors';

function resource<const T extends string, S extends z.ZodRawShape>(type: T, attributes: S) {
  return z.object({ type: z.literal(type), id: z.string().min(1), attributes: z.object(attributes) });
}

export const reportRequestResource = resource('analyticsReportRequests', {
  accessType: z.enum(ACCESS_TYPES),
  // Apple always sends it; a missing value is read as "not stopped" rather than failing a sync.
  stoppedDueToInactivity: z.boolean().optional(),
});
export const reportResource = resource('analyticsReports', { name: z.string(), category: z.string() });
export const instanceResource = resource('analyticsReportInstances', {
  granularity: z.enum(GRANULARITIES),
  processingDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export const segmentResource = resource('analyticsReportSegments', {
  checksum: z.string(),
  sizeInBytes: z.number().int().nonnegative(),
  url: z.string().min(1),
});
export const appResource = resource('apps', {
  name: z.string(),
  bundleId: z.string(),
  sku: z.string(),
  primaryLocale: z.string().nullish(),
});

const pagingMeta = z.object({ paging: z.object({ total: z.number().int().nonnegative().optional() }).optional() }).optional();

export function singleDocument<S extends z.ZodType>(item: S) {
  return z.object({ data: item });
}
export function listDocument<S extends z.ZodType>(item: S) {
  return z.object({ data: z.array(item), meta: pagingMeta });
}
/** One `{type, id}` entry of a `relationships/*` linkage document. */
export function linkageItem<const T extends string>(type: T) {
  return z.object({ type: z.literal(type), id: z.string().min(1) });
}

const linksOnly = z.object({ links: z.object({ next: z.string().nullish() }).nullish() });

/** `links.next` of a list document, or undefined on the last page. */
export function nextLinkOf(page: unknown): string | undefined {
  const parsed = linksOnly.safeParse(page);
  const next = parsed.success ? parsed.data.links?.next : undefined;
  return next === null || next === undefined || next === '' ? undefined : next;
}

/** Validates an API response; a mismatch is Apple changing something Orchard relies on. */
export function parseDocument<S extends z.ZodType>(schema: S, body: unknown, where: string): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new OrchardError('INTERNAL', `App Store Connect sent a response Orchard does not understand (${where}).`, {
    reason: 'unexpected-response',
    where,
    issues,
  });
}

export function toReportRequest(item: z.output<typeof reportRequestResource>): ReportRequest {
  return {
    id: item.id,
    accessType: item.attributes.accessType,
    stoppedDueToInactivity: item.attributes.stoppedDueToInactivity ?? false,
  };
}

export function toReport(item: z.output<typeof reportResource>): Report {
  return { id: item.id, name: item.attributes.name, category: item.attributes.category };
}

export function toInstance(item: z.output<typeof instanceResource>): ReportInstance {
  return { id: item.id, granularity: item.attributes.granularity, processingDate: item.attributes.processingDate };
}

export function toSegment(item: z.output<typeof segmentResource>): Segment {
  const { checksum, sizeInBytes, url } = item.attributes;
  return { id: item.id, checksum, sizeInBytes, url };
}

export function toApp(item: z.output<typeof appResource>): App {
  const { name, bundleId, sku, primaryLocale } = item.attributes;
  const app: App = { id: item.id, name, bundleId, sku };
  if (primaryLocale !== undefined && primaryLocale !== null) app.primaryLocale = primaryLocale;
  return app;
}
