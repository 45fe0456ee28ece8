// The Sales page's words: report names a person reads, one progress line over the whole run that
// counts past-retention dates, summaries without "date(s)", and the window named by its last day.
import { describe, expect, it } from 'vitest';
import type { SalesDateOutcome, SalesProgress, SalesTotals } from '../../../shared/sales';
import { dayList, kindLabel, kindNameOf, problemWhat, progressDetail, progressLabel, progressValue, summaryText, windowText } from '../../../renderer/features/sales/salesText';

const outcomes = (o: Partial<Record<SalesDateOutcome, number>> = {}) => ({ 'loaded': 0, 'no-sales': 0, 'not-yet': 0, 'gone': 0, 'error': 0, ...o });
const progress = (p: Partial<SalesProgress>): SalesProgress => ({ jobId: 'j', kind: 'SALES/SUMMARY/DAILY', done: 0, total: 0, outcomes: outcomes(), overall: { done: 0, total: 0, outcomes: outcomes() }, ...p });

describe('sales wording', () => {
  it('names report kinds as people do', () => {
    expect(kindNameOf('SALES/SUMMARY/DAILY')).toBe('Daily sales');
    expect(kindNameOf('SALES/SUMMARY/WEEKLY')).toBe('Weekly sales');
    expect(kindNameOf('SUBSCRIPTION_EVENT/SUMMARY/DAILY')).toBe('Daily subscription events');
    expect(kindNameOf('FINANCE')).toBe('Finance, monthly');
    expect(kindNameOf('FINANCIAL/ZZ')).toBe('Finance, monthly (ZZ)');
    expect(kindLabel({ reportType: 'PRE_ORDER', reportSubType: 'SUMMARY', frequency: 'YEARLY' })).toBe('Yearly pre-orders');
    // A kind Orchard has no word for yet still reads as words, not as a key.
    expect(kindNameOf('NEWSSTAND/DETAILED/DAILY')).toBe('Daily newsstand');
    expect(problemWhat('SALES/SUMMARY/DAILY 2025-03-01')).toBe('Daily sales 2025-03-01');
    expect(problemWhat('FINANCIAL ZZ 2025-01')).toBe('Finance, monthly ZZ 2025-01');
  });

  it('one bar over the whole run, with gone dates counted and numbers formatted', () => {
    const p = progress({ kind: 'SUBSCRIPTION/SUMMARY/DAILY', done: 3, total: 365, overall: { done: 1_203, total: 1_825, outcomes: outcomes({ loaded: 1_190, 'no-sales': 1, gone: 12 }) } });
    expect(progressLabel(p)).toBe('Sales sync: Daily subscriptions');
    expect(progressDetail(p)).toBe('1,203 of 1,825 dates · 1,190 dates loaded, 1 with no sales, 12 past Apple’s one-year retention');
    expect(progressValue(p)).toBeCloseTo(1_203 / 1_825);
    expect(progressDetail(progress({ overall: { done: 1, total: 1, outcomes: outcomes({ loaded: 1 }) } }))).toBe('1 of 1 date · 1 date loaded');
    const finance = progress({ kind: 'FINANCE', overall: { done: 10, total: 10, outcomes: outcomes({ loaded: 10 }) } });
    expect([progressLabel(finance), progressValue(finance)]).toEqual(['Sales sync: Finance, monthly', 1]);
  });

  it('summaries count in words and name the first problem by its report', () => {
    const base = { jobId: 'j', vendorNumber: '85012345', loadedFiles: 0, errors: [] };
    expect(summaryText({ ...base, outcome: 'succeeded', outcomes: outcomes({ loaded: 1_363, 'no-sales': 1, gone: 2 }) }))
      .toBe('Sales sync succeeded: 1,363 dates loaded, 1 with no sales, 2 past Apple’s one-year retention.');
    const partial = summaryText({ ...base, outcome: 'partial', outcomes: outcomes({ loaded: 1, error: 1 }), keptNotLoaded: 1,
      errors: [{ what: 'SALES/SUMMARY/DAILY 2025-02-27', message: 'could not be loaded.' }] });
    expect(partial).toBe('Sales sync partial: 1 date loaded, 1 failed. 1 problem, the first: Daily sales 2025-02-27: could not be loaded. 1 file was fetched and kept: the next sync loads it without asking Apple again.');
    expect(partial).not.toMatch(/\(s\)/);
  });

  it('the window is named by its newest published day, or says there is none', () => {
    const totals: SalesTotals = { days: 30, from: '2025-11-06', to: '2025-12-05', dataUpTo: '2025-12-05', currencies: [], notYetDays: ['2025-12-06'], missingDays: [], apps: [] };
    expect(windowText(totals)).toBe('30 days to Dec 5 (newest published day) · Nov 6 – Dec 5');
    expect(windowText({ days: 30, currencies: [], notYetDays: [], missingDays: [], apps: [] })).toMatch(/^No daily sales published/);
    expect(dayList(['2025-12-01', '2025-12-02', '2025-12-03'], 2)).toBe('Dec 1, Dec 2 and 1 more');
  });
});
