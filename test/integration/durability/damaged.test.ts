// A byte-flipped warehouse is called damaged (not "in use by another process"), kept aside as
// orchard.duckdb.damaged-<time>, and rebuilt from the cache — in the app's services and by the CLI.
// A file that is not DuckDB at all is told apart; a read-only warehouse still answers queries.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../main/credentials';
import { silentLogger } from '../../../main/logging/logger';
import { createNodePlatform } from '../../../main/platform/nodePlatform';
import { createServices } from '../../../main/services';
import { DATABASE_FILE, openWarehouse } from '../../../main/warehouse';
import { openFailed } from '../../../main/warehouse/errors';
import { OrchardError } from '../../../shared/errors';
import type { RebuildSummary, WarehouseHealth } from '../../../shared/rebuild';
import { ensureCliBuilt, runCli } from '../../support/builtCli';
import { withProvenance } from '../../support/rowProvenance';
import type { SyncHarness } from '../sync/syncHarness';
import { DOWNLOADS, harnessPast35Days } from './durabilityHarness';

let h: SyncHarness;
let totals: string;
const TOTALS_SQL = `SELECT CAST(date AS VARCHAR) AS d, SUM(${DOWNLOADS.metric}) AS t FROM ${withProvenance(`main.${DOWNLOADS.table}`)} WHERE _granularity = 'DAILY' GROUP BY 1 ORDER BY 1`;

/** Flips 64 bytes in every 256 KB past DuckDB's three header blocks: the catalog is always hit. */
async function flipBytes(file: string): Promise<void> {
  const bytes = await readFile(file);
  for (let block = 3 * 4096; block < bytes.length; block += 256 * 1024) {
    for (let i = block + 64; i < Math.min(block + 128, bytes.length); i += 1) bytes[i] = bytes[i]! ^ 0xff;
  }
  await writeFile(file, bytes);
}

async function cliTotals(dataDir: string): Promise<string> {
  const q = await runCli(['query', '--data-dir', dataDir, '--format', 'jsonl', TOTALS_SQL]);
  expect(q.code, q.stderr).toBe(0);
  return q.stdout;
}

beforeAll(async () => {
  ensureCliBuilt();
  h = await harnessPast35Days();
  await h.warehouse.close();
  totals = await cliTotals(h.dataDir);
  expect(totals.split('\n').length).toBeGreaterThan(30);
}, 600_000);
afterAll(async () => h?.close());

describe('a damaged warehouse', () => {
  it('classifies open failures: locked, damaged, not DuckDB, read-only, disk full', () => {
    const code = (message: string) => {
      const e = openFailed(new Error(message), '/d/orchard.duckdb');
      return [e.code, e.details?.reason];
    };
    expect(code('IO Error: Corrupt database file: computed checksum 1 does not match stored checksum 2 in block at location 274432')).toEqual(['WAREHOUSE_DAMAGED', 'corrupt']);
    expect(code('IO Error: Could not set lock on file "/d/orchard.duckdb": Conflicting lock is held in node (PID 1)')).toEqual(['CONFLICT', 'locked']);
    expect(code('IO Error: The file "/d/orchard.duckdb" exists, but it is not a valid DuckDB database file!')).toEqual(['WAREHOUSE_DAMAGED', 'not-duckdb']);
    expect(code('IO Error: Cannot open file "/d/orchard.duckdb": Permission denied')).toEqual(['READ_ONLY', 'read-only']);
    expect(code('IO Error: Could not write file: No space left on device')[0]).toBe('DISK_FULL');
  });

  it('is reported as damaged by the CLI, and `orchard rebuild` keeps it aside and restores every date', async () => {
    await flipBytes(path.join(h.dataDir, DATABASE_FILE));
    const q = await runCli(['query', '--data-dir', h.dataDir, 'SELECT 1']);
    expect(q.code).toBe(4);
    expect(q.stderr).toMatch(/damaged.*orchard rebuild/);
    expect(q.stderr).not.toMatch(/in use/);
    const rebuilt = await runCli(['rebuild', '--data-dir', h.dataDir]);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(rebuilt.stderr).toMatch(/kept aside as orchard\.duckdb\.damaged-/);
    expect(rebuilt.stderr).toMatch(/Rebuild succeeded: [\d,]+ instances?, [\d,]+ rows? reloaded/);
    expect((await readdir(h.dataDir)).filter((n) => n.startsWith(`${DATABASE_FILE}.damaged-`))).toHaveLength(1);
    expect(await cliTotals(h.dataDir)).toBe(totals);
  }, 300_000);

  it('starts the app\'s services on an empty warehouse, says it is damaged and rebuilds on request', async () => {
    await flipBytes(path.join(h.dataDir, DATABASE_FILE));
    const services = await createServices(createNodePlatform({ dataDir: h.dataDir, logger: silentLogger, secretStore: createMemorySecretStore() }));
    try {
      const call = async <T>(name: string, input: object = {}): Promise<T> => {
        const envelope = await services.dispatch(name, input, { transport: 'test' });
        if (!envelope.ok) throw OrchardError.fromPayload(envelope.error);
        return envelope.value as T;
      };
      const health = await call<WarehouseHealth>('warehouse:health');
      expect(health).toMatchObject({ state: 'damaged', keptAs: expect.stringMatching(/^orchard\.duckdb\.damaged-/) });
      expect(health.cachedInstances).toBeGreaterThan(20);
      expect((await readdir(h.dataDir)).filter((n) => n.startsWith(`${DATABASE_FILE}.damaged-`))).toHaveLength(2);
      const progress: string[] = [];
      services.events.subscribe((name) => progress.push(name));
      const { ticket } = await call<{ ticket: string }>('confirm:prepare', { action: 'warehouse:rebuild' });
      const summary = await call<RebuildSummary>('warehouse:rebuild', { confirmation: ticket });
      expect(summary.outcome).toBe('succeeded');
      expect(summary.instancesLoaded).toBe(health.cachedInstances);
      expect(progress).toContain('warehouse:rebuildProgress');
      expect((await call<WarehouseHealth>('warehouse:health')).state).toBe('ok');
    } finally {
      await services.close();
    }
    expect(await cliTotals(h.dataDir)).toBe(totals);
  }, 300_000);

  it('tells a file that is not DuckDB apart, and opens a read-only warehouse for queries only', async () => {
    const dir = path.join(h.dataDir, 'not-duckdb');
    await openWarehouse({ dataDir: dir }).then((w) => w.close());
    await writeFile(path.join(dir, DATABASE_FILE), 'these are my notes, not a database\n'.repeat(200));
    const error = await openWarehouse({ dataDir: dir }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'WAREHOUSE_DAMAGED', details: { reason: 'not-duckdb' } });
    const ro = await openWarehouse({ dataDir: h.dataDir, readOnly: true });
    try {
      expect(ro.readOnly).toBe(true);
      const rows = await ro.metadata.read(`SELECT COUNT(*) AS n FROM orchard.instances`);
      expect(Number(rows[0]?.n)).toBeGreaterThan(20);
      await expect(ro.metadata.startSyncRun({ appId: '1' })).rejects.toThrow(/read-only/i);
    } finally {
      await ro.close();
    }
  }, 120_000);
});
