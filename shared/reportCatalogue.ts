// The Analytics Reports Orchard knows by name (fact sheet §11): category, level, granularities and
// typed columns with a one-line meaning for the UI. Pure data and pure functions; the warehouse
// derives raw table layouts from it and the renderer shows it. Unknown reports are still loaded.

import type { Granularity, ReportCategory } from './ascTypes';

export type { Granularity, ReportCategory };
export type ReportLevel = 'STANDARD' | 'DETAILED' | 'SINGLE';
export type ColumnType = 'DATE' | 'BIGINT' | 'DECIMAL(18,2)' | 'DOUBLE' | 'VARCHAR';

export interface CatalogueColumn {
  /** Header as Apple writes it in the segment files. */
  header: string;
  /** Warehouse column name: `columnNameFor(header)`. */
  name: string;
  type: ColumnType;
  meaning: string;
  /**
   * Set on measures that must not be summed across rows, dates or territories (distinct counts,
   * averages): why, in words the UI shows next to the column. Absent on additive counts and money.
   */
  nonAdditive?: string;
}

export interface CatalogueReport {
  /** API name, e.g. `App Downloads Standard`. */
  name: string;
  category: ReportCategory;
  level: ReportLevel;
  granularities: readonly Granularity[];
  /** Header of the column Apple's restatement rule keys on (`Date`, `Event Date`, `Install Day`). */
  dateColumn: string;
  columns: readonly CatalogueColumn[];
  /** Set when the fact sheet marks the name or the columns as uncertain. */
  uncertain?: string;
}

