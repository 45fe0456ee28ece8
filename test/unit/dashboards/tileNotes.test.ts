// What a tile says about the dates it covers: "28 days to Dec 5, 2025", in its granularity's periods.
import { describe, expect, it } from 'vitest';
import { windowText } from '../../../renderer/features/dashboards/windowText';
import { formatDay } from '../../../renderer/features/sync/format';

describe('windowText', () => {
  it('counts days, weeks and months and names the last day', () => {
    expect(windowText({ granularity: 'DAILY', window: { from: '2025-11-08', to: '2025-12-05' } })).toBe(`28 days to ${formatDay('2025-12-05')}`);
    expect(windowText({ granularity: 'DAILY', window: { from: '2025-12-05', to: '2025-12-05' } })).toBe(`1 day to ${formatDay('2025-12-05')}`);
    expect(windowText({ granularity: 'WEEKLY', window: { from: '2025-09-08', to: '2025-11-30' } })).toBe(`12 weeks to ${formatDay('2025-11-30')}`);
    expect(windowText({ granularity: 'MONTHLY', window: { from: '2024-12-01', to: '2025-11-30' } })).toBe(`12 months to ${formatDay('2025-11-30')}`);
  });
});
