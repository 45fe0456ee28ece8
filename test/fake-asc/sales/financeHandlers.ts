// `GET /v1/financeReports` (fact sheet §2): Finance/Admin keys only, FINANCIAL per region or ZZ,
// FINANCE_DETAIL only with Z1, fiscal months as YYYY-MM, published a week after the month ends.

import { ApiError, apiErrors } from '../errors';
import { DAY_MS, HOUR_MS } from '../dates';
import type { EndpointParams } from '../params';
import { route, type HandlerInput, type HandlerResult, type Route } from '../routing';
import { FAKE_FISCAL_MONTHS } from './fiscalCalendar';
import { consolidatedFile, detailFile, financialFile, REGION_CURRENCY, REGION_TERRITORIES, type FinanceLine } from './financeFiles';
import { aggregateRows } from './salesFiles';
import type { FakeSalesControl } from './salesState';
import { salesNotFound } from './salesHandlers';

const FILTERS = ['filter[regionCode]', 'filter[reportDate]', 'filter[reportType]', 'filter[vendorNumber]'];
const PARAMS: EndpointParams = Object.fromEntries(FILTERS.map((name) => [name, { kind: 'list' } as const]));
const FINANCE_ROLES = new Set(['ADMIN', 'FINANCE']);

const one = (input: HandlerInput, name: string) => input.params.lists.get(name)?.join(',');
const invalid = (detail: string, parameter: string) =>
  new ApiError(400, 'PARAMETER_ERROR.INVALID', 'A parameter has an invalid value', detail, { parameter });
const dayOfIso = (text: string) => Math.floor(Date.parse(`${text}T00:00:00Z`) / DAY_MS);

/** The period's sales rows as finance lines: whole-month quantities per region. */
function linesOf(sales: FakeSalesControl, first: number, last: number, regions: readonly string[]): FinanceLine[] {
  const rows = [];
  for (let d = first; d <= last; d++) rows.push(...sales.dailyRows(new Date(d * DAY_MS).toISOString().slice(0, 10)));
  // Free downloads and updates earn nothing; finance reports list what was paid for.
  const paid = aggregateRows(rows).filter((r) => r.proceedsMinor !== 0);
  const lines: FinanceLine[] = [];
  for (const region of regions) {
    for (const row of paid) {
      if ((REGION_TERRITORIES[region] ?? []).includes(row.countryCode)) lines.push({ row, quantity: row.units, region });
    }
  }
  return lines;
}

function handleFinance(sales: FakeSalesControl, input: HandlerInput): HandlerResult {
  const { key, ctx } = input;
  if (key.individual) throw new ApiError(403, 'FORBIDDEN_ERROR', 'This request is forbidden for security reasons', 'Sales and finance reports require a Team key; an Individual key cannot read them.');
  if (!FINANCE_ROLES.has(key.role)) throw apiErrors.forbidden();
  for (const name of FILTERS) if (one(input, name) === undefined) throw apiErrors.parameterRequired(name);
  if (one(input, 'filter[vendorNumber]') !== sales.vendorNumber) throw invalid('Invalid vendor number specified. Try again.', 'filter[vendorNumber]');
  const type = one(input, 'filter[reportType]');
  const region = one(input, 'filter[regionCode]') ?? '';
  if (type !== 'FINANCIAL' && type !== 'FINANCE_DETAIL') throw invalid(`'${type ?? ''}' is not a valid value for 'filter[reportType]'`, 'filter[reportType]');
  if ((type === 'FINANCE_DETAIL') !== (region === 'Z1')) throw invalid('Region code Z1 is required for, and only valid with, FINANCE_DETAIL.', 'filter[regionCode]');
  if (region !== 'Z1' && region !== 'ZZ' && REGION_CURRENCY[region] === undefined) throw invalid(`'${region}' is not a valid region code`, 'filter[regionCode]');
  const month = FAKE_FISCAL_MONTHS.find(([label]) => label === one(input, 'filter[reportDate]'));
  if (!month) throw invalid('The report date must be a fiscal month as YYYY-MM.', 'filter[reportDate]');
  const first = dayOfIso(month[1]);
  const last = dayOfIso(month[2]);
  if (ctx.clock.nowMs() < (last + 7) * DAY_MS + 15 * HOUR_MS) throw salesNotFound.notYet();
  const all = Object.keys(REGION_CURRENCY);
  const label = `${region}/${month[0]}`;
  const bytes = type === 'FINANCE_DETAIL' ? detailFile(linesOf(sales, first, last, all), first, last)
    : region === 'ZZ' ? consolidatedFile(linesOf(sales, first, last, all), first, last)
      : financialFile(linesOf(sales, first, last, [region]), region, first, last, sales.trailerSkew.get(label) ?? 0);
  return { status: 200, raw: { bytes, contentType: 'application/a-gzip' } };
}

export function financeRoutes(sales: FakeSalesControl): Route[] {
  return [route('/v1/financeReports', { GET: { params: PARAMS, analytics: true, handle: (input) => handleFinance(sales, input) } })];
}