/** Header → [type, meaning]. Headers not listed here are VARCHAR. */
const COLUMN_INFO: Readonly<Record<string, readonly [ColumnType, string]>> = {
  'Date': ['DATE', 'Day the row covers; the Monday of the week or the 1st of the month for weekly and monthly rows.'],
  'Event Date': ['DATE', 'Day the subscription event happened.'],
  'Install Day': ['DATE', 'Day the installs happened.'],
  'App Name': ['VARCHAR', 'App name as shown in App Store Connect.'],
  'App Apple Identifier': ['BIGINT', 'Numeric Apple ID of the app.'],
  'Event': ['VARCHAR', 'Kind of event, e.g. Impression, Page view, Tap, Install or Delete.'],
  'Page Type': ['VARCHAR', 'Kind of App Store page, e.g. Product page or In-app event.'],
  'Page Title': ['VARCHAR', 'Name of the page, e.g. a custom product page (Detailed only).'],
  'Source Type': ['VARCHAR', 'How people found the app, e.g. App Store search or Web referrer.'],
  'Source Info': ['VARCHAR', 'The referring app or website (Detailed only).'],
  'Campaign': ['VARCHAR', 'Campaign token of the App Store link used (Detailed only).'],
  'Engagement Type': ['VARCHAR', 'What the person did, e.g. Get, Redownload, Open or Share.'],
  'Device': ['VARCHAR', 'Device type, e.g. iPhone, iPad or Mac.'],
  'Platform Version': ['VARCHAR', 'Operating system and version, e.g. iOS 17.4.'],
  'Platform': ['VARCHAR', 'Operating system.'],
  'Territory': ['VARCHAR', 'App Store country or region (two-letter code).'],
  'Counts': ['BIGINT', 'Number of events (noised; small values are withheld).'],
  'Count': ['BIGINT', 'Number of events.'],
  'Unique Counts': ['BIGINT', 'Number of distinct people or devices behind the events.'],
  'Unique Devices': ['BIGINT', 'Number of distinct devices.'],
  'Browser': ['VARCHAR', 'Web browser that showed the web preview.'],
  'Browser Version': ['VARCHAR', 'Version of that browser.'],
  'Download Type': ['VARCHAR', 'First-time download, redownload, update or restore.'],
  'Download Info': ['VARCHAR', 'Where the install came from, e.g. Pre-order or TestFlight.'],
  'App Version': ['VARCHAR', 'App version, kept as text so 4.10 stays 4.10.'],
  'Build': ['VARCHAR', 'Build number.'],
  'Release Type': ['VARCHAR', 'Kind of release, e.g. App Store or TestFlight.'],
  'Pre-Order': ['VARCHAR', 'Marks rows that came from a pre-order; empty otherwise.'],
  'Pre-Order Start Date': ['DATE', 'First day of the pre-order period.'],
  'Pre-Order End Date': ['DATE', 'Last day of the pre-order period.'],
  'Pre-Orders Placed': ['BIGINT', 'Pre-orders placed.'],
  'Pre-Order Canceled': ['BIGINT', 'Pre-orders canceled.'],
  'Purchase Type': ['VARCHAR', 'Kind of purchase, e.g. paid app or in-app purchase.'],
  'Content Name': ['VARCHAR', 'Name of the item bought.'],
  'Content Apple Identifier': ['VARCHAR', 'Apple ID of the item bought.'],
  'Payment Method': ['VARCHAR', 'How the purchase was paid.'],
  'App Download Date': ['DATE', 'Day the app was downloaded; empty when over 30 days earlier.'],
  'Purchases': ['BIGINT', 'Number of purchases; negative for refunds.'],
  'Proceeds in USD': ['DECIMAL(18,2)', 'Developer proceeds in US dollars; negative for refunds.'],
  'Sales in USD': ['DECIMAL(18,2)', 'Customer price paid in US dollars; negative for refunds.'],
  'Paying Users': ['BIGINT', 'Distinct paying people; do not add up across rows.'],
  'State Metric': ['VARCHAR', 'Subscription state, e.g. Free trials, Full price, Grace period.'],
  'State Metric Grouping': ['VARCHAR', 'Group of the subscription state.'],
  'Subscription Name': ['VARCHAR', 'Subscription name.'],
  'Subscription Identifier': ['VARCHAR', 'Subscription Apple ID.'],
  'Subscription Duration': ['VARCHAR', 'Length of the subscription period.'],
  'Billing Frequency': ['VARCHAR', 'How often the subscriber is billed.'],
  'Billing Period': ['VARCHAR', 'Billing period.'],
  'Subscription Group': ['VARCHAR', 'Subscription group name.'],
  'Subscription Group Identifier': ['VARCHAR', 'Subscription group ID.'],
  'Offer Type': ['VARCHAR', 'Kind of offer, e.g. free trial or promotional offer.'],
  'Offer Name': ['VARCHAR', 'Offer name.'],
  'Offer ID': ['VARCHAR', 'Offer identifier.'],
  'Vanity Code': ['VARCHAR', 'Offer code entered by the subscriber.'],
  'Offer Pricing': ['VARCHAR', 'Pricing of the offer.'],
  'Offer Duration': ['VARCHAR', 'Length of the offer.'],
  'Family Sharing': ['VARCHAR', 'Whether the subscription is shared through Family Sharing.'],
  'Cancellation Reason': ['VARCHAR', 'Why the subscription was canceled.'],
  'App Download Source Type': ['VARCHAR', 'How the subscriber originally found the app.'],
  'App Download Source Info': ['VARCHAR', 'The referring app or website of that download (Detailed only).'],
  'Original Purchase Device': ['VARCHAR', 'Device of the original purchase.'],
  'Event Sub Type': ['VARCHAR', 'Detailed subscription event, e.g. a renewal or a refund.'],
  'Event Grouping': ['VARCHAR', 'Group of the event, e.g. Paid Subscription Starts or Renewals.'],
  'Plan Change Type': ['VARCHAR', 'Upgrade, downgrade or crossgrade.'],
  'Previous Subscription Name': ['VARCHAR', 'Subscription before the plan change.'],
  'Previous Subscription Identifier': ['VARCHAR', 'Apple ID of the subscription before the plan change.'],
  'Paid Service Days Recovered': ['BIGINT', 'Paid days won back after a billing retry.'],
  'Crashes': ['BIGINT', 'Number of crashes.'],
  'Sessions': ['BIGINT', 'Number of sessions.'],
  'Total Session Duration': ['BIGINT', 'Total session time in seconds.'],
  'Downloading Users': ['BIGINT', 'People who downloaded the app.'],
  'Users Opting-In': ['BIGINT', 'Of those, people who agreed to share data with developers.'],
  'App Clip Event Type': ['VARCHAR', 'Views, Installations, Sessions or Crashes of the App Clip.'],
  'Install Type': ['VARCHAR', 'First-time install, reinstall, update or web install.'],
  'Channel': ['VARCHAR', 'Distribution channel: App Store, TestFlight, a marketplace or a website.'],
  'Installs': ['BIGINT', 'Number of installs.'],
  'Install Status': ['VARCHAR', 'Whether the install succeeded.'],
  'Install Package Type': ['VARCHAR', 'Kind of install package.'],
  'Avg Install Duration': ['DOUBLE', 'Average install time in milliseconds.'],
};

