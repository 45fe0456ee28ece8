// How Sales and Trends headers become typed warehouse columns. DuckDB's reader types sales files
// itself (salesLoad.ts); finance files are read as text and cast here (castExpression). Either way a
// junk value fails the load loudly instead of becoming a silent NULL or a float.
// Headers are matched by name, never by position; a header Orchard does not know is kept as text.

import { columnNameFor } from '../../../shared/reportCatalogue';

export type SalesColumnType = 'DATE' | 'UNITS' | 'MONEY' | 'COUNT' | 'TEXT';

/** Known headers → type. Per-unit money keeps 4 decimals (BHD/KWD have 3); units have 2 (§1.8). */
const KNOWN: Readonly<Record<string, SalesColumnType>> = {
  'Begin Date': 'DATE', 'End Date': 'DATE', 'Start Date': 'DATE', 'Transaction Date': 'DATE', 'Settlement Date': 'DATE', 'Event Date': 'DATE', 'Original Start Date': 'DATE', 'Purchase Date': 'DATE',
  // Subscription Offer Redemption report (Apple help `reference/subscription-offer-redemption-report`).
  'Date': 'DATE', 'Redemptions': 'COUNT',
  'Units': 'UNITS', 'Quantity': 'UNITS',
  'Developer Proceeds': 'MONEY', 'Customer Price': 'MONEY', 'Partner Share': 'MONEY', 'Extended Partner Share': 'MONEY',
  'Days Before Canceling': 'COUNT', 'Days Canceled': 'COUNT', 'Consecutive Paid Periods': 'COUNT', 'Paid Service Days Recovered': 'COUNT',
};

/** Subscription reports grow count columns over time (§1.9): any of these shapes is a count. */
const COUNT_HEADER = /^(Active .*Subscriptions|.*Offer Subscriptions|.*Offer Code Subscriptions|.*Win-back Offers|Marketing Opt-Ins|Billing Retry|Grace Period|Subscribers)$/i;

export function salesColumnType(header: string): SalesColumnType {
  return KNOWN[header] ?? (COUNT_HEADER.test(header) ? 'COUNT' : 'TEXT');
}

export const SQL_TYPE: Readonly<Record<SalesColumnType, string>> = {
  DATE: 'DATE', UNITS: 'DECIMAL(18,2)', MONEY: 'DECIMAL(18,4)', COUNT: 'BIGINT', TEXT: 'VARCHAR',
};

/** How a file writes its dates: MM/DD/YYYY in Sales and Trends files (fact sheet §1.4), ISO in some subscription files. */
export type SalesDateFormat = '%m/%d/%Y' | '%Y-%m-%d';

/** The format of a file's first non-blank date field, or undefined when none of its date columns holds a value. */
export function salesDateFormatOf(headers: readonly string[], lines: Iterable<string>): SalesDateFormat | undefined {
  const dated = headers.flatMap((header, index) => (salesColumnType(header) === 'DATE' ? [index] : []));
  if (dated.length === 0) return undefined;
  for (const line of lines) {
    const fields = line.split('\t');
    const value = dated.map((i) => fields[i]?.trim() ?? '').find((v) => v !== '');
    if (value !== undefined) return /^\d{4}-\d{2}-\d{2}$/.test(value) ? '%Y-%m-%d' : '%m/%d/%Y';
  }
  return undefined;
}

export interface SalesColumn {
  header: string;
  name: string;
  type: SalesColumnType;
}

export function salesColumnsOf(headers: readonly string[]): SalesColumn[] {
  return headers.map((header) => ({ header, name: columnNameFor(header), type: salesColumnType(header) }));
}

/** The SQL that turns one text field into its typed value; blank text is NULL, junk fails. */
export function castExpression(column: SalesColumn, source: string): string {
  const text = `nullif(trim(${source}), '')`;
  switch (column.type) {
    case 'DATE':
      // MM/DD/YYYY in Sales and Trends files; ISO in some subscription files (tolerated, §1.4).
      return `CASE WHEN ${text} IS NULL THEN NULL WHEN ${text} LIKE '%/%' THEN strptime(${text}, '%m/%d/%Y')::DATE ELSE CAST(${text} AS DATE) END`;
    case 'TEXT':
      return `trim(${source})`;
    default:
      return `CAST(${text} AS ${SQL_TYPE[column.type]})`;
  }
}
