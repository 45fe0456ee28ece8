// Names a person reads for Sales and Trends report kinds ("Daily sales", not SALES/SUMMARY/DAILY),
// shared by the Sales page and the CLI.
import type { SalesReportKind } from './sales';

/** What each report holds, by `reportType/reportSubType`, as a plural noun. */
const REPORT_NOUNS: Readonly<Record<string, string>> = {
  'SALES/SUMMARY': 'sales',
  'SUBSCRIPTION/SUMMARY': 'subscriptions',
  'SUBSCRIPTION_EVENT/SUMMARY': 'subscription events',
  'SUBSCRIBER/DETAILED': 'subscribers',
  'SUBSCRIPTION_OFFER_CODE_REDEMPTION/SUMMARY': 'offer code redemptions',
  'PRE_ORDER/SUMMARY': 'pre-orders',
};

const capital = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** "Daily sales", "Weekly sales", "Daily subscription events". */
export function kindLabel(kind: SalesReportKind): string {
  const noun = REPORT_NOUNS[`${kind.reportType}/${kind.reportSubType}`] ?? kind.reportType.toLowerCase().replace(/_/g, ' ');
  return `${capital(kind.frequency.toLowerCase())} ${noun}`;
}

/** The name of a kind as main's events and problems spell it: `SALES/SUMMARY/DAILY`, `FINANCE`, `FINANCIAL/ZZ`. */
export function kindNameOf(key: string): string {
  if (key === 'FINANCE') return 'Finance, monthly';
  const [reportType = '', reportSubType = '', frequency = ''] = key.split('/');
  if (reportType === 'FINANCIAL') return `Finance, monthly${reportSubType ? ` (${reportSubType})` : ''}`;
  if (!['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(frequency)) return key;
  return kindLabel({ reportType, reportSubType, frequency: frequency as SalesReportKind['frequency'] });
}