const DISTINCT = 'Distinct counts: cannot be summed across rows, days or territories (one person or device appears in many rows, so a sum over-counts).';

/**
 * Measures whose sum over rows means nothing. Apple counts each person or device once per row, so
 * a total over days or territories is not the distinct count of the total; an average must be
 * weighted by its count instead.
 */
const NON_ADDITIVE: Readonly<Record<string, string>> = {
  'Unique Counts': DISTINCT,
  'Unique Devices': DISTINCT,
  'Paying Users': DISTINCT,
  'Downloading Users': DISTINCT,
  'Users Opting-In': DISTINCT,
  'Avg Install Duration': 'An average: cannot be summed across rows; weight it by the row’s counts (sum(avg × counts) / sum(counts)).',
};

type ColumnSpec = string | { detailedOnly: string };
const detailed = (header: string): ColumnSpec => ({ detailedOnly: header });

const K = ['Date', 'App Name', 'App Apple Identifier'];
const SRC = ['Source Type', detailed('Source Info'), detailed('Campaign'), 'Page Type', detailed('Page Title')];
const DEV = ['Device', 'Platform Version'];
const SUB = ['Subscription Name', 'Subscription Identifier', 'Subscription Duration', 'Billing Frequency', 'Billing Period',
  'Subscription Group', 'Subscription Group Identifier', 'Offer Type', 'Offer Name', 'Offer ID', 'Vanity Code',
  'Offer Pricing', 'Offer Duration'];
const SUBSRC = ['App Download Source Type', detailed('App Download Source Info'), detailed('Campaign'), 'Page Type',
  detailed('Page Title'), 'Pre-Order', 'Original Purchase Device'];

const D: readonly Granularity[] = ['DAILY'];
const DWM: readonly Granularity[] = ['DAILY', 'WEEKLY', 'MONTHLY'];

interface ReportFamily {
  /** Name without the ` Standard` / ` Detailed` suffix; single-level reports use it as is. */
  base: string;
  category: ReportCategory;
  twoLevels: boolean;
  /** Standard (or single) granularities, then Detailed ones when they differ. */
  granularities: readonly Granularity[];
  detailedGranularities?: readonly Granularity[];
  dateColumn?: string;
  columns: readonly ColumnSpec[];
  uncertain?: string;
}

