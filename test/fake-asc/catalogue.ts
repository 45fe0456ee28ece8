// The report catalogue every request gets (§11): names, `rN` numbers, categories, granularities,
// completeness windows and columns. A realistic subset; reports marked `never` list but stay empty.

import {
  appVersionColumn, deviceColumns, dimension, keyColumns, metric, PAGE_TITLES, PAGE_TYPES, PRE_ORDER,
  SOURCE_INFO, SOURCE_TYPES, CAMPAIGNS, sourceColumns, territoryColumn,
  type ColumnDef,
} from './columns';

export type Category = 'APP_USAGE' | 'APP_STORE_ENGAGEMENT' | 'COMMERCE' | 'FRAMEWORK_USAGE' | 'PERFORMANCE';
export type Granularity = 'DAILY' | 'WEEKLY' | 'MONTHLY';
export const GRANULARITIES: readonly Granularity[] = ['DAILY', 'WEEKLY', 'MONTHLY'];
export const CATEGORIES: readonly Category[] = ['APP_USAGE', 'APP_STORE_ENGAGEMENT', 'COMMERCE', 'FRAMEWORK_USAGE', 'PERFORMANCE'];

export interface ReportDef {
  /** The N of `r<N>-<requestId>`, fixed per report type. */
  number: number;
  name: string;
  category: Category;
  granularities: readonly Granularity[];
  /** The report's segment of the S3 key, e.g. `APP_CRASHES_PRIMARY`. */
  internalKey: string;
  /** First `Date` with data. */
  startDate: string;
  /** A DAILY instance holds the `windowDays` Dates before its processingDate (the oldest is final). */
  windowDays: number;
  columns: readonly ColumnDef[];
  /** Typical dimension rows per Date for an app of activity 1. */
  baseRows: number;
  /** `commerce` reports are produced only for apps that sell something. */
  produces: 'always' | 'commerce' | 'never';
}

const DWM: readonly Granularity[] = ['DAILY', 'WEEKLY', 'MONTHLY'];
const D: readonly Granularity[] = ['DAILY'];

interface PairSpec {
  base: string;
  numbers: [number, number];
  category: Category;
  key: string;
  standardGranularities: readonly Granularity[];
  detailedGranularities: readonly Granularity[];
  startDate: string;
  windowDays: number;
  baseRows: [number, number];
  produces?: ReportDef['produces'];
  columns: (detailed: boolean) => ColumnDef[];
}

function pair(spec: PairSpec): ReportDef[] {
  return [false, true].map((detailed) => ({
    number: spec.numbers[detailed ? 1 : 0],
    name: `${spec.base} ${detailed ? 'Detailed' : 'Standard'}`,
    category: spec.category,
    granularities: detailed ? spec.detailedGranularities : spec.standardGranularities,
    internalKey: `${spec.key}_${detailed ? 'DETAILED' : 'STANDARD'}`,
    startDate: spec.startDate,
    windowDays: spec.windowDays,
    columns: spec.columns(detailed),
    baseRows: spec.baseRows[detailed ? 1 : 0],
    produces: spec.produces ?? 'always',
  }));
}

function single(def: Omit<ReportDef, 'produces'> & { produces?: ReportDef['produces'] }): ReportDef {
  return { ...def, produces: def.produces ?? 'always' };
}

const counts = metric('Counts');
const uniqueDevices = metric('Unique Devices', { suppressBelow: 5 });
const downloadTypes = ['First-time download', 'Redownload', 'Manual update', 'Auto-update', 'Restore'];
const CONTENT = { 'Gems 100': '6450000101', 'Gems 500': '6450000102', 'Pro Unlock': '6450000103', 'Season Pass': '6450000104' };
const SUBSCRIPTIONS = { 'Premium Monthly': '6450000201', 'Premium Yearly': '6450000202' };
const SUBSCRIPTION_DURATIONS = { 'Premium Monthly': '1 Month', 'Premium Yearly': '1 Year' };
const EVENT_GROUPINGS = {
  'Start Introductory Offer': 'Paid Subscription Starts', 'Paid Subscription from Introductory Offer': 'Paid Subscription Starts',
  Renew: 'Renewals', Cancel: 'Voluntary Churn', 'Billing Retry': 'Involuntary Churn',
};

function noInstances(number: number, name: string, category: Category, key: string): ReportDef {
  return single({
    number, name, category, granularities: D, internalKey: key, startDate: '2024-01-01', windowDays: 2,
    columns: [...keyColumns(), ...deviceColumns(), counts], baseRows: 4, produces: 'never',
  });
}

