// The chart's axis and legend text: values under the cursor, labels that never overlap however
// many bars, short date labels with the year where it changes.
import { describe, expect, it } from 'vitest';
import { categoryLabels, formatValue, labelledIndices } from '../../../renderer/features/workbench/chartAxis';

describe('chart axis and legend text', () => {
  it('formats hovered values with separators and marks a missing one', () => {
    expect(formatValue(1234567.891)).toBe('1,234,567.89');
    expect(formatValue(0)).toBe('0');
    expect(formatValue(null)).toBe('–');
    expect(formatValue(Number.NaN)).toBe('–');
  });

  it('labels as many slots as fit the plot width, always the first', () => {
    expect(labelledIndices(31, 640, 64)).toEqual([0, 4, 8, 12, 16, 20, 24, 28]);
    expect(labelledIndices(5, 640, 64)).toEqual([0, 1, 2, 3, 4]);
    expect(labelledIndices(1000, 50, 64)).toEqual([0]);
  });

  it('shortens dates and repeats the year only where it changes', () => {
    const days = ['2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02'];
    expect(categoryLabels(days, [0, 1, 2, 3], true)).toEqual(['Dec 30\n2025', 'Dec 31', 'Jan 1\n2026', 'Jan 2']);
    expect(categoryLabels(['v1', 'v2'], [1], false)).toEqual(['v2']);
  });
});
