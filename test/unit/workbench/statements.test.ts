import { describe, expect, it } from 'vitest';
import { offsetOf, splitStatements, sqlToRun, statementAt } from '../../../renderer/features/workbench/statements';

const texts = (sql: string) => splitStatements(sql).map((s) => s.text);

describe('splitStatements', () => {
  it('splits on semicolons outside strings, identifiers, comments and dollar quotes', () => {
    expect(texts(`SELECT 'a;b' AS "x;y"; SELECT 2 -- not; here\n; /* a; /* nested; */ still; */ SELECT $$c;d$$, $t$e;f$t$`)).toEqual([
      `SELECT 'a;b' AS "x;y"`,
      'SELECT 2 -- not; here',
      '/* a; /* nested; */ still; */ SELECT $$c;d$$, $t$e;f$t$',
    ]);
  });

  it('keeps doubled quotes inside strings and leaves out empty statements', () => {
    expect(texts(`SELECT 'it''s; fine';;  ; -- only a comment\n;\nSELECT "a""b;"`)).toEqual([`SELECT 'it''s; fine'`, 'SELECT "a""b;"']);
    expect(texts('  \n -- nothing\n /* at all */ ')).toEqual([]);
  });

  it('reports exact offsets of each statement', () => {
    const sql = '  SELECT 1;\n\nSELECT 2  ';
    expect(splitStatements(sql)).toEqual([
      { from: 2, to: 10, text: 'SELECT 1' },
      { from: 13, to: 21, text: 'SELECT 2' },
    ]);
  });

  it('treats an unterminated string or comment as running to the end', () => {
    expect(texts(`SELECT 'open; SELECT 2`)).toEqual([`SELECT 'open; SELECT 2`]);
    // All of it is comment, so there is nothing more to run.
    expect(texts('SELECT 1; /* open; SELECT 2')).toEqual(['SELECT 1']);
  });
});

describe('statementAt and sqlToRun', () => {
  const sql = 'SELECT 1;\nSELECT 2;\n\n\nSELECT 3';
  const at = (cursor: number) => statementAt(sql, cursor)?.text;

  it('picks the statement under the cursor, including its semicolon', () => {
    expect(at(0)).toBe('SELECT 1');
    expect(at(8)).toBe('SELECT 1');
    expect(at(9)).toBe('SELECT 1');
    expect(at(12)).toBe('SELECT 2');
    expect(at(sql.length)).toBe('SELECT 3');
  });

  it('between statements, picks the one before the cursor, else the first after it', () => {
    expect(at(sql.indexOf('\n\n') + 2)).toBe('SELECT 2');
    expect(statementAt('\n\n  SELECT 9', 0)?.text).toBe('SELECT 9');
    expect(statementAt('   ', 1)).toBeUndefined();
  });

  it('runs the selection when there is one, trimmed to its one statement', () => {
    expect(sqlToRun(sql, { from: 10, to: 20 })).toEqual({ from: 10, to: 18, text: 'SELECT 2' });
    expect(sqlToRun(sql, { from: 0, to: 19 })?.text).toBe('SELECT 1;\nSELECT 2;');
    expect(sqlToRun(sql, { from: 7, to: 7 })?.text).toBe('SELECT 1');
    expect(sqlToRun(sql, { from: 20, to: 22 })).toBeUndefined();
  });
});

describe('offsetOf', () => {
  it('turns DuckDB’s line and column into an offset, clamped to the line', () => {
    const sql = 'SELECT 1\nFROM t\nWHER x';
    expect(offsetOf(sql, 3, 6)).toBe(sql.indexOf('x'));
    expect(offsetOf(sql, 1)).toBe(0);
    expect(offsetOf(sql, 2, 99)).toBe(sql.indexOf('\nWHER'));
    expect(offsetOf(sql, 9, 1)).toBe(sql.length);
  });
});
