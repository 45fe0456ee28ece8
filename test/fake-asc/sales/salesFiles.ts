// Renders Summary Sales rows as Apple's file: gzip of UTF-8 TSV, one header row of 28 columns
// (29 with the `Contingent App Name` drift), MM/DD/YYYY dates, optional BOM, CRLF and blank lines.

import { gzipSync } from 'node:zlib';
import { decimalText, usDate, type SalesRow } from './salesRows';
import type { SalesPeriod } from './salesRules';

export const SALES_HEADER = [
  'Provider', 'Provider Country', 'SKU', 'Developer', 'Title', 'Version', 'Product Type Identifier', 'Units',
  'Developer Proceeds', 'Begin Date', 'End Date', 'Customer Currency', 'Country Code', 'Currency of Proceeds',
  'Apple Identifier', 'Customer Price', 'Promo Code', 'Parent Identifier', 'Subscription', 'Period', 'Category',
  'CMB', 'Device', 'Supported Platforms', 'Proceeds Reason', 'Preserved Pricing', 'Client', 'Order Type',
] as const;

export interface SalesFileFormat {
  bom?: boolean;
  crlf?: boolean;
  /** Blank lines between rows and at the end, as some files have. */
  blankLines?: boolean;
  /** Adds the undocumented 29th column. */
  contingentAppName?: boolean;
  /** A damaged file: the first row's Units is not a number. */
  junkUnits?: boolean;
}

/** Rows summed over a period by every descriptive column (weekly, monthly and yearly files). */
export function aggregateRows(rows: readonly SalesRow[]): SalesRow[] {
  const groups = new Map<string, SalesRow>();
  for (const row of rows) {
    const key = [row.appId, row.sku, row.version, row.productType, row.priceMinor, row.proceedsMinor, row.currency, row.countryCode,
      row.appleIdentifier, row.parentIdentifier, row.subscription, row.period, row.device].join('\u0001');
    const found = groups.get(key);
    if (found) found.units += row.units;
    else groups.set(key, { ...row });
  }
  return [...groups.values()].filter((r) => r.units !== 0);
}

export function salesFile(rows: readonly SalesRow[], period: SalesPeriod, format: SalesFileFormat = {}): Buffer {
  const header: string[] = [...SALES_HEADER];
  if (format.contingentAppName) header.push('Contingent App Name');
  const lines = [header.join('\t')];
  for (const [i, r] of rows.entries()) {
    const cells = [
      'APPLE', 'US', r.sku, 'Orchard Fake Studio', r.title, r.version, r.productType, format.junkUnits && i === 0 ? 'n/a' : `${r.units}`,
      decimalText(r.proceedsMinor, r.currency), usDate(period.firstDay), usDate(period.lastDay), r.currency, r.countryCode,
      r.currency, r.appleIdentifier, decimalText(r.priceMinor, r.currency), '', r.parentIdentifier, r.subscription, r.period,
      'Productivity', '', r.device, 'iOS', '', '', '', '',
    ];
    if (format.contingentAppName) cells.push('');
    lines.push(cells.join('\t'));
    if (format.blankLines) lines.push('');
  }
  const eol = format.crlf ? '\r\n' : '\n';
  const text = `${format.bom ? '\uFEFF' : ''}${lines.join(eol)}${eol}${format.blankLines ? eol : ''}`;
  return gzipSync(Buffer.from(text, 'utf8'));
}