const FAMILIES: readonly ReportFamily[] = [
  { base: 'App Store Discovery and Engagement', category: 'APP_STORE_ENGAGEMENT', twoLevels: true, granularities: DWM,
    columns: [...K, 'Event', 'Page Type', detailed('Page Title'), 'Source Type', detailed('Source Info'),
      detailed('Campaign'), 'Engagement Type', ...DEV, 'Territory', 'Counts', 'Unique Counts'] },
  { base: 'App Store Web Preview Engagement', category: 'APP_STORE_ENGAGEMENT', twoLevels: true, granularities: DWM,
    columns: [...K, 'Event', 'Page Type', detailed('Page Title'), 'Source Type', detailed('Source Info'),
      'Engagement Type', 'Browser', 'Browser Version', ...DEV, 'Territory', 'Counts'],
    uncertain: 'Name observed, Detailed level unconfirmed; Date may be missing from Standard files.' },
  { base: 'App Downloads', category: 'COMMERCE', twoLevels: true, granularities: D, detailedGranularities: DWM,
    columns: [...K, 'Download Type', 'App Version', ...DEV, ...SRC, 'Pre-Order', 'Territory', 'Counts'] },
  { base: 'App Store Pre-Orders', category: 'COMMERCE', twoLevels: true, granularities: D, detailedGranularities: DWM,
    columns: [...K, ...DEV, ...SRC, 'Territory', 'Pre-Order Start Date', 'Pre-Order End Date', 'Pre-Orders Placed',
      'Pre-Order Canceled'] },
  { base: 'App Store Purchases', category: 'COMMERCE', twoLevels: true, granularities: DWM,
    columns: [...K, 'Purchase Type', 'Content Name', 'Content Apple Identifier', 'Payment Method', ...DEV, ...SRC,
      'App Download Date', 'Pre-Order', 'Territory', 'Purchases', 'Proceeds in USD', 'Sales in USD', 'Paying Users'],
    uncertain: 'Granularities and the Detailed-only source columns are assumed.' },
  { base: 'App Store Subscription State', category: 'COMMERCE', twoLevels: true, granularities: D,
    columns: [...K, 'State Metric', 'State Metric Grouping', ...SUB, 'Family Sharing', 'Cancellation Reason', ...SUBSRC,
      'Territory', 'Counts'] },
  { base: 'App Store Subscription Event', category: 'COMMERCE', twoLevels: true, granularities: D,
    detailedGranularities: DWM, dateColumn: 'Event Date',
    columns: ['Event Date', 'App Name', 'App Apple Identifier', 'Event Sub Type', 'Event Grouping', ...SUB,
      'Plan Change Type', 'Previous Subscription Name', 'Previous Subscription Identifier', 'Family Sharing',
      'Cancellation Reason', 'Paid Service Days Recovered', ...SUBSRC, 'Territory', 'Counts'] },
  { base: 'App Crashes', category: 'APP_USAGE', twoLevels: false, granularities: DWM,
    columns: [...K, 'App Version', ...DEV, 'Crashes', 'Unique Devices'] },
  { base: 'App Store Installation and Deletion', category: 'APP_USAGE', twoLevels: true, granularities: DWM,
    columns: [...K, 'Event', 'Download Type', 'App Version', ...DEV, ...SRC, 'App Download Date', 'Territory', 'Counts',
      'Unique Devices'] },
  { base: 'App Sessions', category: 'APP_USAGE', twoLevels: true, granularities: DWM,
    columns: [...K, 'App Version', ...DEV, ...SRC, 'App Download Date', 'Territory', 'Sessions', 'Total Session Duration',
      'Unique Devices'] },
  { base: 'App Opt In', category: 'APP_USAGE', twoLevels: false, granularities: D,
    columns: [...K, 'Downloading Users', 'Users Opting-In'], uncertain: 'Name observed; category assumed.' },
  { base: 'App Clip Usage', category: 'APP_USAGE', twoLevels: true, granularities: DWM,
    columns: [...K, 'App Clip Event Type', 'Source Type', detailed('Source Info'), detailed('Campaign'), 'App Version',
      ...DEV, 'Territory', 'Counts', 'Total Session Duration', 'Unique Devices'],
    uncertain: 'API name not confirmed; taken from the documentation page title.' },
  { base: 'Platform App Installs', category: 'APP_USAGE', twoLevels: false, granularities: D, dateColumn: 'Install Day',
    columns: ['Install Day', 'App Name', 'App Apple Identifier', 'Install Type', 'Channel', ...DEV, 'Territory', 'Installs'],
    uncertain: 'Name not confirmed; EU apps only.' },
  { base: 'App Install Performance', category: 'PERFORMANCE', twoLevels: false, granularities: D,
    columns: [...K, 'Download Type', 'Download Info', 'Install Status', 'Install Package Type', ...DEV, 'Territory',
      'Counts', 'Avg Install Duration'] },
  { base: 'App Crashes Expanded', category: 'PERFORMANCE', twoLevels: false, granularities: DWM,
    columns: ['App Name', 'App Version', 'Build', 'Date', 'Device', 'Platform', 'Release Type', 'Territory',
      'App Apple Identifier', 'Count', 'Unique Devices'],
    uncertain: 'Columns as seen by one client; granularities assumed; files may be comma-delimited.' },
  ...['App Storage Reads and Writes', 'Streaming Playback Performance', 'Streaming Downloads Performance',
    'AirPlay Performance'].map((base): ReportFamily => ({ base, category: 'PERFORMANCE', twoLevels: false,
    granularities: DWM, columns: [], uncertain: 'Columns unknown; loaded from the file header as text.' })),
];

