// Words and colours for Sales and Trends: outcomes, report names a person reads ("Daily sales",
// not SALES/SUMMARY/DAILY), days, and the progress, summary and window lines of the Sales page.
import type { SalesDateOutcome, SalesProgress, SalesReportKind, SalesSummary, SalesTotals } from '../../../shared/sales';
import { kindNameOf } from '../../../shared/salesKindNames';
import { countOf, formatCount } from '../sync/format';

export const OUTCOME_TEXT: Record<SalesDateOutcome, string> = {
  'loaded': 'Loaded',
  'no-sales': 'No sales (a real zero)',
  'not-yet': 'Not published yet — retried on the next sync',
  'gone': 'Past Apple’s one-year retention',
  'error': 'Failed — retried on the next sync',
};

export const OUTCOMES: readonly SalesDateOutcome[] = ['loaded', 'no-sales', 'not-yet', 'gone', 'error'];

export { kindLabel, kindNameOf } from '../../../shared/salesKindNames';

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

/** `2025-12-05` → "Dec 5" (a Pacific day as Apple names it, never shifted through a time zone). */
export function shortDay(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : date.toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

/** "Dec 1, Dec 2 and 3 more": a long run of gaps stays one readable line. */
export function dayList(days: readonly string[], shown = 5): string {
  const named = days.slice(0, shown).map(shortDay).join(', ');
  return days.length > shown ? `${named} and ${formatCount(days.length - shown)} more` : named;
}

/** The outcomes of a run in words, past-retention dates included; zero counts other than loaded are left out. */
export function outcomeCounts(outcomes: Record<SalesDateOutcome, number>): string {
  const parts = [`${countOf(outcomes.loaded, 'date')} loaded`];
  if (outcomes['no-sales']) parts.push(`${formatCount(outcomes['no-sales'])} with no sales`);
  if (outcomes['not-yet']) parts.push(`${formatCount(outcomes['not-yet'])} not published yet`);
  if (outcomes.gone) parts.push(`${formatCount(outcomes.gone)} past Apple’s one-year retention`);
  if (outcomes.error) parts.push(`${formatCount(outcomes.error)} failed`);
  return parts.join(', ');
}

/** The one bar of a sales sync: what is being fetched now, over the whole run. */
export function progressLabel(p: SalesProgress): string {
  return p.kind === 'starting' ? 'Sales sync: starting…' : `Sales sync: ${kindNameOf(p.kind)}`;
}

export function progressDetail(p: SalesProgress): string {
  if (p.kind === 'FINANCE') return `sales done (${outcomeCounts(p.overall.outcomes)}) · fetching fiscal months…`;
  return `${formatCount(p.overall.done)} of ${countOf(p.overall.total, 'date')} · ${outcomeCounts(p.overall.outcomes)}`;
}

/** 0..1 over the whole run; Finance's phase (whose months are not counted ahead) shows the sales part done. */
export function progressValue(p: SalesProgress): number {
  if (p.kind === 'FINANCE') return 1;
  return p.overall.total > 0 ? p.overall.done / p.overall.total : 0;
}

/** `SALES/SUMMARY/DAILY 2025-03-01` → "Daily sales 2025-03-01"; `FINANCIAL ZZ 2025-01` → "Finance, monthly ZZ 2025-01". */
export function problemWhat(what: string): string {
  const [head = '', ...rest] = what.split(' ');
  const name = head === 'FINANCIAL' ? kindNameOf('FINANCE') : head.includes('/') || head === 'FINANCE' ? kindNameOf(head) : head;
  return [name, ...rest].join(' ');
}

export function summaryText(s: SalesSummary): string {
  const head = s.outcome === 'cancelled' ? 'Cancelled' : `Sales sync ${s.outcome}`;
  const [first] = s.errors;
  const problems = first ? ` ${countOf(s.errors.length, 'problem')}, the first: ${problemWhat(first.what)}: ${first.message}` : '';
  const kept = s.keptNotLoaded
    ? ` ${countOf(s.keptNotLoaded, 'file')} ${s.keptNotLoaded === 1 ? 'was' : 'were'} fetched and kept: the next sync loads ${s.keptNotLoaded === 1 ? 'it' : 'them'} without asking Apple again.`
    : '';
  return `${head}: ${outcomeCounts(s.outcomes)}.${problems}${kept}`;
}

/** "30 days to Dec 5 (newest published day)", or why there is no window. */
export function windowText(t: SalesTotals): string {
  if (t.to === undefined || t.from === undefined) return 'No daily sales published and loaded yet: nothing to add up.';
  return `${formatCount(t.days)} days to ${shortDay(t.to)} (newest published day) · ${shortDay(t.from)} – ${shortDay(t.to)}`;
}
