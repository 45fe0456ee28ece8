import { describe, expect, it } from 'vitest';
import { OrchardError } from '../../../shared/errors';
import { positionFromMessage, queryFailed, toOrchardError } from '../../../main/warehouse/errors';

describe('positionFromMessage', () => {
  it('reads line and column from DuckDB’s caret', () => {
    const message = 'Parser Error: syntax error at or near "FORM"\n\nLINE 2: SELECT a FORM t\n                 ^';
    expect(positionFromMessage(message, 'x\nSELECT a FORM t')).toEqual({ line: 2, column: 10 });
  });

  it('finds the column inside a cut-down excerpt of a long line', () => {
    const sql = `SELECT ${'x, '.repeat(60)}nope FROM t`;
    const start = sql.indexOf('nope');
    const excerpt = `...${sql.slice(start - 20, start + 10)}...`;
    const message = `Binder Error: no\n\nLINE 1: ${excerpt}\n${' '.repeat('LINE 1: '.length + 23)}^`;
    expect(positionFromMessage(message, sql)).toEqual({ line: 1, column: start + 1 });
  });

  it('shifts lines Orchard added before the user’s SQL and gives up without a caret', () => {
    expect(positionFromMessage('Error\n\nLINE 3: oops\n        ^', 'a\noops', 1)).toEqual({ line: 2, column: 1 });
    expect(positionFromMessage('Conversion Error: no position', 'SELECT 1')).toBeUndefined();
  });
});

describe('error mapping', () => {
  it('turns interrupts into CANCELLED, full disks into DISK_FULL and keeps OrchardErrors', () => {
    const fallback = () => new OrchardError('INTERNAL', 'x');
    expect(toOrchardError(new Error('INTERRUPT Error: Interrupted!'), fallback).code).toBe('CANCELLED');
    expect(toOrchardError(new Error('IO Error: No space left on device'), fallback).code).toBe('DISK_FULL');
    const own = new OrchardError('NOT_FOUND', 'gone');
    expect(toOrchardError(own, fallback)).toBe(own);
    const failed = queryFailed(new Error('Binder Error: bad\n\nLINE 1: SELECT bad\n               ^'), 'SELECT bad');
    expect(failed.code).toBe('QUERY_FAILED');
    expect(failed.message).toBe('Binder Error: bad');
    expect(failed.details?.position).toEqual({ line: 1, column: 8 });
  });
});
