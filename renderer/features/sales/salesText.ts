// Words and colours for Sales and Trends outcomes, shared by the calendar and the summaries.
import type { SalesDateOutcome, SalesReportKind } from '../../../shared/sales';

export const OUTCOME_TEXT: Record<SalesDateOutcome, string> = {
  'loaded': 'Loaded',
  'no-sales': 'No sales (a real zero)',
  'not-yet': 'Not published yet — retried on the next sync',
  'gone': 'Past Apple’s one-year retention',
  'error': 'Failed — retried on the next sync',
};

export const OUTCOMES: readonly SalesDateOutcome[] = ['loaded', 'no-sales', 'not-yet', 'gone', 'error'];

export function kindLabel(kind: SalesReportKind): string {
  const type = kind.reportType.toLowerCase().replace(/_/g, ' ');
  return `${type.charAt(0).toUpperCase()}${type.slice(1)} · ${kind.frequency.toLowerCase()}`;
}

export const kindKey = (k: SalesReportKind) => `${k.reportType}/${k.reportSubType}/${k.frequency}`;

/** Exact decimal text → money in its own currency (never converted, never summed across). */
export function money(amount: string, currency: string): string {
  const n = Number(amount);
  if (!Number.isFinite(n)) return `${amount} ${currency}`;
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(n);
  } catch {
    return `${n.toFixed(2)} ${currency}`;
  }
}
