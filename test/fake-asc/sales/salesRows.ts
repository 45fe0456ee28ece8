// The fake's Summary Sales rows: per app and day, first downloads, redownloads, updates, in-app
// purchases, subscriptions and the odd refund, per territory in its own currency. Deterministic per
// (seed, app, day, revision), so a re-issued day changes and the truth can be recomputed exactly.

import { DAY_MS } from '../dates';
import { hashOf, unitOf } from '../hash';
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

/** Units per day of a first-time download at activity 1, before territory and weekday weights. */
const BASE_DOWNLOADS = 180;

function units(seed: number, app: AppRecord, day: number, revision: number, what: string, mean: number): number {
  const weekday = ((day + 4) % 7 + 7) % 7;
  const weekend = weekday === 0 || weekday === 6 ? 1.25 : 1;
  const noise = 0.7 + 0.6 * unitOf(hashOf(seed, app.id, day, revision, what));
  return Math.round(mean * weekend * noise);
}

const deviceOf = (app: AppRecord) => (app.ordinal % 3 === 2 ? 'Desktop' : app.ordinal % 3 === 1 ? 'iPad' : 'iPhone');
const firstDownloadType = (app: AppRecord) => (app.ordinal % 3 === 2 ? 'F1' : app.ordinal % 3 === 1 ? '1T' : '1F');

/** Every row of one app on one UTC day (the fake treats UTC days as Apple's Pacific days). */
export function salesRowsOf(seed: number, app: AppRecord, day: number, revision: number): SalesRow[] {
  if (app.activity <= 0) return [];
  const rows: SalesRow[] = [];
  const base = { appId: app.id, title: app.name, device: deviceOf(app), day, subscription: '', period: '', parentIdentifier: '' };
  for (const t of TERRITORIES) {
    const mean = BASE_DOWNLOADS * app.activity * t.weight;
    const push = (row: Omit<SalesRow, keyof typeof base | 'countryCode' | 'currency'>) => {
      if (row.units !== 0) rows.push({ ...base, countryCode: t.code, currency: t.currency, ...row });
    };
    const free = { version: '2.4', proceedsMinor: 0, priceMinor: 0, appleIdentifier: app.id, sku: app.sku };
    push({ ...free, productType: firstDownloadType(app), units: units(seed, app, day, revision, `dl${t.code}`, mean) });
    push({ ...free, productType: '3F', units: units(seed, app, day, revision, `re${t.code}`, mean * 0.2) });
    push({ ...free, productType: '7F', units: units(seed, app, day, revision, `up${t.code}`, mean * 0.9) });
    if (!app.commerce) continue;
    const iap = { version: '', appleIdentifier: `${app.id}1`, sku: `${app.sku}.coins`, parentIdentifier: app.sku };
    push({ ...iap, productType: 'IA1', units: units(seed, app, day, revision, `ia${t.code}`, mean * 0.04), priceMinor: t.price, proceedsMinor: t.proceeds });
    rows.push({
      ...base, ...iap, countryCode: t.code, currency: t.currency, productType: 'IAY', subscription: 'Renewal', period: '1 Month',
      appleIdentifier: `${app.id}2`, sku: `${app.sku}.pro`, priceMinor: t.subPrice, proceedsMinor: t.subProceeds,
      units: Math.max(1, units(seed, app, day, revision, `sub${t.code}`, mean * 0.03)),
    });
    // A refund now and then: negative units and price, positive proceeds per unit (§1.8).
    if (unitOf(hashOf(seed, app.id, day, revision, `refund${t.code}`)) < 0.15) {
      rows.push({
        ...base, ...iap, countryCode: t.code, currency: t.currency, productType: 'IA1', units: -1,
        priceMinor: -t.price, proceedsMinor: t.proceeds,
      });
    }
  }
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
