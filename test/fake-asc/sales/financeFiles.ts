// The fake's Finance reports (fact sheet §2): FINANCIAL per region (rows in that region's currency,
// ending in Total_Rows / Total_Amount / Total_Units trailer lines), ZZ (all regions, blank tab lines
// and a `Country…` summary table at the bottom) and FINANCE_DETAIL for Z1 (metadata lines first).

import { gzipSync } from 'node:zlib';
import { decimalText, usDate, type SalesRow } from './salesRows';

export const FINANCIAL_HEADER = [
  'Start Date', 'End Date', 'UPC', 'ISRC/ISBN', 'Vendor Identifier', 'Quantity', 'Partner Share', 'Extended Partner Share',
  'Partner Share Currency', 'Sales or Return', 'Apple Identifier', 'Artist/Show/Developer/Author', 'Title',
  'Label/Studio/Network/Developer/Publisher', 'Grid', 'Product Type Identifier', 'ISAN/Other Identifier', 'Country Of Sale',
  'Pre-order Flag', 'Promo Code', 'Customer Price', 'Customer Currency',
] as const;

export const DETAIL_HEADER = [
  'Transaction Date', 'Settlement Date', 'Apple Identifier', 'SKU', 'Title', 'Developer Name', 'Product Type Identifier',
  'Country of Sale', 'Quantity', 'Partner Share', 'Extended Partner Share', 'Partner Share Currency', 'Customer Price',
  'Customer Currency', 'Sale or Return', 'Promo Code', 'Order Type', 'Region',
] as const;

/** Currency each per-region file is paid in; ZZ holds them all. */
export const REGION_CURRENCY: Readonly<Record<string, string>> = {
  US: 'USD', GB: 'GBP', EU: 'EUR', JP: 'JPY', CA: 'CAD', AU: 'AUD', LL: 'USD', WW: 'USD', AP: 'USD',
};
/** Territories settled in a region's file. */
export const REGION_TERRITORIES: Readonly<Record<string, readonly string[]>> = {
  US: ['US'], GB: ['GB'], EU: ['DE', 'FR'], JP: ['JP'], CA: ['CA'], AU: ['AU'], LL: ['BR', 'MX'], WW: ['IN'], AP: [],
};

export interface FinanceLine {
  row: SalesRow;
  /** Whole units for the period (refunds negative). */
  quantity: number;
  region: string;
}

const money = (minor: number, currency: string) => decimalText(minor, currency);

function financialCells(line: FinanceLine, startDay: number, endDay: number): string[] {
  const r = line.row;
  return [
    usDate(startDay), usDate(endDay), '', '', r.sku, String(line.quantity), money(r.proceedsMinor, r.currency),
    money(r.proceedsMinor * line.quantity, r.currency), r.currency, line.quantity < 0 ? 'R' : 'S', r.appleIdentifier,
    'Orchard Fake Studio', r.title, 'Orchard Fake Studio', '', r.productType, '', r.countryCode, '', '',
    money(Math.abs(r.priceMinor), r.currency), r.currency,
  ];
}

/** One region's FINANCIAL file; `amountSkewMinor` makes the trailer disagree (a fault knob). */
export function financialFile(lines: readonly FinanceLine[], region: string, startDay: number, endDay: number, amountSkewMinor = 0): Buffer {
  const currency = REGION_CURRENCY[region] ?? 'USD';
  const out = [FINANCIAL_HEADER.join('\t'), ...lines.map((l) => financialCells(l, startDay, endDay).join('\t'))];
  const amount = lines.reduce((n, l) => n + l.row.proceedsMinor * l.quantity, 0) + amountSkewMinor;
  const units = lines.reduce((n, l) => n + l.quantity, 0);
  out.push(`Total_Rows\t${lines.length}`, `Total_Amount\t${money(amount, currency)}`, `Total_Units\t${units}`);
  return gzipSync(Buffer.from(`${out.join('\n')}\n`, 'utf8'));
}

/** ZZ: every region's rows in one file, blank tab lines and a per-country summary at the bottom. */
export function consolidatedFile(lines: readonly FinanceLine[], startDay: number, endDay: number): Buffer {
  const out = [FINANCIAL_HEADER.join('\t'), ...lines.map((l) => financialCells(l, startDay, endDay).join('\t'))];
  out.push('\t'.repeat(FINANCIAL_HEADER.length - 1), '\t'.repeat(FINANCIAL_HEADER.length - 1));
  out.push(['Country Of Sale', 'Partner Share Currency', 'Quantity', 'Extended Partner Share'].join('\t'));
  const byCountry = new Map<string, { currency: string; quantity: number; amount: number }>();
  for (const l of lines) {
    const sum = byCountry.get(l.row.countryCode) ?? { currency: l.row.currency, quantity: 0, amount: 0 };
    sum.quantity += l.quantity;
    sum.amount += l.row.proceedsMinor * l.quantity;
    byCountry.set(l.row.countryCode, sum);
  }
  for (const [country, s] of byCountry) out.push([country, s.currency, String(s.quantity), money(s.amount, s.currency)].join('\t'));
  return gzipSync(Buffer.from(`${out.join('\n')}\n`, 'utf8'));
}

/** FINANCE_DETAIL (Z1): metadata lines, a header, one row per line, a `Country of Sale` block. */
export function detailFile(lines: readonly FinanceLine[], startDay: number, endDay: number): Buffer {
  const out = ['Vendor Name\tOrchard Fake Studio', `Start Date\t${usDate(startDay)}`, `End Date\t${usDate(endDay)}`, '', DETAIL_HEADER.join('\t')];
  for (const l of lines) {
    const r = l.row;
    out.push([
      usDate(startDay), usDate(endDay), r.appleIdentifier, r.sku, r.title, 'Orchard Fake Studio', r.productType, r.countryCode,
      String(l.quantity), money(r.proceedsMinor, r.currency), money(r.proceedsMinor * l.quantity, r.currency), r.currency,
      money(Math.abs(r.priceMinor), r.currency), r.currency, l.quantity < 0 ? 'R' : 'S', '', '', l.region,
    ].join('\t'));
  }
  out.push('', 'Country of Sale\tPartner Share Currency\tExtended Partner Share');
  return gzipSync(Buffer.from(`${out.join('\n')}\n`, 'utf8'));
}
