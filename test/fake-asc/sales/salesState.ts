// The fake's Sales and Trends state and its control surface for tests: the team's vendor number,
// days with no sales, re-issued days, file-format quirks per day, and the truth a correct loader
// must reproduce (units and proceeds per currency).

import type { FakeContext } from '../context';
import { DAY_MS } from '../dates';
import { salesRowsOf, type SalesRow } from './salesRows';
import { SALES_COMBINATIONS } from './salesRules';
import type { SalesFileFormat } from './salesFiles';
import { subscriptionFile } from './subscriptionFiles';
import { subscriptionReportFile, type SubscriptionReportType } from './subscriptionReports';

export const SUBSCRIPTION_REPORTS = ['SUBSCRIPTION', 'SUBSCRIPTION_EVENT', 'SUBSCRIBER', 'SUBSCRIPTION_OFFER_CODE_REDEMPTION'] as const;
export type SubscriptionFamily = (typeof SUBSCRIPTION_REPORTS)[number];

export interface SalesTruthRow {
  currency: string;
  /** Group of the product type: download, redownload, update, iap, subscription. */
  group: string;
  units: number;
  /** Sum of units × per-unit proceeds, in minor units of the currency. */
  proceedsMinor: number;
}

export interface FakeSalesControl {
  /** The vendor number every team key reads with (default '85012345'). */
  vendorNumber: string;
  /** UTC days (YYYY-MM-DD) on which nothing sold: the daily report is a 404 "no sales". */
  noSalesDays: Set<string>;
  /** Re-issues a daily report: the next download of that day returns different rows. */
  reissue(day: string): void;
  /** Per-day file quirks (BOM, CRLF, blank lines, the 29th column). */
  formats: Map<string, SalesFileFormat>;
  /** Overrides the versions Apple answers for (last = latest), e.g. {SALES: ['1_0', '1_1']}. */
  versions: Map<string, readonly string[]>;
  /** Daily rows of every app for one UTC day (what the file for that day holds now). */
  dailyRows(day: string): SalesRow[];
  /** Truth over [from, to] (UTC days, inclusive) from the daily files as they are now. */
  truth(from: string, to: string): SalesTruthRow[];
  /** One day's file of a subscription-family report and its truth; undefined on a day with nothing (a 404 "no sales"). */
  subscriptionDay(reportType: SubscriptionFamily, day: string): { gzip: Buffer; totals: Record<string, number> } | undefined;
  /** Sums of the numeric columns (by Apple's header) and `rows` over [from, to] (UTC days, inclusive). */
  subscriptionTruth(reportType: SubscriptionFamily, from: string, to: string): Record<string, number>;
  /** From this day (YYYY-MM-DD) on, SUBSCRIPTION files carry new count columns and an unknown one. */
  subscriptionColumnsGrowFrom: string | undefined;
  /** Finance files whose Total_Amount trailer is off by this many minor units, by `REGION/YYYY-MM`. */
  trailerSkew: Map<string, number>;
  /** Successful report downloads so far, by `TYPE/FREQUENCY/date`. */
  downloads: Map<string, number>;
  /** False: the vendor sells no subscriptions (no IAY rows; every subscription-family report is "no sales"). */
  sellsSubscriptions: boolean;
  /** Territory codes the vendor sells in (e.g. ['JP'] for a yen-only vendor); undefined: all of them. */
  territories: ReadonlySet<string> | undefined;
  /** The account's first day (YYYY-MM-DD): before it nothing sold. */
  openedOn: string | undefined;
  /** Per report type, how Apple refuses it: 403 (a role or agreement it lacks) or a 404 whose text no client has seen. */
  kindFaults: Map<string, 'forbidden' | 'strange-404'>;
}

export const productGroup = (type: string): string =>
  ['1', '1F', '1T', 'F1', '1-B', 'F1-B', '1E', '1EP', '1EU'].includes(type) ? 'download'
    : ['3', '3F'].includes(type) ? 'redownload'
      : ['7', '7F', '7T', 'F7'].includes(type) ? 'update'
        : ['IAY', 'IAY-M', 'IA9', 'IA9-M'].includes(type) ? 'subscription'
          : 'iap';

const isoDay = (text: string): number => Math.floor(Date.parse(`${text}T00:00:00Z`) / DAY_MS);

export function createSalesControl(ctx: FakeContext): FakeSalesControl {
  const revisions = new Map<number, number>();
  const control: FakeSalesControl = {
    vendorNumber: '85012345',
    noSalesDays: new Set(),
    formats: new Map(),
    versions: new Map(SALES_COMBINATIONS.map((c) => [c.reportType, c.versions])),
    downloads: new Map(),
    trailerSkew: new Map(),
    subscriptionColumnsGrowFrom: undefined,
    sellsSubscriptions: true,
    territories: undefined,
    openedOn: undefined,
    kindFaults: new Map(),
    reissue(day) {
      const d = isoDay(day);
      revisions.set(d, (revisions.get(d) ?? 0) + 1);
    },
    dailyRows(day) {
      const d = isoDay(day);
      if (control.noSalesDays.has(day) || (control.openedOn !== undefined && day < control.openedOn)) return [];
      const apps = [...ctx.store.apps.values()].sort((a, b) => a.ordinal - b.ordinal);
      return apps.flatMap((app) => salesRowsOf(ctx.options.seed, app, d, revisions.get(d) ?? 0))
        .filter((r) => (control.sellsSubscriptions || !r.productType.startsWith('IAY')) && (control.territories?.has(r.countryCode) ?? true));
    },
    subscriptionDay(reportType, day) {
      if (control.noSalesDays.has(day) || !control.sellsSubscriptions || (control.openedOn !== undefined && day < control.openedOn)) return undefined;
      const apps = [...ctx.store.apps.values()].sort((a, b) => a.ordinal - b.ordinal);
      const sells = (code: string) => control.territories?.has(code) ?? true;
      if (reportType !== 'SUBSCRIPTION') return subscriptionReportFile(reportType as SubscriptionReportType, ctx.options.seed, apps, isoDay(day), sells);
      const grown = control.subscriptionColumnsGrowFrom !== undefined && day >= control.subscriptionColumnsGrowFrom;
      return subscriptionFile(ctx.options.seed, apps, isoDay(day), grown, sells);
    },
    subscriptionTruth(reportType, from, to) {
      const sums: Record<string, number> = {};
      for (let d = isoDay(from); d <= isoDay(to); d++) {
        const file = control.subscriptionDay(reportType, new Date(d * DAY_MS).toISOString().slice(0, 10));
        for (const [name, value] of Object.entries(file?.totals ?? {})) sums[name] = (sums[name] ?? 0) + value;
      }
      return sums;
    },
    truth(from, to) {
      const sums = new Map<string, SalesTruthRow>();
      for (let d = isoDay(from); d <= isoDay(to); d++) {
        for (const row of control.dailyRows(new Date(d * DAY_MS).toISOString().slice(0, 10))) {
          const group = productGroup(row.productType);
          const key = `${row.currency}/${group}`;
          const sum = sums.get(key) ?? { currency: row.currency, group, units: 0, proceedsMinor: 0 };
          sum.units += row.units;
          sum.proceedsMinor += row.units * row.proceedsMinor;
          sums.set(key, sum);
        }
      }
      return [...sums.values()].sort((a, b) => a.currency.localeCompare(b.currency) || a.group.localeCompare(b.group));
    },
  };
  return control;
}
