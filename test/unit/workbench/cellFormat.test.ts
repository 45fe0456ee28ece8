// How result cells read, checked against what DuckDB's getRowsJson really gives for each type (the
// same call main uses for pages), and how columns size to their content.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { CellValue } from '../../../shared/workbench';
import { alignment, displayText, formatInterval, toTsv } from '../../../renderer/features/workbench/cellFormat';
import { contentWidths, MAX_COLUMN, MIN_COLUMN } from '../../../renderer/features/workbench/columnWidths';

let instance: DuckDBInstance;
let connection: DuckDBConnection;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
});
afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

/** Each expression's JSON cell and type as main sends them, then how the grid shows it. */
async function shown(expressions: string[]): Promise<{ type: string; json: unknown; text: string }[]> {
  const reader = await connection.runAndReadAll(`SELECT ${expressions.join(', ')}`);
  const row = reader.getRowsJson()[0] ?? [];
  const types = reader.columnTypes().map(String);
  return types.map((type, i) => ({ type, json: row[i], text: displayText(row[i] as CellValue, type) }));
}

describe('displayText over real getRowsJson values', () => {
  it('reads intervals as DuckDB writes them, not as JSON objects', async () => {
    const cells = await shown([
      "INTERVAL '1 day 2 hours'",
      'INTERVAL 14 MONTH',
      "INTERVAL '1 year 2 months 3 days 4 hours 5 minutes 6.5 seconds'",
      "INTERVAL '-1 day -3 seconds'",
      "INTERVAL '0 seconds'",
      "TIMESTAMP '2026-03-02 10:00:00' - TIMESTAMP '2026-03-01 09:30:00.25'",
    ]);
    expect(cells[0]?.json).toEqual({ months: 0, days: 1, micros: '7200000000' });
    expect(cells.map((c) => c.text)).toEqual(['1 day 02:00:00', '1 year 2 months', '1 year 2 months 3 days 04:05:06.5', '-1 day -00:00:03', '00:00:00', '1 day 00:29:59.75']);
    expect(alignment({ name: 'i', type: 'INTERVAL' })).toBe('right');
  });

  it('keeps BIGINT, HUGEINT and DECIMAL exact and reads dates and timestamps as text', async () => {
    const cells = await shown([
      '9007199254740993::BIGINT',
      '170141183460469231731687303715884105727::HUGEINT',
      '1234.5::DECIMAL(18,2)',
      '-0.05::DECIMAL(38,10)',
      "DATE '2026-03-04'",
      "'infinity'::DATE",
      "TIMESTAMP '2026-01-02 03:04:05.123'",
      "TIMESTAMPTZ '2026-01-02 03:04:05+00'",
      "TIME '10:11:12'",
    ]);
    expect(cells.map((c) => [c.type, c.text])).toEqual([
      ['BIGINT', '9007199254740993'],
      ['HUGEINT', '170141183460469231731687303715884105727'],
      ['DECIMAL(18,2)', '1234.50'],
      ['DECIMAL(38,10)', '-0.0500000000'],
      ['DATE', '2026-03-04'],
      ['DATE', 'infinity'],
      ['TIMESTAMP', '2026-01-02 03:04:05.123'],
      ['TIMESTAMP WITH TIME ZONE', '2026-01-02 03:04:05+00'],
      ['TIME', '10:11:12'],
    ]);
    for (const type of ['BIGINT', 'HUGEINT', 'DECIMAL(18,2)']) expect(alignment({ name: 'n', type })).toBe('right');
  });

  it('drops binary noise from doubles on screen but copies the exact value', async () => {
    const cells = await shown(['0.1::DOUBLE + 0.2::DOUBLE', '1e300::DOUBLE', '2.0::DOUBLE', "'NaN'::DOUBLE", '1.1::FLOAT']);
    expect(cells.map((c) => c.text)).toEqual(['0.3', '1e+300', '2', 'NaN', '1.1']);
    expect(toTsv([[cells[0]?.json as CellValue]])).toBe('0.30000000000000004');
  });

  it('shows maps as {key=value} and other nested values as JSON', async () => {
    const cells = await shown(["MAP {'a': 1, 'b': 2}", '[1, 2]', "{'x': 'y'}"]);
    expect(cells.map((c) => c.text)).toEqual(['{a=1, b=2}', '[1,2]', '{"x":"y"}']);
  });

  it('formats intervals given as numbers too', () => {
    expect(formatInterval({ months: -25, days: 0, micros: 0 })).toBe('-2 years -1 month');
  });
});

describe('contentWidths', () => {
  const measure = { cell: (t: string) => t.length * 7, header: (t: string) => t.length * 7, type: (t: string) => t.length * 6 };

  it('sizes each column to its widest sampled cell or its header, within bounds', () => {
    const columns = [
      { name: 'id', type: 'BIGINT' },
      { name: 'territory', type: 'VARCHAR' },
      { name: 'note', type: 'VARCHAR' },
      { name: 'long', type: 'VARCHAR' },
    ];
    const rows: CellValue[][] = [
      ['1', 'US', null, 'x'.repeat(500)],
      ['2', 'a much longer territory', 'ok', 'y'],
    ];
    const widths = contentWidths(columns, rows, measure);
    expect(widths[0]).toBe(Math.max(MIN_COLUMN, 2 * 7 + 16 + 18, 6 * 6 + 18));
    expect(widths[1]).toBe(23 * 7 + 18);
    expect(widths[2]).toBe(4 * 7 + 16 + 18);
    expect(widths[3]).toBe(MAX_COLUMN);
  });

  it('measures intervals as they are shown', () => {
    const [width] = contentWidths([{ name: 'i', type: 'INTERVAL' }], [[{ months: 0, days: 1, micros: '7200000000' }]], measure);
    expect(width).toBe('1 day 02:00:00'.length * 7 + 18);
  });
});