/** Lower case, runs of anything but a-z0-9 become `_`, no leading or trailing `_`. */
export function tableNameFor(reportName: string): string {
  return reportName.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

/** Same rule as tableNameFor: `App Apple Identifier` → `app_apple_identifier`. */
export function columnNameFor(header: string): string {
  return tableNameFor(header);
}

function toColumn(header: string): CatalogueColumn {
  const info = COLUMN_INFO[header];
  const nonAdditive = NON_ADDITIVE[header];
  return { header, name: columnNameFor(header), type: info?.[0] ?? 'VARCHAR', meaning: info?.[1] ?? '', ...(nonAdditive === undefined ? {} : { nonAdditive }) };
}

function levelColumns(specs: readonly ColumnSpec[], level: ReportLevel): CatalogueColumn[] {
  return specs.flatMap((spec) => {
    if (typeof spec === 'string') return [toColumn(spec)];
    return level === 'STANDARD' ? [] : [toColumn(spec.detailedOnly)];
  });
}

function expand(family: ReportFamily): CatalogueReport[] {
  const common = {
    category: family.category,
    dateColumn: family.dateColumn ?? 'Date',
    ...(family.uncertain === undefined ? {} : { uncertain: family.uncertain }),
  };
  if (!family.twoLevels) {
    return [{ name: family.base, level: 'SINGLE', granularities: family.granularities,
      columns: levelColumns(family.columns, 'SINGLE'), ...common }];
  }
  return [
    { name: `${family.base} Standard`, level: 'STANDARD', granularities: family.granularities,
      columns: levelColumns(family.columns, 'STANDARD'), ...common },
    { name: `${family.base} Detailed`, level: 'DETAILED',
      granularities: family.detailedGranularities ?? family.granularities,
      columns: levelColumns(family.columns, 'DETAILED'), ...common },
  ];
}

export const REPORT_CATALOGUE: readonly CatalogueReport[] = FAMILIES.flatMap(expand);

/** Exact API name first, then the normalised name (case and punctuation ignored). */
export function findReport(name: string): CatalogueReport | undefined {
  const exact = REPORT_CATALOGUE.find((report) => report.name === name);
  if (exact !== undefined) return exact;
  const wanted = tableNameFor(name);
  return wanted === '' ? undefined : REPORT_CATALOGUE.find((report) => tableNameFor(report.name) === wanted);
}

/** Header of the date column Apple's merge rule keys on; `Date` for reports Orchard does not know. */
export function dateColumnFor(reportName: string): string {
  return findReport(reportName)?.dateColumn ?? 'Date';
}

/** Date column headers the warehouse recognises in files of unknown reports. */
export const DATE_COLUMN_HEADERS: readonly string[] = ['Date', 'Event Date', 'Install Day'];
