import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSegmentHeader } from '../../../main/warehouse/headerSniff';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orchard-sniff-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function gz(name: string, content: string | Buffer): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, gzipSync(content));
  return file;
}

describe('readSegmentHeader', () => {
  it('reads a tab header, stripping a BOM and CRLF', async () => {
    const header = await readSegmentHeader(await gz('a.csv.gz', '\uFEFFDate\t App Name \tCounts\r\n2024-01-01\tx\t1\r\n'));
    expect(header).toEqual({ delimiter: '\t', line: 'Date\t App Name \tCounts', fields: ['Date', ' App Name ', 'Counts'], names: ['Date', 'App Name', 'Counts'] });
  });

  it('sniffs commas, and prefers tabs when both appear', async () => {
    expect((await readSegmentHeader(await gz('b.csv.gz', 'Date,Counts\n')))?.delimiter).toBe(',');
    expect((await readSegmentHeader(await gz('c.csv.gz', 'Date\tSales, in USD\n')))?.names).toEqual(['Date', 'Sales, in USD']);
  });

  it('handles a header without newline, an empty file and a header split across gzip members', async () => {
    expect((await readSegmentHeader(await gz('d.csv.gz', 'Only\tHeader')))?.names).toEqual(['Only', 'Header']);
    expect(await readSegmentHeader(await gz('e.csv.gz', ''))).toBeNull();
    const file = path.join(dir, 'f.csv.gz');
    await writeFile(file, Buffer.concat([gzipSync('Da'), gzipSync('te\tCounts\n1\t2\n')]));
    expect((await readSegmentHeader(file))?.names).toEqual(['Date', 'Counts']);
  });

  it('stops after the first line of a large file', async () => {
    const big = `A\tB\n${'1\t2\n'.repeat(2_000_000)}`;
    const header = await readSegmentHeader(await gz('g.csv.gz', big));
    expect(header?.names).toEqual(['A', 'B']);
  });

  it('fails clearly on a missing or non-gzip file', async () => {
    await expect(readSegmentHeader(path.join(dir, 'missing.csv.gz'))).rejects.toMatchObject({ code: 'BAD_INPUT' });
    const plain = path.join(dir, 'plain.csv.gz');
    await writeFile(plain, 'Date\tCounts\n');
    await expect(readSegmentHeader(plain)).rejects.toMatchObject({ code: 'BAD_INPUT', details: { file: plain } });
  });
});
