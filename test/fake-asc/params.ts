// Query parameter parsing and validation per endpoint (§5, §6): unknown names → ILLEGAL, bad values
// → INVALID with source.parameter; arrays are one comma-separated parameter (form, explode=false).

import { apiErrors } from './errors';
import { isoToDay } from './dates';

export type ParamSpec =
  | { kind: 'enumList'; values: readonly string[]; fieldNames?: boolean }
  | { kind: 'list' }
  | { kind: 'dateList' }
  | { kind: 'limit'; max: number }
  | { kind: 'cursor' }
  | { kind: 'sort'; values: readonly string[] };

export type EndpointParams = Readonly<Record<string, ParamSpec>>;

export interface ParsedParams {
  /** Decoded pairs in request order (for links and scopes). */
  pairs: Array<[string, string]>;
  lists: Map<string, string[]>;
  limits: Map<string, number>;
  cursor: string | undefined;
}

function decode(text: string, name: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw apiErrors.parameterInvalid(name, `The parameter '${name}' is not correctly encoded`);
  }
}

/** Splits a raw query string; `+` stays a plus (Apple's links use `%20`). */
export function splitQuery(rawQuery: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawName = eq < 0 ? part : part.slice(0, eq);
    const name = decode(rawName, rawName);
    pairs.push([name, eq < 0 ? '' : decode(part.slice(eq + 1), name)]);
  }
  return pairs;
}

export function parseParams(rawQuery: string, spec: EndpointParams): ParsedParams {
  const pairs = splitQuery(rawQuery);
  const parsed: ParsedParams = { pairs, lists: new Map(), limits: new Map(), cursor: undefined };
  const seen = new Set<string>();
  for (const [name, value] of pairs) {
    const param = spec[name];
    if (!param) throw apiErrors.parameterIllegal(name);
    if (seen.has(name)) throw apiErrors.parameterInvalid(name, `The parameter '${name}' may be given only once; separate values with commas`);
    seen.add(name);
    if (value === '') throw apiErrors.parameterInvalid(name, `The parameter '${name}' has no value`);
    applyParam(parsed, name, value, param);
  }
  return parsed;
}

function applyParam(parsed: ParsedParams, name: string, value: string, param: ParamSpec): void {
  switch (param.kind) {
    case 'limit': {
      const limit = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
      if (!(limit >= 1)) throw apiErrors.parameterInvalid(name, `'${value}' is not a valid value for '${name}'; it must be a positive integer`);
      if (limit > param.max) throw apiErrors.parameterInvalid(name, `The parameter '${name}' exceeds the maximum allowed value of ${param.max}`);
      parsed.limits.set(name, limit);
      return;
    }
    case 'cursor':
      parsed.cursor = value;
      return;
    default: {
      const items = value.split(',');
      for (const item of items) checkItem(name, item, param);
      parsed.lists.set(name, items);
    }
  }
}

function checkItem(name: string, item: string, param: ParamSpec): void {
  if (item === '') throw apiErrors.parameterInvalid(name, `The parameter '${name}' contains an empty value`);
  if (param.kind === 'enumList' && !param.values.includes(item)) {
    throw apiErrors.parameterInvalid(name, param.fieldNames ? `'${item}' is not a valid field name` : `'${item}' is not a valid value for '${name}'`);
  }
  if (param.kind === 'dateList' && isoToDay(item) === undefined) {
    throw apiErrors.parameterInvalid(name, `'${item}' is not a valid date; expected YYYY-MM-DD`);
  }
  if (param.kind === 'sort' && !param.values.includes(item.replace(/^-/, ''))) {
    throw apiErrors.parameterInvalid(name, `'${item}' is not a valid sort field`);
  }
}

/** Parameter sets of the endpoints, per §6. */
const fields = (values: string[]): ParamSpec => ({ kind: 'enumList', values, fieldNames: true });
const FIELDS_REQUESTS = fields(['accessType', 'stoppedDueToInactivity', 'reports']);
const FIELDS_REPORTS = fields(['name', 'category', 'instances']);
const FIELDS_INSTANCES = fields(['granularity', 'processingDate', 'segments']);
const FIELDS_SEGMENTS = fields(['checksum', 'sizeInBytes', 'url']);
export const APP_FIELDS = ['name', 'bundleId', 'sku', 'primaryLocale', 'isOrEverWasMadeForKids', 'contentRightsDeclaration', 'analyticsReportRequests'];
const PAGED = { limit: { kind: 'limit', max: 200 }, cursor: { kind: 'cursor' } } as const;

export const PARAMS = {
  none: {},
  linkage: PAGED,
  appRequests: {
    'filter[accessType]': { kind: 'enumList', values: ['ONE_TIME_SNAPSHOT', 'ONGOING'] },
    'fields[analyticsReportRequests]': FIELDS_REQUESTS, 'fields[analyticsReports]': FIELDS_REPORTS,
    include: { kind: 'enumList', values: ['reports'] }, 'limit[reports]': { kind: 'limit', max: 50 }, ...PAGED,
  },
  request: {
    'fields[analyticsReportRequests]': FIELDS_REQUESTS, 'fields[analyticsReports]': FIELDS_REPORTS,
    include: { kind: 'enumList', values: ['reports'] }, 'limit[reports]': { kind: 'limit', max: 50 },
  },
  reports: {
    'filter[category]': { kind: 'enumList', values: ['APP_USAGE', 'APP_STORE_ENGAGEMENT', 'COMMERCE', 'FRAMEWORK_USAGE', 'PERFORMANCE'] },
    'filter[name]': { kind: 'list' }, 'fields[analyticsReports]': FIELDS_REPORTS, ...PAGED,
  },
  report: { 'fields[analyticsReports]': FIELDS_REPORTS },
  instances: {
    'filter[granularity]': { kind: 'enumList', values: ['DAILY', 'WEEKLY', 'MONTHLY'] },
    'filter[processingDate]': { kind: 'dateList' }, 'fields[analyticsReportInstances]': FIELDS_INSTANCES, ...PAGED,
  },
  instance: { 'fields[analyticsReportInstances]': FIELDS_INSTANCES },
  segments: { 'fields[analyticsReportSegments]': FIELDS_SEGMENTS, ...PAGED },
  segment: { 'fields[analyticsReportSegments]': FIELDS_SEGMENTS },
  apps: {
    'filter[bundleId]': { kind: 'list' }, 'filter[id]': { kind: 'list' }, 'filter[name]': { kind: 'list' }, 'filter[sku]': { kind: 'list' },
    'fields[apps]': fields(APP_FIELDS), sort: { kind: 'sort', values: ['name', 'bundleId', 'sku'] }, ...PAGED,
  },
  app: { 'fields[apps]': fields(APP_FIELDS) },
} satisfies Record<string, EndpointParams>;
