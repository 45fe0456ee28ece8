// `GET /v1/salesReports` (fact sheet §1): required filters, Apple's combination table, version
// drift ("The latest version for this report is X_Y"), the vendor number, Team keys with a sales
// role only, and the three ways a date can be missing: not yet (404), no sales (404), gone (410).

import { ApiError, apiErrors } from '../errors';
import { dayToIso } from '../dates';
import { route, type HandlerInput, type HandlerResult, type Route } from '../routing';
import type { EndpointParams } from '../params';
import { aggregateRows, salesFile } from './salesFiles';
import { SUBSCRIPTION_REPORTS, type FakeSalesControl, type SubscriptionFamily } from './salesState';
import { availableAtMs, combinationOf, expired, parsePeriod, type SalesFrequency } from './salesRules';

const FILTERS = ['filter[frequency]', 'filter[reportSubType]', 'filter[reportType]', 'filter[vendorNumber]', 'filter[reportDate]', 'filter[version]'];
const REQUIRED = ['filter[frequency]', 'filter[reportSubType]', 'filter[reportType]', 'filter[vendorNumber]'];
const SALES_PARAMS: EndpointParams = Object.fromEntries(FILTERS.map((name) => [name, { kind: 'list' } as const]));
const RETENTION_DAYS = 365;
const SALES_ROLES = new Set(['ADMIN', 'FINANCE', 'SALES_AND_REPORTS']);

const invalid = (detail: string, parameter: string) =>
  new ApiError(400, 'PARAMETER_ERROR.INVALID', 'A parameter has an invalid value', detail, { parameter });
export const salesNotFound = {
  noSales: () => new ApiError(404, 'NOT_FOUND', 'The specified resource does not exist', 'There were no sales for the date specified.'),
  notYet: () => new ApiError(404, 'NOT_FOUND', 'The specified resource does not exist', 'Report is not available yet. Try again later.'),
  gone: () => new ApiError(410, 'GONE', 'The requested resource is no longer available', 'Report is no longer available. Reports are kept for one year.'),
};

function one(input: HandlerInput, name: string): string | undefined {
  return input.params.lists.get(name)?.join(',');
}

function handleSales(sales: FakeSalesControl, input: HandlerInput): HandlerResult {
  const { key, ctx } = input;
  if (key.individual) throw new ApiError(403, 'FORBIDDEN_ERROR', 'This request is forbidden for security reasons', 'Sales and finance reports require a Team key; an Individual key cannot read them.');
  if (!SALES_ROLES.has(key.role)) throw apiErrors.forbidden();
  for (const name of REQUIRED) if (one(input, name) === undefined) throw apiErrors.parameterRequired(name);
  const reportType = one(input, 'filter[reportType]') ?? '';
  const subType = one(input, 'filter[reportSubType]') ?? '';
  const frequency = one(input, 'filter[frequency]') ?? '';
  // Apple's misleading answer to a wrong vendor and to a combination outside its table alike.
  const combination = combinationOf(reportType, subType, frequency);
  if (one(input, 'filter[vendorNumber]') !== sales.vendorNumber || combination === undefined) {
    throw invalid('Invalid vendor number specified. Try again.', 'filter[vendorNumber]');
  }
  const versions = sales.versions.get(reportType) ?? combination.versions;
  const latest = versions[versions.length - 1] ?? '1_0';
  const version = one(input, 'filter[version]') ?? (reportType === 'SALES' ? '1_0' : undefined);
  if (version === undefined || !versions.includes(version)) {
    throw invalid(`The version parameter you have specified is invalid. The latest version for this report is ${latest}.`, 'filter[version]');
  }
  const fault = sales.kindFaults.get(reportType);
  if (fault === 'forbidden') throw new ApiError(403, 'FORBIDDEN.REQUIRED_AGREEMENTS_MISSING_OR_EXPIRED', 'A required agreement is missing or has expired.', 'This request requires an in-effect agreement that has not been signed or has expired.');
  if (fault === 'strange-404') throw new ApiError(404, 'NOT_FOUND', 'The specified resource does not exist', 'The report type you requested is being migrated to the Analytics Reports API.');
  const nowMs = ctx.clock.nowMs();
  const freq = frequency as SalesFrequency;
  const dateText = one(input, 'filter[reportDate]') ?? (freq === 'DAILY' ? dayToIso(Math.floor(nowMs / 86_400_000) - 2) : undefined);
  const period = dateText === undefined ? undefined : parsePeriod(freq, dateText);
  if (period === undefined) throw invalid(`'${dateText ?? ''}' is not a valid report date for ${frequency} reports.`, 'filter[reportDate]');
  if (nowMs < availableAtMs(period)) throw salesNotFound.notYet();
  if (expired(period, nowMs, RETENTION_DAYS)) throw salesNotFound.gone();
  if ((SUBSCRIPTION_REPORTS as readonly string[]).includes(reportType)) {
    // Daily-only reports: the period is one day.
    const file = sales.subscriptionDay(reportType as SubscriptionFamily, period.label);
    if (file === undefined) throw salesNotFound.noSales();
    return { status: 200, raw: { bytes: file.gzip, contentType: 'application/a-gzip' } };
  }
  if (reportType !== 'SALES') throw salesNotFound.noSales();
  const rows = [];
  for (let day = period.firstDay; day <= period.lastDay; day++) rows.push(...sales.dailyRows(dayToIso(day)));
  if (rows.length === 0) throw salesNotFound.noSales();
  const body = salesFile(freq === 'DAILY' ? rows : aggregateRows(rows), period, sales.formats.get(period.label) ?? {});
  const counter = `${reportType}/${frequency}/${period.label}`;
  sales.downloads.set(counter, (sales.downloads.get(counter) ?? 0) + 1);
  return { status: 200, raw: { bytes: body, contentType: 'application/a-gzip' } };
}

export function salesRoutes(sales: FakeSalesControl): Route[] {
  return [route('/v1/salesReports', { GET: { params: SALES_PARAMS, analytics: true, handle: (input) => handleSales(sales, input) } })];
}
