// A damaged warehouse is named as such by every CLI command, with one exit code (4) and one
// message, never DuckDB's raw IO error or the SQL-error code: a file truncated to half, and random
// bytes in a data block of a report table (found by `verify --warehouse`'s full read). `rebuild`
// keeps the damaged file aside and restores every date from the cache.
import { randomBytes } from 'node:crypto';
import { open, readdir, stat, truncate } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openWarehouse } from '../../../main/warehouse';
import { runCli } from '../../support/builtCli';
import { APP_ID, type SyncHarness } from '../sync/syncHarness';
import { DOWNLOADS, DOWNLOADS_TOTALS_SQL, cliDownloadsTotals, cliHarnessPast35Days, type CliHarness } from './durabilityHarness';

let h: SyncHarness;
let before: string;
let keyArgs: string[];
let cli: CliHarness | undefined;
const DAMAGED = /orchard: The warehouse .*orchard\.duckdb is damaged\. Run `orchard rebuild`/;
/** DuckDB's file header and its two database headers come before block 0. */
const HEADER_BYTES = 3 * 4096;
const BLOCK_BYTES = 256 * 1024;

const totals = () => cliDownloadsTotals(h.dataDir);

async function rebuildRestores(): Promise<void> {
  const asideBefore = (await readdir(h.dataDir)).filter((n) => n.startsWith(`${DATABASE_FILE}.damaged-`)).length;
  const rebuilt = await runCli(['rebuild', '--data-dir', h.dataDir]);
  expect(rebuilt.code, rebuilt.stderr).toBe(0);
  expect(rebuilt.stderr).toMatch(/kept aside as orchard\.duckdb\.damaged-/);
  expect((await readdir(h.dataDir)).filter((n) => n.startsWith(`${DATABASE_FILE}.damaged-`))).toHaveLength(asideBefore + 1);
  expect(await totals()).toBe(before);
}

beforeAll(async () => {
  cli = await cliHarnessPast35Days();
  ({ h, keyArgs } = cli);
  before = await totals();
  expect(before.split('\n').length).toBeGreaterThan(30);
}, 600_000);
afterAll(async () => {
  await cli?.close();
});

describe('a damaged warehouse is named', () => {
  it('random bytes in a data block: query and verify --warehouse exit 4 with the one message; rebuild restores every date', async () => {
    const w = await openWarehouse({ dataDir: h.dataDir });
    const blocks = await w.metadata.read(`SELECT DISTINCT block_id AS b FROM pragma_storage_info('raw.${DOWNLOADS.table}') WHERE block_id >= 0 ORDER BY 1`);
    await w.close();
    expect(blocks.length).toBeGreaterThan(0);
    const file = await open(path.join(h.dataDir, DATABASE_FILE), 'r+');
    for (const { b } of blocks) await file.write(randomBytes(64), 0, 64, HEADER_BYTES + Number(b) * BLOCK_BYTES + 1024);
    await file.close();

    const q = await runCli(['query', '--data-dir', h.dataDir, `SELECT SUM(${DOWNLOADS.metric}) FROM raw.${DOWNLOADS.table}`]);
    expect(q.code, q.stderr).toBe(4);
    expect(q.stderr).toMatch(DAMAGED);
    expect(q.stderr).not.toMatch(/IO Error/);
    const verify = await runCli(['verify', '--warehouse', '--data-dir', h.dataDir]);
    expect(verify.code, verify.stderr).toBe(4);
    expect(verify.stdout).toContain(`damaged  table raw.${DOWNLOADS.table}`);
    expect(verify.stderr).toMatch(DAMAGED);
    await rebuildRestores();
    const clean = await runCli(['verify', '--warehouse', '--data-dir', h.dataDir]);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stderr).toMatch(/Read every block of [\d,]+ tables?, [\d,]+ rows?: no damage found/);
  }, 600_000);

  it('truncated to half: every command exits 4 with the one message; rebuild restores every date', async () => {
    const file = path.join(h.dataDir, DATABASE_FILE);
    await truncate(file, Math.floor((await stat(file)).size / 2));
    const runs = {
      status: await runCli(['status', '--data-dir', h.dataDir]),
      query: await runCli(['query', '--data-dir', h.dataDir, DOWNLOADS_TOTALS_SQL]),
      verify: await runCli(['verify', '--warehouse', '--data-dir', h.dataDir]),
      sync: await runCli(['sync', '--app', APP_ID, ...keyArgs, '--data-dir', h.dataDir]),
    };
    for (const [name, run] of Object.entries(runs)) {
      expect(run.code, `${name}: ${run.stderr}`).toBe(4);
      expect(run.stderr, name).toMatch(DAMAGED);
      expect(run.stderr, name).not.toMatch(/IO Error/);
    }
    await rebuildRestores();
  }, 600_000);
});
