// Query output formats: one JSON array (numbers exact or strings), JSON lines, CSV, and a table
// whose column widths stay those of the first page.
import { describe, expect, it } from 'vitest';
import { createRowWriter, jsonCell } from '../../../main/cli/cliRows';

const cols = [
  { name: 'n', type: 'BIGINT' },
  { name: 'usd', type: 'DECIMAL(18,2)' },
  { name: 's', type: 'VARCHAR' },
];

describe('query output', () => {
  it('gives numbers as numbers only where they are exact', () => {
    expect(jsonCell('42', 'BIGINT')).toBe(42);
    expect(jsonCell('9007199254740991', 'BIGINT')).toBe(9007199254740991);
    expect(jsonCell('9007199254740993', 'BIGINT')).toBe('9007199254740993');
    expect(jsonCell('-12.50', 'DECIMAL(18,2)')).toBe(-12.5);
    expect(jsonCell('123456789012345678.12', 'DECIMAL(38,2)')).toBe('123456789012345678.12');
    expect(jsonCell('007', 'VARCHAR')).toBe('007');
    expect(jsonCell(null, 'BIGINT')).toBeNull();
  });

  it('prints one JSON array across pages, or one object per line', () => {
    const json = createRowWriter(cols, 'json');
    const text = json.page([['1', '2.00', 'a']]) + json.page([['2', '0.10', 'b']]) + json.end();
    expect(JSON.parse(text)).toEqual([{ n: 1, usd: 2, s: 'a' }, { n: 2, usd: 0.1, s: 'b' }]);
    const empty = createRowWriter(cols, 'json');
    expect(JSON.parse(empty.page([]) + empty.end())).toEqual([]);
    const lines = createRowWriter(cols, 'jsonl');
    expect(lines.page([['1', '2.00', 'a'], ['2', '3.00', 'b']]).trim().split('\n').map((l) => JSON.parse(l))).toEqual([{ n: 1, usd: 2, s: 'a' }, { n: 2, usd: 3, s: 'b' }]);
  });

  it('keeps the table columns of the first page on later pages', () => {
    const table = createRowWriter(cols, 'table');
    const first = table.page([['1000', '2.00', 'abcd'], ['1', '2000.00', 'x']]);
    const later = table.page([['7', '1.00', 'y'], ['123456', '2.00', 'z']]);
    const [header, rule, ...rows] = first.trimEnd().split('\n');
    expect(header).toBe('n     usd      s');
    expect(rule).toBe('----  -------  ----');
    expect(rows).toEqual(['1000  2.00     abcd', '1     2000.00  x']);
    // The same columns on the next page; a wider value is printed whole, not cut.
    expect(later).toBe('7     1.00     y\n123456  2.00     z\n');
    const csv = createRowWriter(cols, 'csv');
    expect(csv.page([['1', '2.00', 'x,y']]) + csv.page([['2', '1.00', null]])).toBe('n,usd,s\n1,2.00,"x,y"\n2,1.00,\n');
  });
});
