// A saved query's tab counts as edited only when its text differs from the saved file's.
import { describe, expect, it } from 'vitest';
import { isUnsaved } from '../../../renderer/features/workbench/useUnsavedTabs';

const saved = new Map([['Versions', 'SELECT 1;\n']]);

describe('isUnsaved', () => {
  it('compares a saved tab with its file, ignoring the trailing newline the file gets', () => {
    expect(isUnsaved({ id: 'a', title: 'Versions', sql: 'SELECT 1;', savedName: 'Versions' }, saved)).toBe(false);
    expect(isUnsaved({ id: 'a', title: 'Versions', sql: 'SELECT 2;', savedName: 'Versions' }, saved)).toBe(true);
  });

  it('never marks a tab that is not saved, or whose file is unknown', () => {
    expect(isUnsaved({ id: 'b', title: 'Query 1', sql: 'SELECT 2;' }, saved)).toBe(false);
    expect(isUnsaved({ id: 'c', title: 'Gone', sql: 'SELECT 2;', savedName: 'Gone' }, saved)).toBe(false);
  });
});
