// The fake's other daily subscription files — SUBSCRIPTION_EVENT, SUBSCRIBER (detailed) and
// SUBSCRIPTION_OFFER_CODE_REDEMPTION — with the columns of the fact sheet (§1.9) and Apple's help page
// for offer redemptions. Each file comes with its truth (sums of its numeric columns) for tests.
// Dates: ISO in the event and subscriber files, MM/DD/YYYY in redemptions — the fact sheet gives
// MM/DD/YYYY for Sales and Trends rows; which one each subscription report uses is not settled, so
// the fake serves both and Orchard must read either.

import { gzipSync } from 'node:zlib';
import { hashOf, unitOf } from '../hash';
import type { AppRecord } from '../store';
import { decimalText, TERRITORIES, usDate } from './salesRows';

export type SubscriptionReportType = 'SUBSCRIPTION_EVENT' | 'SUBSCRIBER' | 'SUBSCRIPTION_OFFER_CODE_REDEMPTION';

export interface SubscriptionReportDay {
  gzip: Buffer;
  /** Sum per numeric column (by Apple's header), and `rows`. */
  totals: Record<string, number>;
}

const EVENT_HEADER = [
  'Event Date', 'Event', 'App Name', 'App Apple ID', 'Subscription Name', 'Subscription Apple ID', 'Subscription Group ID',
  'Standard Subscription Duration', 'Subscription Offer Type', 'Subscription Offer Duration', 'Marketing Opt-In', 'Marketing Opt-In Duration',
  'Preserved Pricing', 'Proceeds Reason', 'Subscription Offer Name', 'Promotional Offer ID', 'Consecutive Paid Periods', 'Original Start Date',
  'Device', 'Client', 'State', 'Country', 'Previous Subscription Name', 'Previous Subscription Apple ID', 'Days Before Canceling',
  'Cancellation Reason', 'Days Canceled', 'Quantity', 'Paid Service Days Recovered',
];
const SUBSCRIBER_HEADER = [
  'Event Date', 'App Name', 'App Apple ID', 'Subscription Name', 'Subscription Apple ID', 'Subscription Group ID', 'Standard Subscription Duration',
  'Subscription Offer Name', 'Promotional Offer ID', 'Subscription Offer Type', 'Subscription Offer Duration', 'Marketing Opt-In Duration',
  'Customer Price', 'Customer Currency', 'Developer Proceeds', 'Proceeds Currency', 'Preserved Pricing', 'Proceeds Reason', 'Client', 'Country',
  'Subscriber ID', 'Subscriber ID Reset', 'Refund', 'Purchase Date', 'Units', 'Device',
];
const REDEMPTION_HEADER = [
  'Date', 'App Name', 'App Apple ID', 'Subscription Name', 'Subscription Apple ID', 'Offer Reference Name', 'Offer Code', 'Territory', 'Redemptions',
];

const DAY_MS = 86_400_000;
const isoDate = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const EVENTS = ['Subscribe', 'Renew', 'Cancel'] as const;

function render(header: readonly string[], rows: readonly (readonly (string | number)[])[], numeric: readonly string[]): SubscriptionReportDay | undefined {
  if (rows.length === 0) return undefined;
  const totals: Record<string, number> = { rows: rows.length };
  for (const name of numeric) {
    const i = header.indexOf(name);
    totals[name] = rows.reduce((sum, row) => sum + Number(row[i] === '' ? 0 : row[i]), 0);
  }
  const text = [header, ...rows].map((cells) => cells.join('\t')).join('\n');
  return { gzip: gzipSync(Buffer.from(`${text}\n`, 'utf8')), totals };
}

/** One day's file of a subscription report for the selling apps; undefined when nothing happened. */
export function subscriptionReportFile(type: SubscriptionReportType, seed: number, apps: readonly AppRecord[], day: number, sells: (territory: string) => boolean = () => true): SubscriptionReportDay | undefined {
  const selling = apps.filter((a) => a.commerce && a.activity > 0);
  const n = (app: AppRecord, what: string, scale: number, weight: number) =>
    Math.round(scale * app.activity * weight * unitOf(hashOf(seed, app.id, day, type, what)));
  const rows: (string | number)[][] = [];
  for (const app of selling) {
    const sub = [app.name, app.id, 'Pro Monthly', `${app.id}2`];
    for (const t of TERRITORIES.filter((x) => sells(x.code))) {
      if (type === 'SUBSCRIPTION_EVENT') {
        for (const event of EVENTS) {
          const quantity = n(app, `${event}${t.code}`, event === 'Renew' ? 60 : 20, t.weight * 3);
          if (quantity === 0) continue;
          const cancel = event === 'Cancel';
          rows.push([isoDate(day), event, ...sub, '20000001', '1 Month', '', '', 'No', '', 'No', '', '', '', event === 'Renew' ? 3 : '',
            isoDate(day - 90), 'iPhone', '', '', t.code, '', '', cancel ? 12 : '', cancel ? 'Voluntary' : '', cancel ? 0 : '', quantity, '']);
        }
      } else if (type === 'SUBSCRIBER') {
        const purchases = n(app, `buy${t.code}`, 6, t.weight * 3);
        for (let i = 0; i < purchases; i++) {
          const refund = unitOf(hashOf(seed, app.id, day, t.code, i, 'refund')) < 0.05;
          rows.push([isoDate(day), ...sub, '20000001', '1 Month', '', '', '', '', '', decimalText(t.subPrice, t.currency), t.currency,
            decimalText(t.subProceeds, t.currency), t.currency, 'No', '', '', t.code, String(hashOf(seed, app.id, t.code, i) % 100_000_000), '',
            refund ? 'Yes' : '', isoDate(day - (i % 30)), refund ? -1 : 1, 'iPhone']);
        }
      } else {
        const redemptions = n(app, `code${t.code}`, 8, t.weight * 3);
        if (redemptions > 0) rows.push([usDate(day), ...sub, 'Spring promo', t.code === 'US' ? 'SPRING25' : '', t.code, redemptions]);
      }
    }
  }
  if (type === 'SUBSCRIPTION_EVENT') return render(EVENT_HEADER, rows, ['Quantity']);
  if (type === 'SUBSCRIBER') return render(SUBSCRIBER_HEADER, rows, ['Units']);
  return render(REDEMPTION_HEADER, rows, ['Redemptions']);
}
