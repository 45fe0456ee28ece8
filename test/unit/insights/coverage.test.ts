// The coverage rule on its own: where "last N" ends with apps that lag, which app holds it back,
// and when two windows compare like-for-like (both fully inside every app's data).
import { describe, expect, it } from 'vitest';
import { comparisonGap, commonNewest, firstData, lagNotes, shortDay, type AppSpan } from '../../../main/insights/coverage';
import { anchorRange, bucketsFor, clipBuckets, periodEnd } from '../../../main/insights/dashboards/periods';

const orchard: AppSpan = { appId: '1', name: 'Orchard Pro', oldest: '2025-10-01', newest: '2025-12-05' };
const trail: AppSpan = { appId: '2', name: 'Trail Notes', oldest: '2025-11-03', newest: '2025-12-04' };

describe('where the data ends', () => {
  it('ends at the newest day every app has published, and names the app that holds it back', () => {
    expect(commonNewest([orchard, trail])).toBe('2025-12-04');
    expect(commonNewest([orchard])).toBe('2025-12-05');
    expect(commonNewest([])).toBeNull();
    expect(firstData([orchard, trail])).toBe('2025-10-01');
    expect(lagNotes([orchard, trail])).toEqual(['Trail Notes: data up to Dec 4 (other apps reach Dec 5), so the range ends there.']);
    expect(lagNotes([orchard, { ...trail, newest: orchard.newest }])).toEqual([]);
    expect(lagNotes([orchard])).toEqual([]);
  });

  it('takes, per app, the report it has published least of', () => {
    const otherReport = { ...orchard, newest: '2025-12-03' };
    expect(commonNewest([orchard, trail, otherReport])).toBe('2025-12-03');
    expect(lagNotes([orchard, trail, otherReport])[0]).toMatch(/^Orchard Pro: data up to Dec 3 \(other apps reach Dec 4\)/);
  });

  it('names an app without a synced name by its ID, and weeks by their last day', () => {
    const weekly = [{ ...orchard, name: null, newest: '2025-11-24' }, { ...trail, newest: '2025-12-01' }];
    expect(lagNotes(weekly, (d) => periodEnd(d, 'week'))[0]).toMatch(/^App 1: data up to Nov 30 \(other apps reach Dec 7\)/);
    expect(shortDay('2025-01-09')).toBe('Jan 9');
  });

  it('never shows a bare number or a blank for an app orchard.apps does not name', () => {
    const unnamed = { ...trail, name: '  ' };
    expect(lagNotes([orchard, unnamed])).toEqual(['App 2: data up to Dec 4 (other apps reach Dec 5), so the range ends there.']);
    expect(comparisonGap({ from: '2025-11-08', to: '2025-12-04' }, { from: '2025-10-11', to: '2025-11-07' }, [orchard, { ...trail, name: null }]))
      .toBe('No change shown: previous window (from Oct 11): data starts Nov 3 for app 2.');
  });
});

describe('like-for-like comparisons', () => {
  const current = { from: '2025-11-08', to: '2025-12-04' };
  it('compares only when both windows lie inside every app\'s data', () => {
    expect(comparisonGap(current, { from: '2025-10-11', to: '2025-11-07' }, [orchard])).toBeNull();
    expect(comparisonGap(current, { from: '2025-10-11', to: '2025-11-07' }, [orchard, trail]))
      .toBe('No change shown: previous window (from Oct 11): data starts Nov 3 for Trail Notes.');
    expect(comparisonGap({ from: '2025-11-28', to: '2025-12-04' }, { from: '2025-11-21', to: '2025-11-27' }, [orchard, trail])).toBeNull();
  });

  it('refuses a window that runs past an app\'s newest data, and says which side', () => {
    expect(comparisonGap({ from: '2025-11-30', to: '2025-12-06' }, { from: '2025-11-23', to: '2025-11-29' }, [orchard, trail]))
      .toBe('No change shown: current window (to Dec 6): data up to Dec 4 for Trail Notes.');
    expect(comparisonGap({ from: '2025-11-30', to: '2025-12-05' }, { from: '2025-11-24', to: '2025-11-29' }, [orchard]))
      .toBeNull();
    expect(comparisonGap(current, { from: '2024-11-08', to: '2024-12-04' }, [orchard])).toMatch(/^No change shown: previous window \(from Nov 8\): data starts Oct 1\.$/);
  });

  it('has nothing to say without data', () => {
    expect(comparisonGap(current, { from: '2025-10-11', to: '2025-11-07' }, [])).toBeNull();
  });
});

describe('ranges ending at the data', () => {
  it('keeps the number of periods and ends on the newest period', () => {
    expect(anchorRange('2025-11-09', '2025-12-06', 'DAILY', '2025-12-04')).toEqual({ from: '2025-11-07', to: '2025-12-04' });
    const weeks = anchorRange('2025-09-08', '2025-12-06', 'WEEKLY', '2025-11-24');
    expect(bucketsFor(weeks.from, weeks.to, 'WEEKLY', 'none').count).toBe(bucketsFor('2025-09-08', '2025-12-06', 'WEEKLY', 'none').count);
    expect(weeks.to).toBe('2025-11-30');
    expect(anchorRange('2025-01-01', '2025-12-06', 'MONTHLY', '2025-11-01')).toEqual({ from: '2024-12-01', to: '2025-11-30' });
  });

  it('cuts window totals to published periods, the comparison to the same positions', () => {
    const b = bucketsFor('2025-11-01', '2025-12-06', 'WEEKLY', 'previous');
    const cut = clipBuckets(b, '2025-11-24');
    expect([cut.first, cut.last, cut.count]).toEqual(['2025-10-27', '2025-11-24', 5]);
    expect(cut.window).toEqual({ from: '2025-10-27', to: '2025-11-30' });
    expect(cut.compareWindow).toEqual({ from: b.compareFirst, to: periodEnd(cut.compareLast as string, 'week') });
    expect(bucketsFor(cut.compareFirst as string, cut.compareLast as string, 'WEEKLY', 'none').count).toBe(cut.count);
    expect(clipBuckets(b, '2025-12-29')).toBe(b);
    const months = clipBuckets(bucketsFor('2025-09-15', '2025-12-06', 'MONTHLY', 'previous'), '2025-11-01');
    expect([months.count, months.compareFirst, months.compareLast]).toEqual([3, '2025-05-01', '2025-07-01']);
  });
});