export const REPORT_CATALOGUE: readonly ReportDef[] = [
  ...pair({
    base: 'App Store Discovery and Engagement', numbers: [14, 15], category: 'APP_STORE_ENGAGEMENT', key: 'APP_STORE_DISCOVERY_ENGAGEMENT',
    standardGranularities: DWM, detailedGranularities: DWM, startDate: '2024-01-01', windowDays: 3, baseRows: [24, 40],
    columns: (detailed) => [
      ...keyColumns(), dimension('Event', ['Impression', 'Page view', 'Tap']), dimension('Page Type', PAGE_TYPES),
      ...(detailed ? [dimension('Page Title', PAGE_TITLES)] : []), dimension('Source Type', SOURCE_TYPES),
      ...(detailed ? [dimension('Source Info', SOURCE_INFO), dimension('Campaign', CAMPAIGNS)] : []),
      dimension('Engagement Type', ['', 'Get', 'Redownload', 'Open', 'Share']), ...deviceColumns(), territoryColumn(),
      counts, metric('Unique Counts', { suppressBelow: 5 }),
    ],
  }),
  ...pair({
    base: 'App Downloads', numbers: [3, 4], category: 'COMMERCE', key: 'APP_DOWNLOADS',
    standardGranularities: D, detailedGranularities: DWM, startDate: '2024-01-01', windowDays: 2, baseRows: [20, 32],
    columns: (detailed) => [
      ...keyColumns(), dimension('Download Type', downloadTypes), appVersionColumn(), ...deviceColumns(),
      ...sourceColumns(detailed), dimension('Pre-Order', PRE_ORDER), territoryColumn(), counts,
    ],
  }),
  ...pair({
    base: 'App Store Pre-Orders', numbers: [5, 6], category: 'COMMERCE', key: 'APP_STORE_PRE_ORDERS',
    standardGranularities: D, detailedGranularities: DWM, startDate: '2024-01-01', windowDays: 2, baseRows: [4, 6], produces: 'never',
    columns: (detailed) => [
      ...keyColumns(), ...deviceColumns(), ...sourceColumns(detailed), territoryColumn(),
      metric('Pre-Orders Placed'), metric('Pre-Order Canceled'),
    ],
  }),
  ...pair({
    base: 'App Store Purchases', numbers: [12, 13], category: 'COMMERCE', key: 'APP_STORE_PURCHASES',
    standardGranularities: DWM, detailedGranularities: DWM, startDate: '2024-01-01', windowDays: 2, baseRows: [14, 24], produces: 'commerce',
    columns: (detailed) => [
      ...keyColumns(), dimension('Purchase Type', ['In-App Purchase', 'Paid App', 'Auto-Renewable Subscription']),
      dimension('Content Name', Object.keys(CONTENT)), { name: 'Content Apple Identifier', kind: 'dimFrom', from: 'Content Name', map: CONTENT },
      dimension('Payment Method', ['Paid', 'Free Trial', 'Pay As You Go']), ...deviceColumns(), ...sourceColumns(detailed),
      { name: 'App Download Date', kind: 'downloadDate' }, dimension('Pre-Order', PRE_ORDER), territoryColumn(),
      metric('Purchases', { refunds: true }), metric('Proceeds in USD', { money: true, refunds: true }),
      metric('Sales in USD', { money: true, refunds: true }), metric('Paying Users', { suppressBelow: 5 }),
    ],
  }),
  ...pair({
    base: 'App Store Subscription Event', numbers: [160, 161], category: 'COMMERCE', key: 'APP_STORE_SUBSCRIPTION_EVENT',
    standardGranularities: D, detailedGranularities: DWM, startDate: '2025-01-01', windowDays: 3, baseRows: [10, 16], produces: 'commerce',
    columns: (detailed) => [
      ...keyColumns('Event Date'),
      dimension('Event Sub Type', ['Start Introductory Offer', 'Paid Subscription from Introductory Offer', 'Renew', 'Cancel', 'Billing Retry']),
      { name: 'Event Grouping', kind: 'dimFrom', from: 'Event Sub Type', map: EVENT_GROUPINGS },
      dimension('Subscription Name', Object.keys(SUBSCRIPTIONS)),
      { name: 'Subscription Identifier', kind: 'dimFrom', from: 'Subscription Name', map: SUBSCRIPTIONS },
      { name: 'Subscription Duration', kind: 'dimFrom', from: 'Subscription Name', map: SUBSCRIPTION_DURATIONS }, dimension('Offer Type', ['', 'Free Trial', 'Pay Up Front']),
      dimension('Family Sharing', ['No', 'Yes']), dimension('Cancellation Reason', ['', 'Price', 'Other']),
      metric('Paid Service Days Recovered'),
      dimension('App Download Source Type', SOURCE_TYPES), ...(detailed ? [dimension('App Download Source Info', SOURCE_INFO), dimension('Campaign', CAMPAIGNS)] : []),
      dimension('Page Type', PAGE_TYPES), ...(detailed ? [dimension('Page Title', PAGE_TITLES)] : []), dimension('Pre-Order', PRE_ORDER),
      { name: 'Original Purchase Device', kind: 'device' }, territoryColumn(), metric('Counts'),
    ],
  }),
  single({
    number: 2, name: 'App Crashes', category: 'APP_USAGE', granularities: DWM, internalKey: 'APP_CRASHES_PRIMARY',
    startDate: '2024-01-01', windowDays: 5, baseRows: 8,
    columns: [...keyColumns(), appVersionColumn(), ...deviceColumns(), metric('Crashes'), uniqueDevices],
  }),
  ...pair({
    base: 'App Store Installation and Deletion', numbers: [10, 11], category: 'APP_USAGE', key: 'APP_STORE_INSTALLATION_DELETION',
    standardGranularities: DWM, detailedGranularities: DWM, startDate: '2024-01-01', windowDays: 5, baseRows: [18, 30],
    columns: (detailed) => [
      ...keyColumns(), dimension('Event', ['Install', 'Delete']), dimension('Download Type', ['First-time download', 'Redownload', 'Manual update', 'Restore']),
      appVersionColumn(), ...deviceColumns(), ...sourceColumns(detailed), { name: 'App Download Date', kind: 'downloadDate' },
      territoryColumn(), counts, uniqueDevices,
    ],
  }),
  ...pair({
    base: 'App Sessions', numbers: [8, 9], category: 'APP_USAGE', key: 'APP_SESSIONS',
    standardGranularities: DWM, detailedGranularities: DWM, startDate: '2024-01-01', windowDays: 5, baseRows: [22, 36],
    columns: (detailed) => [
      ...keyColumns(), appVersionColumn(), ...deviceColumns(), ...sourceColumns(detailed),
      { name: 'App Download Date', kind: 'downloadDate' }, territoryColumn(),
      metric('Sessions'), metric('Total Session Duration'), uniqueDevices,
    ],
  }),
  single({
    number: 189, name: 'App Opt In', category: 'APP_USAGE', granularities: D, internalKey: 'APP_OPT_IN',
    startDate: '2024-01-01', windowDays: 3, baseRows: 1,
    columns: [...keyColumns(), metric('Downloading Users'), metric('Users Opting-In')],
  }),
  noInstances(30, 'App Install Performance', 'PERFORMANCE', 'APP_INSTALL_PERFORMANCE'),
  noInstances(142, 'App Crashes Expanded', 'PERFORMANCE', 'APP_CRASHES_EXPANDED'),
  noInstances(143, 'App Storage Reads and Writes', 'PERFORMANCE', 'APP_STORAGE_READS_WRITES'),
  noInstances(19, 'Streaming Playback Performance', 'PERFORMANCE', 'STREAMING_PLAYBACK_PERFORMANCE'),
  noInstances(20, 'Streaming Downloads Performance', 'PERFORMANCE', 'STREAMING_DOWNLOADS_PERFORMANCE'),
  noInstances(23, 'AirPlay Performance', 'PERFORMANCE', 'AIRPLAY_PERFORMANCE'),
  // Illustrative FRAMEWORK_USAGE names (the fact sheet lists none): they exist to be listed, never filled.
  noInstances(101, 'App Intents Usage', 'FRAMEWORK_USAGE', 'APP_INTENTS_USAGE'),
  noInstances(102, 'Photos Picker Usage', 'FRAMEWORK_USAGE', 'PHOTOS_PICKER_USAGE'),
];

export function findReportDef(name: string): ReportDef | undefined {
  return REPORT_CATALOGUE.find((def) => def.name === name);
}

export function dateColumnOf(def: ReportDef): string {
  return def.columns.find((c) => c.kind === 'date')?.name ?? 'Date';
}
