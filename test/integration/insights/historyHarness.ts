// A synced warehouse with a year of history: a snapshot reaching back 400 days (the fake's
// backfill), then the days since from the ongoing request — for "the same dates a year ago".
import { expect } from 'vitest';
import type { SyncOptions } from '../../../main/sync/syncEngine';
import { startSyncHarness, type SyncHarness } from '../sync/syncHarness';

export async function startHistoryHarness(seed: number, sync: Partial<SyncOptions>): Promise<SyncHarness> {
  const hist = await startSyncHarness({ seed, snapshotBackfillDays: 400 });
  await hist.sync({ ...sync, requestSnapshot: true });
  hist.fake.clock.advanceDays(3);
  expect((await hist.sync(sync)).outcome).toBe('succeeded');
  return hist;
}
