// Bring your own data: which files the workbench offers to import, and the table name it proposes.
import { describe, expect, it } from 'vitest';
import { importFormatOf, proposedTableName, USER_TABLE_PATTERN } from '../../../shared/imports';

describe('import file names', () => {
  it('knows CSV and Parquet by extension', () => {
    expect(['a.csv', 'B.CSV', 'c.tsv', 'd.txt', 'e.parquet', 'f.xlsx', 'g'].map(importFormatOf)).toEqual(['csv', 'csv', 'csv', 'csv', 'parquet', null, null]);
  });

  it('proposes a valid table name from any file name', () => {
    const names = ['Ad Spend 2026.csv', '2026 targets.parquet', '../../etc/passwd.csv', 'Ünïcode—spend.csv', '___.csv', `${'x'.repeat(80)}.csv`];
    expect(names.map(proposedTableName)).toEqual(['ad_spend_2026', 't_2026_targets', 'etc_passwd', 'n_code_spend', 'imported', 'x'.repeat(63)]);
    for (const name of names) expect(proposedTableName(name)).toMatch(USER_TABLE_PATTERN);
  });
});
