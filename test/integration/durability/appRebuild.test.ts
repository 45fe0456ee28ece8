// The app's rebuild is atomic like `orchard rebuild`: over the real services, a rebuild that fails
// its row-count check or is stopped by the app quitting keeps the previous warehouse (same file,
// same numbers), health says 'interrupted' and sync refuses; a rebuild that completes swaps a new
// file in and every date equals the fake's truth, while queries run during it either answer or get
// CONFLICT.
import { randomUUID } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../main/credentials';
import { silentLogger } from '../../../main/logging/logger';
import { createNodePlatform } from '../../../main/platform/nodePlatform';
import { PREVIOUS_FILE, readRebuildMarker, REBUILDING_FILE } from '../../../main/sync/rebuildMarker';
import { listCachedInstances } from '../../../main/sync/segmentManifest';
import { createServices, type Services } from '../../../main/services';
import { DATABASE_FILE, openWarehouse, rawTableName } from '../../../main/warehouse';
import { OrchardError } from '../../../shared/errors';
import type { CommandInput, CommandName, CommandOutput } from '../../../shared/ipc/contract';
import type { RebuildProgress, RebuildSummary } from '../../../shared/rebuild';
import { APP_ID, type SyncHarness } from '../sync/syncHarness';
import { DOWNLOADS, DOWNLOADS_TOTALS_SQL, harnessPast35Days, truth } from './durabilityHarness';


let h: SyncHarness;
let services: Services;
/** Every date the fake ever produced, and the same minus one date deleted before the app started. */
let fullTruth: Map<string, number>;
let previous: Map<string, number>;

const start = () => createServices(createNodePlatform({ dataDir: h.dataDir, logger: silentLogger, secretStore: createMemorySecretStore(), env: {} }));

async function call<N extends CommandName>(command: N, input: CommandInput<N>, over: Services = services): Promise<CommandOutput<N>> {
  const envelope = await over.dispatch(command, input, { transport: 'test' });
  if (!envelope.ok) throw OrchardError.fromPayload(envelope.error);
  return envelope.value as CommandOutput<N>;
}

/** Through the workbench, as the app's query tab runs it. */
async function totals(over: Services = services): Promise<Map<string, number>> {
  const reply = await call('query:run', { runId: randomUUID(), sql: DOWNLOADS_TOTALS_SQL }, over);
  const result = reply.result ?? (await call('query:wait', { runId: reply.runId }, over));
  const page = await call('query:page', { resultId: result.resultId, offset: 0, limit: 1000 }, over);
  await call('query:release', { resultId: result.resultId }, over);
  return new Map(page.rows.map((row) => [String(row[0]), Number(row[1])]));
}

async function rebuild(over: Services = services): Promise<RebuildSummary> {
  const { ticket } = await call('confirm:prepare', { action: 'warehouse:rebuild' }, over);
  return call('warehouse:rebuild', { confirmation: ticket }, over);
}

const inode = async () => (await stat(path.join(h.dataDir, DATABASE_FILE))).ino;
const leftovers = async () => (await readdir(h.dataDir)).filter((n) => n.startsWith(REBUILDING_FILE) || n.startsWith(PREVIOUS_FILE));
const sorted = (m: Map<string, number>) => [...m.entries()].sort();

async function expectKeptPrevious(over: Services): Promise<void> {
  const health = await call('warehouse:health', {}, over);
  expect(health.state).toBe('interrupted');
  expect(health.message).toMatch(/rebuild was interrupted/);
  expect(health.cachedInstances).toBeGreaterThan(20);
  expect((await readRebuildMarker(h.dataDir))?.state).toBe('failed');
  expect(await leftovers()).toEqual([]);
  expect(sorted(await totals(over))).toEqual(sorted(previous));
  const refused = await call('sync:start', { appId: APP_ID }, over).catch((e: unknown) => e);
  expect(refused).toMatchObject({ code: 'WAREHOUSE_DAMAGED', message: expect.stringMatching(/rebuild was interrupted/) });
}

