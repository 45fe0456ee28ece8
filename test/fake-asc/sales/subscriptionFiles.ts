// The fake's SUBSCRIPTION (summary, daily) file: active subscriptions per app, territory and
// offer on a day. Its count columns grow over time as Apple adds offer types (fact sheet §1.9):
// from `growFrom` on, files carry win-back columns and one column Orchard has never heard of.

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
  'Active Pay As You Go Introductory Offer Subscriptions', 'Marketing Opt-Ins', 'Billing Retry', 'Grace Period', 'Subscribers',
];
export const GROWN_COUNTS = ['Free Trial Win-back Offers', 'Pay Up Front Win-back Offers'];
export const UNKNOWN_COLUMN = 'Subscription Health Flag';

export interface SubscriptionDay {
  gzip: Buffer;
  /** Sum of `Active Standard Price Subscriptions` over the rows: the truth for tests. */
  activeStandard: number;
}

export function subscriptionFile(seed: number, apps: readonly AppRecord[], day: number, grown: boolean): SubscriptionDay | undefined {
  const header = [...DESCRIPTIVE, ...COUNTS, ...(grown ? [...GROWN_COUNTS, UNKNOWN_COLUMN] : [])];
  const lines = [header.join('\t')];
  let activeStandard = 0;
  for (const app of apps.filter((a) => a.commerce && a.activity > 0)) {
    for (const t of TERRITORIES) {
      const base = Math.round(400 * app.activity * t.weight * (0.9 + 0.2 * unitOf(hashOf(seed, app.id, day, 'subs', t.code))));
      if (base === 0) continue;
      activeStandard += base;
      const counts = [base, Math.round(base * 0.1), 0, 0, Math.round(base * 0.3), Math.round(base * 0.02), Math.round(base * 0.01), base + Math.round(base * 0.1)];
      const cells = [
        app.name, app.id, 'Pro Monthly', `${app.id}2`, '20000001', '1 Month', '', '', decimalText(t.subPrice, t.currency), t.currency,
        decimalText(t.subProceeds, t.currency), t.currency, 'No', '', '', 'iPhone', '', t.code, ...counts.map(String),
        ...(grown ? ['3', '0', 'ok'] : []),
      ];
      lines.push(cells.join('\t'));
    }
  }
  if (lines.length === 1) return undefined;
  return { gzip: gzipSync(Buffer.from(`${lines.join('\n')}\n`, 'utf8')), activeStandard };
}
