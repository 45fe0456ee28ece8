// Sales and Trends domain types shared by main and the renderer: which reports a team keeps, the
// outcome recorded for every report date, and Apple's table of valid combinations (fact sheet §1.2).

export const SALES_FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
export type SalesFrequency = (typeof SALES_FREQUENCIES)[number];

/** One downloadable report: type + sub-type + frequency, e.g. SALES/SUMMARY/DAILY. */
export interface SalesReportKind {
  reportType: string;
  reportSubType: string;
  frequency: SalesFrequency;
}

/**
 * What happened to one report date. `not-yet` is never drawn as zero: Apple has not published it.
 * `no-sales` is a real zero (Apple said so). `gone` is past Apple's retention.
 */
export const SALES_DATE_OUTCOMES = ['loaded', 'no-sales', 'not-yet', 'gone', 'error'] as const;
export type SalesDateOutcome = (typeof SALES_DATE_OUTCOMES)[number];

export interface SalesCombinationRule {
  reportType: string;
  reportSubType: string;
  frequencies: readonly SalesFrequency[];
  /** The version Orchard asks for unless the team's settings or a learned version override it. */
  defaultVersion: string;
  /** Kept by default for a new team. */
  keptByDefault: boolean;
}

/**
 * Apple's current table. SUBSCRIPTION moved 1_3 → 1_4 in August 2026 (the fact sheet marks the
 * other subscription versions UNCERTAIN); a "latest version is X_Y" answer overrides these anyway.
 */
export const SALES_COMBINATIONS: readonly SalesCombinationRule[] = [
  { reportType: 'SALES', reportSubType: 'SUMMARY', frequencies: ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'], defaultVersion: '1_0', keptByDefault: true },
  { reportType: 'SUBSCRIPTION', reportSubType: 'SUMMARY', frequencies: ['DAILY'], defaultVersion: '1_4', keptByDefault: true },
  { reportType: 'SUBSCRIPTION_EVENT', reportSubType: 'SUMMARY', frequencies: ['DAILY'], defaultVersion: '1_3', keptByDefault: true },
  { reportType: 'SUBSCRIBER', reportSubType: 'DETAILED', frequencies: ['DAILY'], defaultVersion: '1_3', keptByDefault: true },
  { reportType: 'SUBSCRIPTION_OFFER_CODE_REDEMPTION', reportSubType: 'SUMMARY', frequencies: ['DAILY'], defaultVersion: '1_0', keptByDefault: true },
  { reportType: 'PRE_ORDER', reportSubType: 'SUMMARY', frequencies: ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'], defaultVersion: '1_0', keptByDefault: false },
];

export function salesRuleOf(kind: Pick<SalesReportKind, 'reportType' | 'reportSubType'>): SalesCombinationRule | undefined {
  return SALES_COMBINATIONS.find((r) => r.reportType === kind.reportType && r.reportSubType === kind.reportSubType);
}

export function salesKindKey(kind: SalesReportKind): string {
  return `${kind.reportType}/${kind.reportSubType}/${kind.frequency}`;
}

/** A vendor number as App Store Connect shows it under Payments and Financial Reports. */
export const VENDOR_NUMBER_PATTERN = /^\d{6,12}$/;

/** Per-kind counts of date outcomes and the newest loaded date, for the Sales screen. */
export interface SalesKindStatus {
  kind: SalesReportKind;
  kept: boolean;
  outcomes: Record<SalesDateOutcome, number>;
  /** Newest report date with a loaded file or a real zero. */
  dataUpTo?: string;
}

export interface SalesStatus {
  /** The team the key belongs to; absent for an Individual key (which cannot read sales). */
  issuerId?: string;
  keyLabel: string;
  individual: boolean;
  vendorNumber?: string;
  /** Learned from Apple's answers: Sales and Reports keys cannot read finance. */
  finance: 'readable' | 'forbidden' | 'unknown';
  kinds: SalesKindStatus[];
  running?: { jobId: string };
  /**
   * Periods that need attention until resolved: failed dates (a damaged local copy says so, and
   * whether Apple can still send it) and finance months loaded unchecked (no trailer to add up to).
   */
  problems?: SalesProblem[];
}

export interface SalesProblem {
  /** `SALES/SUMMARY/DAILY`, or `FINANCIAL/ZZ` for a finance region. */
  kind: string;
  reportDate: string;
  state: 'failed' | 'unchecked';
  detail: string;
}

export interface SalesDateView {
  reportDate: string;
  outcome: SalesDateOutcome;
  rows: number | null;
  detail: string | null;
  attempts: number;
}

export interface SalesProgress {
  jobId: string;
  /** `SALES/SUMMARY/DAILY`, or `FINANCE` while finance months are fetched. */
  kind: string;
  /** Dates of this kind answered so far, of `total` to ask. */
  done: number;
  total: number;
  outcomes: Record<SalesDateOutcome, number>;
  /**
   * The whole run over every kind kept: one bar that never restarts. `total` is planned from what
   * the warehouse holds when the run starts and settled as each kind begins (and shrinks by the
   * dates a refused kind or a spent quota leaves unasked).
   */
  overall: SalesRunProgress;
}

export interface SalesRunProgress {
  done: number;
  total: number;
  outcomes: Record<SalesDateOutcome, number>;
}

export interface SalesSummary {
  jobId: string;
  vendorNumber: string;
  outcome: 'succeeded' | 'partial' | 'failed' | 'cancelled';
  outcomes: Record<SalesDateOutcome, number>;
  loadedFiles: number;
  /** Files fetched and kept on disk but not loaded when the run stopped; the next sync loads them without asking Apple. */
  keptNotLoaded?: number;
  errors: { what: string; message: string }[];
}

/** Money per currency over recent days — never summed across currencies. */
export interface SalesCurrencyTotal {
  currency: string;
  /** Sum of units × per-unit proceeds (exact decimal, as text). */
  proceeds: string;
  /** First-time downloads (the download group only). */
  downloads: string;
}

/** An app that has daily Summary Sales rows, for the Sales page's app picker. */
export interface SalesApp {
  /** Apple ID: orchard.apps' id for the app's SKU, else the Apple Identifier of the app's own rows. */
  appId: string;
  /** The app's SKU (the Parent Identifier of its in-app purchase rows). */
  sku: string;
  /** orchard.apps' name, else the Title of the app's newest own row, else the SKU. */
  name: string;
}

export interface SalesTotals {
  /** The number of days asked for. */
  days: number;
  /**
   * The window: `days` days ending at `dataUpTo` (the newest published day), never at the
   * calendar's yesterday. Absent when no daily sales are loaded yet: then there is nothing to sum.
   */
  from?: string;
  to?: string;
  /** Set when the totals are one app's. */
  appId?: string;
  currencies: SalesCurrencyTotal[];
  /** Newest daily report loaded or confirmed a zero. */
  dataUpTo?: string;
  /** Days in the window or after it (up to the calendar's yesterday) Apple has not published yet: gaps, never zeros. */
  notYetDays: string[];
  /** Days in the window or after it with no answer on record (never asked, or failed): gaps too. */
  missingDays: string[];
  /** Every app with daily sales rows (all time), by name: the choices of the app picker. */
  apps: SalesApp[];
}
