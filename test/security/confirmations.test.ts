// Issue 9 item 7: a destructive command is one forged flag away no more. Each attack is replayed
// over the real bridge and must be refused with nothing changed: the request still exists at
// (fake) Apple, the key is still listed and in the keychain, the history is still on disk.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConfirmRequest, DesktopDialogs } from '../../main/platform/desktopDialogs';
import { APP_ID, startSecurityHarness, type SecurityHarness } from './securityHarness';

let h: SecurityHarness;
afterEach(async () => {
  await h?.close();
});

/** A well-formed ticket main never issued. */
const FORGED = 'A'.repeat(43);

async function seed(harness: SecurityHarness) {
  const requestId = harness.fake.createRequest(APP_ID, 'ONGOING');
  const otherId = harness.fake.createRequest(APP_ID, 'ONE_TIME_SNAPSHOT');
  const run = await harness.call('query:run', { runId: crypto.randomUUID(), sql: 'SELECT 42 AS answer' });
  if (run.result === null) await harness.call('query:wait', { runId: run.runId });
  const historyFile = path.join(harness.dataDir, 'workbench', 'history.json');
  await expect.poll(async () => (await readFile(historyFile, 'utf8').catch(() => '')).includes('SELECT 42 AS answer')).toBe(true);
  return { requestId, otherId, historyOnDisk: await readFile(historyFile, 'utf8') };
}

async function expectNothingChanged(harness: SecurityHarness, requestId: string, historyOnDisk: string) {
  expect(await readFile(path.join(harness.dataDir, 'workbench', 'history.json'), 'utf8')).toBe(historyOnDisk);
  expect(harness.fake.requests(APP_ID).find((r) => r.id === requestId)?.deleted).toBe(false);
  expect((await harness.call('keys:list', {})).map((k) => k.keyId)).toEqual([harness.keyId]);
  expect(await harness.secretStore.get(harness.keyId)).not.toBeNull();
  expect((await harness.call('query:history', {})).map((e) => e.sql)).toEqual(['SELECT 42 AS answer']);
}

