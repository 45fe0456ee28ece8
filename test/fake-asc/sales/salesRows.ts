// The fake's Summary Sales rows: per app and day, first downloads, redownloads, updates, in-app
// purchases, subscriptions and the odd refund, per territory in its own currency. Deterministic per
// (seed, app, day, revision), so a re-issued day changes and the truth can be recomputed exactly.

import { DAY_MS } from '../dates';
import { hashOf, unitOf } from '../hash';
import { appDay } from '../model/appModel';
import type { AppRecord } from '../store';

export interface SalesRow {
  appId: string;
  sku: string;
  title: string;
  version: string;
  productType: string;
  /** Units as text with two decimals is how Apple writes them; the fake keeps integers. */
  units: number;
  /** Per unit, in the currency of proceeds, in minor units of that currency. */
  proceedsMinor: number;
  priceMinor: number;
  currency: string;
  countryCode: string;
  appleIdentifier: string;
  parentIdentifier: string;
  subscription: string;
  period: string;
  device: string;
  day: number;
}

interface Territory {
  code: string;
  currency: string;
  weight: number;
  /** Customer price and developer proceeds of the in-app purchase, in minor units. */
  price: number;
  proceeds: number;
  subPrice: number;
  subProceeds: number;
}

/** A plausible mix: the US first, a long tail after it. JPY has no minor unit. */
export const TERRITORIES: readonly Territory[] = [
  { code: 'US', currency: 'USD', weight: 0.38, price: 499, proceeds: 349, subPrice: 999, subProceeds: 699 },
  { code: 'GB', currency: 'GBP', weight: 0.08, price: 499, proceeds: 291, subPrice: 999, subProceeds: 583 },
  { code: 'DE', currency: 'EUR', weight: 0.08, price: 599, proceeds: 352, subPrice: 1199, subProceeds: 705 },
  { code: 'JP', currency: 'JPY', weight: 0.07, price: 800, proceeds: 509, subPrice: 1500, subProceeds: 955 },
  { code: 'CA', currency: 'CAD', weight: 0.06, price: 699, proceeds: 489, subPrice: 1399, subProceeds: 979 },
  { code: 'FR', currency: 'EUR', weight: 0.06, price: 599, proceeds: 349, subPrice: 1199, subProceeds: 699 },
  { code: 'AU', currency: 'AUD', weight: 0.05, price: 799, proceeds: 508, subPrice: 1499, subProceeds: 954 },
  { code: 'BR', currency: 'BRL', weight: 0.04, price: 2790, proceeds: 1705, subPrice: 5490, subProceeds: 3355 },
  { code: 'IN', currency: 'INR', weight: 0.04, price: 39900, proceeds: 22983, subPrice: 79900, subProceeds: 46024 },
  { code: 'MX', currency: 'MXN', weight: 0.03, price: 9900, proceeds: 6052, subPrice: 19900, subProceeds: 12164 },
];

export const MINOR_DIGITS: Readonly<Record<string, number>> = { JPY: 0 };

/** Splits a whole number over the territories by weight, exactly (largest remainders). */
function split(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const parts = raw.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left -= 1;
  }
  return parts;
}

const deviceOf = (app: AppRecord) => (app.ordinal % 3 === 2 ? 'Desktop' : app.ordinal % 3 === 1 ? 'iPad' : 'iPhone');
const firstDownloadType = (app: AppRecord) => (app.ordinal % 3 === 2 ? 'F1' : app.ordinal % 3 === 1 ? '1T' : '1F');

/**
 * Every row of one app on one UTC day (the fake treats UTC days as Apple's Pacific days). Units
 * come from the same app model as the analytics reports, so first-time download units equal the
 * model's first-time downloads and in-app units its purchases; a re-issued day shifts a few units.
 */
export function salesRowsOf(seed: number, app: AppRecord, day: number, revision: number): SalesRow[] {
  if (app.activity <= 0) return [];
  const model = appDay(seed, { id: app.id, activity: app.activity, commerce: app.commerce }, day);
  const weights = TERRITORIES.map((t) => t.weight);
  const reissued = (n: number, what: string) => n + (revision > 0 ? 1 + Math.floor(unitOf(hashOf(seed, app.id, day, revision, what)) * 3) : 0);
  const downloads = split(reissued(model.firstTimeDownloads, 'dl'), weights);
  const redownloads = split(model.redownloads, weights);
  const updates = split(model.manualUpdates + model.autoUpdates, weights);
  const subscriptions = Math.round(model.purchases * 0.4);
  const purchases = split(model.purchases - subscriptions, weights);
  const renewals = split(subscriptions, weights);
  const rows: SalesRow[] = [];
  const base = { appId: app.id, title: app.name, device: deviceOf(app), day, subscription: '', period: '', parentIdentifier: '' };
  TERRITORIES.forEach((t, i) => {
    const push = (row: Omit<SalesRow, keyof typeof base | 'countryCode' | 'currency'>, extra: Partial<SalesRow> = {}) => {
      if (row.units !== 0) rows.push({ ...base, countryCode: t.code, currency: t.currency, ...row, ...extra });
    };
    const free = { version: '2.4', proceedsMinor: 0, priceMinor: 0, appleIdentifier: app.id, sku: app.sku };
    push({ ...free, productType: firstDownloadType(app), units: downloads[i] ?? 0 });
    push({ ...free, productType: '3F', units: redownloads[i] ?? 0 });
    push({ ...free, productType: '7F', units: updates[i] ?? 0 });
    if (!app.commerce) return;
    const iap = { version: '', appleIdentifier: `${app.id}1`, sku: `${app.sku}.coins`, parentIdentifier: app.sku };
    push({ ...iap, productType: 'IA1', units: purchases[i] ?? 0, priceMinor: t.price, proceedsMinor: t.proceeds });
    push({ ...iap, productType: 'IAY', appleIdentifier: `${app.id}2`, sku: `${app.sku}.pro`, priceMinor: t.subPrice, proceedsMinor: t.subProceeds, units: renewals[i] ?? 0 },
      { subscription: 'Renewal', period: '1 Month', parentIdentifier: app.sku });
    // A refund now and then: negative units and price, positive proceeds per unit (§1.8).
    if (unitOf(hashOf(seed, app.id, day, revision, `refund${t.code}`)) < 0.15) {
      push({ ...iap, productType: 'IA1', units: -1, priceMinor: -t.price, proceedsMinor: t.proceeds });
    }
  });
  return rows;
}

/** MM/DD/YYYY, as dates appear inside Sales and Trends files. */
export function usDate(day: number): string {
  const iso = new Date(day * DAY_MS).toISOString();
  return `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
}

/** Minor units to Apple's decimal text for the currency (JPY: no decimals). */
export function decimalText(minor: number, currency: string): string {
  const digits = MINOR_DIGITS[currency] ?? 2;
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
