// How each report's rows relate to the app model: which columns select the measure a row counts
// (e.g. `Event` = Impression → impressions), where each metric column's totals come from, and which
// metrics are derived per row (unique counts ≤ counts, paying users ≤ purchases).

import type { ReportDef } from './catalogue';
import { AVERAGE_PRICE_CENTS, CONTENT_MIX, type Measure } from './model/appModel';

/** One value combination of the selector columns, the model measure (and its share) each additive metric takes. */
export interface MeasureOption {
  values: readonly string[];
  /** Relative number of rows with this combination. */
  rowShare: number;
  metrics: Readonly<Record<string, readonly [Measure, number]>>;
}

export type MetricRule =
  /** Allocated from the measure of the row's option. */
  | { kind: 'additive' }
  /** Per row: round(base × ratio), never above the base (unique devices, paying users). */
  | { kind: 'unique'; of: string; ratio: number | Readonly<Record<string, number>> }
  /** Per row: a fraction in [lo, hi) of the base. */
  | { kind: 'fraction'; of: string; lo: number; hi: number };

export interface ReportShape {
  selectorColumns: readonly string[];
  options: readonly MeasureOption[];
  rules: Readonly<Record<string, MetricRule>>;
}

const ADDITIVE: MetricRule = { kind: 'additive' };

function single(metrics: Record<string, Measure>, rules: Record<string, MetricRule> = {}): ReportShape {
  const all: Record<string, readonly [Measure, number]> = {};
  for (const [column, measure] of Object.entries(metrics)) all[column] = [measure, 1];
  return {
    selectorColumns: [], options: [{ values: [], rowShare: 1, metrics: all }],
    rules: { ...Object.fromEntries(Object.keys(metrics).map((c) => [c, ADDITIVE])), ...rules },
  };
}

const DISCOVERY: ReportShape = {
  selectorColumns: ['Event', 'Engagement Type'],
  options: [
    { values: ['Impression', ''], rowShare: 0.4, metrics: { Counts: ['impressions', 1] } },
    { values: ['Page view', ''], rowShare: 0.3, metrics: { Counts: ['pageViews', 1] } },
    { values: ['Tap', 'Get'], rowShare: 0.13, metrics: { Counts: ['taps', 0.62] } },
    { values: ['Tap', 'Open'], rowShare: 0.07, metrics: { Counts: ['taps', 0.18] } },
    { values: ['Tap', 'Redownload'], rowShare: 0.06, metrics: { Counts: ['taps', 0.15] } },
    { values: ['Tap', 'Share'], rowShare: 0.04, metrics: { Counts: ['taps', 0.05] } },
  ],
  rules: { Counts: ADDITIVE, 'Unique Counts': { kind: 'unique', of: 'Counts', ratio: { Impression: 0.7, 'Page view': 0.82, Tap: 0.9 } } },
};

const DOWNLOADS: ReportShape = {
  selectorColumns: ['Download Type'],
  options: [
    { values: ['First-time download'], rowShare: 0.35, metrics: { Counts: ['firstTimeDownloads', 1] } },
    { values: ['Auto-update'], rowShare: 0.25, metrics: { Counts: ['autoUpdates', 1] } },
    { values: ['Redownload'], rowShare: 0.2, metrics: { Counts: ['redownloads', 1] } },
    { values: ['Manual update'], rowShare: 0.1, metrics: { Counts: ['manualUpdates', 1] } },
    { values: ['Restore'], rowShare: 0.1, metrics: { Counts: ['restores', 1] } },
  ],
  rules: { Counts: ADDITIVE },
};