describe('browser mode: a destructive command needs the ticket main issued for exactly that action', () => {
  it('refuses forged flags, forged, foreign and replayed tickets; nothing changes', async () => {
    h = await startSecurityHarness();
    const { requestId, otherId, historyOnDisk } = await seed(h);
    const deleteRequest = (extra: Record<string, unknown>) => h.invoke('requests:delete', { appId: APP_ID, requestId, ...extra });
    const removeKey = (extra: Record<string, unknown>) => h.invoke('keys:remove', { keyId: h.keyId, ...extra });
    const clearHistory = (extra: Record<string, unknown>) => h.invoke('query:clearHistory', extra);
    const recreateRequest = (extra: Record<string, unknown>) => h.invoke('requests:recreate', { appId: APP_ID, requestId, ...extra });

    // The old forged flag, and no confirmation at all: refused by the schema.
    for (const reply of [await deleteRequest({ confirmed: true }), await deleteRequest({}), await removeKey({}), await clearHistory({}), await clearHistory({ confirmed: true }),
      await recreateRequest({})]) {
      expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
    // A well-formed ticket main never issued.
    for (const reply of [await deleteRequest({ confirmation: FORGED }), await removeKey({ confirmation: FORGED }), await clearHistory({ confirmation: FORGED }),
      await recreateRequest({ confirmation: FORGED })]) {
      expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    // A real ticket, but for another target or another action.
    const forOther = await h.call('confirm:prepare', { action: 'requests:delete', appId: APP_ID, requestId: otherId });
    expect(await deleteRequest({ confirmation: forOther.ticket })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const forHistory = await h.call('confirm:prepare', { action: 'query:clearHistory' });
    expect(await removeKey({ confirmation: forHistory.ticket })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // …and a ticket tried on the wrong target is spent: it cannot be retried on the right one.
    expect(await clearHistory({ confirmation: forHistory.ticket })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(h.fake.requests(APP_ID).find((r) => r.id === otherId)?.deleted).toBe(false);
    await expectNothingChanged(h, requestId, historyOnDisk);
  });

  it('does each action with its own ticket, once; a replay of the same call is refused', async () => {
    h = await startSecurityHarness();
    const { requestId } = await seed(h);
    const ticket = await h.call('confirm:prepare', { action: 'requests:delete', appId: APP_ID, requestId });
    expect(ticket).toMatchObject({ ticket: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), nativeDialog: false });
    const call = { appId: APP_ID, requestId, confirmation: ticket.ticket };
    expect(await h.invoke('requests:delete', call)).toMatchObject({ ok: true });
    expect(h.fake.requests(APP_ID).find((r) => r.id === requestId)?.deleted).toBe(true);
    expect(await h.invoke('requests:delete', call)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const history = await h.call('confirm:prepare', { action: 'query:clearHistory' });
    expect(await h.invoke('query:clearHistory', { confirmation: history.ticket })).toMatchObject({ ok: true, value: { cleared: true } });
    expect(await h.call('query:history', {})).toEqual([]);

    const key = await h.call('confirm:prepare', { action: 'keys:remove', keyId: h.keyId });
    expect(await h.invoke('keys:remove', { keyId: h.keyId, confirmation: key.ticket })).toMatchObject({ ok: true, value: [] });
    expect(await h.secretStore.get(h.keyId)).toBeNull();
  });
});

describe('desktop app: main asks the user itself in a native dialog', () => {
  function nativeDialogs(answer: boolean) {
    const asked: ConfirmRequest[] = [];
    const dialogs: DesktopDialogs = {
      saveFile: async () => null,
      confirm: async (request) => (asked.push(request), answer),
    };
    return { dialogs, asked };
  }

  it('names the app, the request and the key; a "no" there leaves everything as it was', async () => {
    const native = nativeDialogs(false);
    h = await startSecurityHarness({ dialogs: native.dialogs });
    const { requestId, historyOnDisk } = await seed(h);
    // The overview remembers Apple's app name and the request list in the warehouse.
    await h.call('browse:overview', { appId: APP_ID });

    const del = await h.call('confirm:prepare', { action: 'requests:delete', appId: APP_ID, requestId });
    expect(del.nativeDialog).toBe(true);
    expect(await h.invoke('requests:delete', { appId: APP_ID, requestId, confirmation: del.ticket })).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    const key = await h.call('confirm:prepare', { action: 'keys:remove', keyId: h.keyId });
    expect(await h.invoke('keys:remove', { keyId: h.keyId, confirmation: key.ticket })).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    const history = await h.call('confirm:prepare', { action: 'query:clearHistory' });
    expect(await h.invoke('query:clearHistory', { confirmation: history.ticket })).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });

    expect(native.asked.map((a) => a.message)).toEqual([
      `Delete the ongoing report request of Example App (${APP_ID}) at Apple?`,
      `Remove the API key “Team key” (${h.keyId}) from Orchard?`,
      'Clear the whole query history?',
    ]);
    expect(native.asked[0]?.detail).toContain(requestId);
    // Forged tickets never reach the dialog at all.
    expect(await h.invoke('keys:remove', { keyId: h.keyId, confirmation: FORGED })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(native.asked).toHaveLength(3);
    await expectNothingChanged(h, requestId, historyOnDisk);
  });

  it('does the action only after the user confirmed in the native dialog', async () => {
    const native = nativeDialogs(true);
    h = await startSecurityHarness({ dialogs: native.dialogs });
    const { requestId } = await seed(h);
    const del = await h.call('confirm:prepare', { action: 'requests:delete', appId: APP_ID, requestId });
    expect(await h.invoke('requests:delete', { appId: APP_ID, requestId, confirmation: del.ticket })).toMatchObject({ ok: true });
    expect(native.asked).toHaveLength(1);
    expect(h.fake.requests(APP_ID).find((r) => r.id === requestId)?.deleted).toBe(true);
  });
});
