// The fake's SUBSCRIPTION (summary, daily) file: active subscriptions per app, territory and
// offer on a day. Its count columns grow over time as Apple adds offer types (fact sheet §1.9):
// from `growFrom` on, files carry offer-code and win-back columns and one column Orchard has never heard of.

import { gzipSync } from 'node:zlib';
import { hashOf, unitOf } from '../hash';
import type { AppRecord } from '../store';
import { decimalText, TERRITORIES } from './salesRows';

const DESCRIPTIVE = [
  'App Name', 'App Apple ID', 'Subscription Name', 'Subscription Apple ID', 'Subscription Group ID', 'Standard Subscription Duration',
  'Subscription Offer Name', 'Promotional Offer ID', 'Customer Price', 'Customer Currency', 'Developer Proceeds', 'Proceeds Currency',
  'Preserved Pricing', 'Proceeds Reason', 'Client', 'Device', 'State', 'Country',
];
const COUNTS = [
  'Active Standard Price Subscriptions', 'Active Free Trial Introductory Offer Subscriptions', 'Active Pay Up Front Introductory Offer Subscriptions',
  'Active Pay As You Go Introductory Offer Subscriptions', 'Free Trial Promotional Offer Subscriptions', 'Pay Up Front Promotional Offer Subscriptions',
  'Pay As You Go Promotional Offer Subscriptions', 'Marketing Opt-Ins', 'Billing Retry', 'Grace Period', 'Subscribers',
];
export const GROWN_COUNTS = [
  'Free Trial Offer Code Subscriptions', 'Pay Up Front Offer Code Subscriptions', 'Pay As You Go Offer Code Subscriptions',
  'Free Trial Win-back Offers', 'Pay Up Front Win-back Offers', 'Pay As You Go Win-back Offers',
];
export const UNKNOWN_COLUMN = 'Subscription Health Flag';

export interface SubscriptionDay {
  gzip: Buffer;
  /** Sum of every count column over the rows (by Apple's header), and `rows`: the truth for tests. */
  totals: Record<string, number>;
}

export function subscriptionFile(seed: number, apps: readonly AppRecord[], day: number, grown: boolean, sells: (territory: string) => boolean = () => true): SubscriptionDay | undefined {
  const header = [...DESCRIPTIVE, ...COUNTS, ...(grown ? [...GROWN_COUNTS, UNKNOWN_COLUMN] : [])];
  const lines = [header.join('\t')];
  const counted = [...COUNTS, ...(grown ? GROWN_COUNTS : [])];
  const totals: Record<string, number> = Object.fromEntries([['rows', 0], ...counted.map((c) => [c, 0])]);
  for (const app of apps.filter((a) => a.commerce && a.activity > 0)) {
    for (const t of TERRITORIES.filter((x) => sells(x.code))) {
      const base = Math.round(400 * app.activity * t.weight * (0.9 + 0.2 * unitOf(hashOf(seed, app.id, day, 'subs', t.code))));
      if (base === 0) continue;
      const part = (share: number) => Math.round(base * share);
      const counts = [base, part(0.1), part(0.03), 0, part(0.02), 0, 0, part(0.3), part(0.02), part(0.01), base + part(0.15)];
      const grownCounts = [part(0.04), part(0.01), 0, 3, 0, 1];
      totals.rows = (totals.rows ?? 0) + 1;
      [...counts, ...(grown ? grownCounts : [])].forEach((value, i) => {
        const name = counted[i]!;
        totals[name] = (totals[name] ?? 0) + value;
      });
      const cells = [
        app.name, app.id, 'Pro Monthly', `${app.id}2`, '20000001', '1 Month', '', '', decimalText(t.subPrice, t.currency), t.currency,
        decimalText(t.subProceeds, t.currency), t.currency, 'No', '', '', 'iPhone', '', t.code, ...counts.map(String),
        ...(grown ? [...grownCounts.map(String), 'ok'] : []),
      ];
      lines.push(cells.join('\t'));
    }
  }
  if (lines.length === 1) return undefined;
  return { gzip: gzipSync(Buffer.from(`${lines.join('\n')}\n`, 'utf8')), totals };
}