beforeAll(async () => {
  h = await harnessPast35Days();
  await h.warehouse.close();
  fullTruth = truth(h, 'everProduced');
  const dropped = [...fullTruth.keys()].sort()[Math.floor(fullTruth.size / 2)]!;
  const w = await openWarehouse({ dataDir: h.dataDir });
  await w.metadata.read(`DELETE FROM raw.${rawTableName(DOWNLOADS.report)} WHERE CAST(date AS VARCHAR) = '${dropped}'`);
  await w.close();
  previous = new Map([...fullTruth].filter(([d]) => d !== dropped));
  services = await start();
}, 600_000);
afterAll(async () => {
  await services?.close();
  await h?.close();
});

describe("the app's rebuild", () => {
  it('that fails its row-count check keeps the previous warehouse and its numbers; health says interrupted and sync refuses', async () => {
    expect(sorted(await totals())).toEqual(sorted(previous));
    const before = await inode();
    const { instances } = await listCachedInstances(h.dataDir);
    const noted = instances.find((i) => i.manifest.rows !== undefined)!;
    const original = await readFile(noted.manifestPath!, 'utf8');
    await writeFile(noted.manifestPath!, JSON.stringify({ ...noted.manifest, rows: noted.manifest.rows! + 1 }));
    try {
      const summary = await rebuild();
      expect(summary.mismatches).toHaveLength(1);
    } finally {
      await writeFile(noted.manifestPath!, original);
    }
    expect(await inode()).toBe(before);
    await expectKeptPrevious(services);
  }, 300_000);

  it('stopped midway by the app quitting keeps the previous warehouse, told on the next start', async () => {
    let closing: Promise<void> | undefined;
    const off = services.events.subscribe((event, payload) => {
      const p = payload as RebuildProgress;
      // The first 'loading' event comes as the first batch starts: the close interrupts its ingest.
      if (event === 'warehouse:rebuildProgress' && p.phase === 'loading') closing ??= services.close();
    });
    const outcome = await rebuild().then((s) => s.outcome, (e: unknown) => (e as OrchardError).code);
    off();
    await closing;
    expect(closing).toBeDefined();
    expect(['cancelled', 'CANCELLED']).toContain(outcome);
    services = await start();
    await expectKeptPrevious(services);
  }, 300_000);

  it('that completes swaps a new file in: every date equals the truth, and queries meanwhile answer or get CONFLICT', async () => {
    const before = await inode();
    let settled = false;
    const rebuilt = rebuild();
    rebuilt.then(() => (settled = true), () => (settled = true));
    const seen: ('previous' | 'rebuilt' | 'conflict')[] = [];
    while (!settled) {
      const answer = await totals().then(
        (m) => (JSON.stringify(sorted(m)) === JSON.stringify(sorted(previous)) ? 'previous' : JSON.stringify(sorted(m)) === JSON.stringify(sorted(fullTruth)) ? 'rebuilt' : JSON.stringify(sorted(m))),
        (e: unknown) => (e instanceof OrchardError && e.code === 'CONFLICT' ? 'conflict' : `${String(e)}`),
      );
      expect(['previous', 'rebuilt', 'conflict']).toContain(answer);
      seen.push(answer as (typeof seen)[number]);
      // A refusal settles in microtasks alone: let the rebuild's file I/O run between two queries.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const summary = await rebuilt;
    expect(summary.outcome).toBe('succeeded');
    expect(seen).toContain('previous');
    expect(await inode()).not.toBe(before);
    expect(await readRebuildMarker(h.dataDir)).toBeNull();
    expect(await leftovers()).toEqual([]);
    expect(await call('warehouse:health', {})).toMatchObject({ state: 'ok' });
    expect(sorted(await totals())).toEqual(sorted(fullTruth));
    // No longer refused for the rebuild (it fails further on: this app has no key).
    const sync = await call('sync:start', { appId: APP_ID }).catch((e: unknown) => e);
    expect((sync as OrchardError).code).not.toBe('WAREHOUSE_DAMAGED');
  }, 300_000);
});