const INSTALLS: ReportShape = {
  selectorColumns: ['Event', 'Download Type'],
  options: [
    { values: ['Install', 'First-time download'], rowShare: 0.3, metrics: { Counts: ['firstTimeDownloads', 1] } },
    { values: ['Delete', 'First-time download'], rowShare: 0.15, metrics: { Counts: ['deletions', 0.55] } },
    { values: ['Install', 'Redownload'], rowShare: 0.15, metrics: { Counts: ['redownloads', 1] } },
    { values: ['Install', 'Manual update'], rowShare: 0.12, metrics: { Counts: ['manualUpdates', 1] } },
    { values: ['Delete', 'Redownload'], rowShare: 0.1, metrics: { Counts: ['deletions', 0.3] } },
    { values: ['Install', 'Restore'], rowShare: 0.08, metrics: { Counts: ['restores', 1] } },
    { values: ['Delete', 'Manual update'], rowShare: 0.06, metrics: { Counts: ['deletions', 0.1] } },
    { values: ['Delete', 'Restore'], rowShare: 0.04, metrics: { Counts: ['deletions', 0.05] } },
  ],
  rules: { Counts: ADDITIVE, 'Unique Devices': { kind: 'unique', of: 'Counts', ratio: 0.96 } },
};

const PURCHASES: ReportShape = {
  selectorColumns: ['Purchase Type', 'Content Name'],
  options: CONTENT_MIX.map((c) => {
    const moneyShare = (c.share * c.priceCents) / AVERAGE_PRICE_CENTS;
    return {
      values: [c.purchaseType, c.content], rowShare: c.share,
      metrics: { Purchases: ['purchases', c.share], 'Sales in USD': ['salesCents', moneyShare], 'Proceeds in USD': ['proceedsCents', moneyShare] },
    };
  }),
  rules: {
    Purchases: ADDITIVE, 'Sales in USD': ADDITIVE, 'Proceeds in USD': ADDITIVE,
    'Paying Users': { kind: 'unique', of: 'Purchases', ratio: 0.86 },
  },
};

const SUBSCRIPTION_EVENTS: ReportShape = {
  selectorColumns: ['Event Sub Type'],
  options: [
    { values: ['Renew'], rowShare: 0.4, metrics: { Counts: ['subscriptionEvents', 0.5] } },
    { values: ['Start Introductory Offer'], rowShare: 0.2, metrics: { Counts: ['subscriptionEvents', 0.2] } },
    { values: ['Cancel'], rowShare: 0.15, metrics: { Counts: ['subscriptionEvents', 0.12] } },
    { values: ['Paid Subscription from Introductory Offer'], rowShare: 0.15, metrics: { Counts: ['subscriptionEvents', 0.1] } },
    { values: ['Billing Retry'], rowShare: 0.1, metrics: { Counts: ['subscriptionEvents', 0.08] } },
  ],
  rules: { Counts: ADDITIVE, 'Paid Service Days Recovered': { kind: 'fraction', of: 'Counts', lo: 0, hi: 0.4 } },
};

const SHAPES: Readonly<Record<number, ReportShape>> = {
  14: DISCOVERY, 15: DISCOVERY, 3: DOWNLOADS, 4: DOWNLOADS, 10: INSTALLS, 11: INSTALLS, 12: PURCHASES, 13: PURCHASES,
  160: SUBSCRIPTION_EVENTS, 161: SUBSCRIPTION_EVENTS,
  2: single({ Crashes: 'crashes' }, { 'Unique Devices': { kind: 'unique', of: 'Crashes', ratio: 0.72 } }),
  8: single({ Sessions: 'sessions', 'Total Session Duration': 'sessionSeconds' }, { 'Unique Devices': { kind: 'unique', of: 'Sessions', ratio: 0.62 } }),
  9: single({ Sessions: 'sessions', 'Total Session Duration': 'sessionSeconds' }, { 'Unique Devices': { kind: 'unique', of: 'Sessions', ratio: 0.62 } }),
  189: single({ 'Downloading Users': 'optInDownloadingUsers', 'Users Opting-In': 'optInUsers' }),
};

/** The shape of a report; reports without one (never produced) get a plain one over `Counts`. */
export function shapeOf(def: ReportDef): ReportShape {
  return SHAPES[def.number] ?? single({ Counts: 'activeDevices' });
}
