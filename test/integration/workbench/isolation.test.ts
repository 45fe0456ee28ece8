import { afterEach, beforeEach, expect, it } from 'vitest';
import { DOWNLOADS_HEADER, downloadsRow, segmentText } from '../warehouse/support';
import { ENDLESS, createHarness, failure, newId, type WorkbenchHarness } from './harness';

let h: WorkbenchHarness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.cleanup();
});

it('a long user query does not lock the sync out: ingest and metadata writes finish while it runs', async () => {
  const runId = newId();
  const running = h.call('query:run', { runId, sql: ENDLESS });
  let settled = false;
  void running.catch(() => undefined).finally(() => {
    settled = true;
  });
  await new Promise((resolve) => setImmediate(resolve));

  await h.ws.warehouse.metadata.upsertApps([{ appId: '1476097583', name: 'Example App' }]);
  const runIdSync = await h.ws.warehouse.metadata.startSyncRun({ appId: '1476097583' });
  const { rows } = await h.ws.ingest({ instanceId: 'during-query', texts: [segmentText(DOWNLOADS_HEADER, [downloadsRow('2026-02-01', 12)])] });
  expect(rows).toBe(1);
  expect((await h.ws.warehouse.metadata.listSyncRuns({ limit: 5 })).map((r) => r.runId)).toContain(runIdSync);
  expect(settled).toBe(false);

  expect(await h.call('query:cancel', { runId })).toEqual({ cancelled: true });
  expect((await failure(running)).code).toBe('CANCELLED');
  const reply = await h.call('query:run', { runId: newId(), sql: 'SELECT sum(counts) AS n FROM main.app_downloads_standard' });
  expect(reply.firstRows).toEqual([['12']]);
});
