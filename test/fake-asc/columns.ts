// Column vocabulary of the segment files (§11 of the fact sheet): kinds, value pools and the
// shorthand groups (K, SRC, DEV, …) the report catalogue is built from.

export type ColumnDef =
  | { name: string; kind: 'date' }
  | { name: string; kind: 'appName' }
  | { name: string; kind: 'appId' }
  | { name: string; kind: 'dim'; pool: readonly string[] }
  /** Value looked up from another dimension's value, e.g. a content ID from its name. */
  | { name: string; kind: 'dimFrom'; from: string; map: Readonly<Record<string, string>> }
  /** `App Download Date`: a few days before the row's date, empty when over 30 days back. */
  | { name: string; kind: 'downloadDate' }
  /** Values from the app model's audience: territory mix, device (paired with its OS version), app version. */
  | { name: string; kind: 'territory' | 'device' | 'platformVersion' | 'appVersion' }
  | { name: string; kind: 'metric'; metric: MetricDef };

export interface MetricDef {
  /** Decimal USD with 2 places; values are handled in integer cents. */
  money?: boolean;
  /** Rows flagged as refunds carry a negative value. */
  refunds?: boolean;
  /** Privacy threshold: values below it are left empty (NULL, not 0). */
  suppressBelow?: number;
}

export const SOURCE_TYPES = ['App Store search', 'App Store browse', 'App referrer', 'Web referrer', 'Institutional purchase', 'Unavailable'] as const;
export const SOURCE_INFO = ['', 'com.example.partner', 'example.com', 'news.example.org', 'com.example.social'] as const;
export const CAMPAIGNS = ['', 'spring_launch', 'newsletter', 'ct_summer'] as const;
export const PAGE_TYPES = ['Product page', 'In-app event', 'Store sheet', 'No page'] as const;
export const PAGE_TITLES = ['', 'Default product page', 'Custom page A', 'Custom page B'] as const;
export const PRE_ORDER = ['', 'Yes'] as const;

function dim(name: string, pool: readonly string[]): ColumnDef {
  return { name, kind: 'dim', pool };
}

export function metric(name: string, def: MetricDef = {}): ColumnDef {
  return { name, kind: 'metric', metric: def };
}

export function dimension(name: string, pool: readonly string[]): ColumnDef {
  return dim(name, pool);
}

/** K: the date column, `App Name`, `App Apple Identifier`. */
export function keyColumns(dateColumn = 'Date'): ColumnDef[] {
  return [{ name: dateColumn, kind: 'date' }, { name: 'App Name', kind: 'appName' }, { name: 'App Apple Identifier', kind: 'appId' }];
}

/** SRC; the bracketed columns only in Detailed reports. */
export function sourceColumns(detailed: boolean): ColumnDef[] {
  const columns = [dim('Source Type', SOURCE_TYPES)];
  if (detailed) columns.push(dim('Source Info', SOURCE_INFO), dim('Campaign', CAMPAIGNS));
  columns.push(dim('Page Type', PAGE_TYPES));
  if (detailed) columns.push(dim('Page Title', PAGE_TITLES));
  return columns;
}

/** DEV: `Device`, `Platform Version` (always a pair that exists, e.g. Apple Watch with watchOS). */
export function deviceColumns(): ColumnDef[] {
  return [{ name: 'Device', kind: 'device' }, { name: 'Platform Version', kind: 'platformVersion' }];
}

export function territoryColumn(): ColumnDef {
  return { name: 'Territory', kind: 'territory' };
}

export function appVersionColumn(): ColumnDef {
  return { name: 'App Version', kind: 'appVersion' };
}
