// Counts in sync messages read as a person writes them: plurals resolved, thousands separated,
// dates and IDs untouched.
import { describe, expect, it } from 'vitest';
import { countOf, readableCounts } from '../../../renderer/features/sync/format';

describe('readableCounts', () => {
  it('resolves "(s)" plurals by the count before them, with or without an adjective', () => {
    expect(readableCounts('Sync finished: 257 instance(s) loaded, 19391 rows, 1 file(s) downloaded.'))
      .toBe('Sync finished: 257 instances loaded, 19,391 rows, 1 file downloaded.');
    expect(readableCounts('Kept: 1 instance(s) loaded and 12 verified file(s); the next sync resumes the rest.'))
      .toBe('Kept: 1 instance loaded and 12 verified files; the next sync resumes the rest.');
    expect(readableCounts('Sync finished with 1 problem(s): 0 instance(s) loaded')).toBe('Sync finished with 1 problem: 0 instances loaded');
  });

  it('leaves dates, times and identifiers alone', () => {
    const text = 'Downloaded 84 of 257 instances — App Opt In, daily 2026-11-17 at 10:30 (instance 1234-abcd)';
    expect(readableCounts(text)).toBe(text);
  });

  it('separates thousands in a count that is followed by its noun', () => {
    expect(readableCounts('1234567 rows reloaded from the cache')).toBe('1,234,567 rows reloaded from the cache');
  });
});

describe('countOf', () => {
  it('names one thing in the singular and separates thousands', () => {
    expect(countOf(1, 'instance')).toBe('1 instance');
    expect(countOf(19391, 'row')).toBe('19,391 rows');
    expect(countOf(0, 'file')).toBe('0 files');
  });
});
