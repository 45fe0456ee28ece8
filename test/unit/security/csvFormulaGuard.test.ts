// The CSV formula guard as a byte scanner: the same output however the file is cut into chunks,
// quotes and doubled quotes and line breaks inside quotes understood, only text columns touched.
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { createFormulaGuard } from '../../../main/workbench/csvFormulaGuard';
import { isTextColumnType, neutraliseFormula } from '../../../shared/csvSafety';

const CSV = [
  'name,n,"=note"',
  '=1+1,-2,"@x, ""y"""',
  '"-3+cmd",+4,"line one\n=not a cell start"',
  '"""=quoted first""",0,""',
  'é=ü,5,\t\ttab',
  ',,',
  '',
].join('\n');

async function guard(input: string, textColumns: boolean[], cut: number): Promise<string> {
  const bytes = Buffer.from(input);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += cut) chunks.push(bytes.subarray(i, i + cut));
  return text(Readable.from(chunks).pipe(createFormulaGuard(textColumns)));
}

describe('CSV formula guard', () => {
  it('prefixes text cells that start like a formula, in any chunking, and nothing else', async () => {
    const expected = [
      "name,n,\"'=note\"",
      "'=1+1,-2,\"'@x, \"\"y\"\"\"",
      "\"'-3+cmd\",+4,\"line one\n=not a cell start\"",
      '"""=quoted first""",0,""',
      "é=ü,5,'\t\ttab",
      ',,',
      '',
    ].join('\n');
    for (const cut of [1, 2, 3, 7, 64, 100_000]) expect(await guard(CSV, [true, false, true], cut)).toBe(expected);
  });

  it('leaves every data cell alone when no column is text', async () => {
    const out = await guard(CSV, [false, false, false], 5);
    expect(out.split('\n').slice(1).join('\n')).toBe(CSV.split('\n').slice(1).join('\n'));
  });

  it('shares one rule and one notion of text columns', () => {
    expect(['=a', '+a', '-a', '@a', '\ta', '\ra'].map(neutraliseFormula)).toEqual(["'=a", "'+a", "'-a", "'@a", "'\ta", "'\ra"]);
    expect(['a=', ' =a', "'=a", ''].map(neutraliseFormula)).toEqual(['a=', ' =a', "'=a", '']);
    expect(['VARCHAR', 'varchar(20)', 'JSON', 'BLOB', "ENUM('a', 'b')"].every(isTextColumnType)).toBe(true);
    expect(['INTEGER', 'DECIMAL(18,2)', 'DOUBLE', 'DATE', 'TIMESTAMP WITH TIME ZONE', 'BOOLEAN', 'UUID', 'VARCHAR[]', 'STRUCT(a VARCHAR)'].some(isTextColumnType)).toBe(false);
  });
});
