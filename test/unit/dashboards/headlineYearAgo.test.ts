// A headline card's year-ago line: the change against the same dates a year ago, "no data" when
// that year had none, and no line at all when the warehouse does not reach back a year.
import { describe, expect, it } from 'vitest';
import type { HeadlineTile } from '../../../shared/insights';
import { yearAgoChange } from '../../../renderer/features/insights/yearAgoChange';

const tile: HeadlineTile = {
  id: 'impressions', label: 'Impressions', meaning: 'm', unit: 'count', value: 1200, previous: 1000, changePercent: 20,
  compareNote: null, lagNotes: [], sparkline: [], dataUpTo: '2026-03-09', window: { from: '2026-03-03', to: '2026-03-09' }, previousWindow: { from: '2026-02-24', to: '2026-03-02' }, sql: 'SELECT 1',
};
const window = { from: '2025-03-03', to: '2025-03-09' };

describe('yearAgoChange', () => {
  it('reads the change against a year ago', () => {
    expect(yearAgoChange({ ...tile, yearAgo: { window, value: 1500, changePercent: -20 } })).toEqual({ text: '-20.0% vs a year ago', tone: 'down' });
    expect(yearAgoChange({ ...tile, yearAgo: { window, value: 1000, changePercent: 20 } })).toEqual({ text: '+20.0% vs a year ago', tone: 'up' });
    expect(yearAgoChange({ ...tile, yearAgo: { window, value: 0, changePercent: null } })?.tone).toBe('muted');
  });

  it('has no line without year-ago data', () => {
    expect(yearAgoChange(tile)).toBeNull();
  });
});
