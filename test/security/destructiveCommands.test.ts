// Issue 21, broken 6 and build 3: every destructive command needs main's ticket for exactly that
// action and target. Each attack is replayed over the real bridge as a compromised renderer would
// send it (no ticket, a forged one, one for another target) and must change nothing: the stored
// private key, the quarantine, the user table, the saved query file, the warehouse.
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConfirmRequest, DesktopDialogs } from '../../main/platform/desktopDialogs';
import { makeTestApiKey } from '../support/testKeys';
import { startSecurityHarness, type SecurityHarness } from './securityHarness';

let h: SecurityHarness;
afterEach(async () => {
  await h?.close();
});

const FORGED = 'A'.repeat(43);
const TARGETS_CSV = 'territory,target\nUS,100\n';

/** Sends a file's bytes over the bridge as the renderer does; returns the open upload. */
async function upload(harness: SecurityHarness, table: string, csv: string): Promise<string> {
  const bytes = Buffer.from(csv);
  const { uploadId } = await harness.call('imports:begin', { table, format: 'csv', size: bytes.length });
  await harness.call('imports:chunk', { uploadId, offset: 0, data: bytes.toString('base64') });
  return uploadId;
}

async function ticketFor(harness: SecurityHarness, action: Record<string, unknown>): Promise<string> {
  return (await harness.call('confirm:prepare', action)).ticket;
}

async function seedTargets(harness: SecurityHarness) {
  await harness.call('imports:finish', { uploadId: await upload(harness, 'targets', TARGETS_CSV), replace: false });
  await harness.call('query:save', { name: 'Weekly', sql: 'SELECT 1' });
  const quarantined = path.join(harness.dataDir, 'quarantine', 'files');
  await mkdir(quarantined, { recursive: true });
  await writeFile(path.join(quarantined, 'kept.csv.gz'), 'refused bytes');
}

async function targetRows(harness: SecurityHarness): Promise<unknown> {
  const run = await harness.call('query:run', { runId: crypto.randomUUID(), sql: 'SELECT territory, target FROM user.targets ORDER BY 1' });
  if (run.result === null) await harness.call('query:wait', { runId: run.runId });
  return run.firstRows;
}

describe('browser mode: destructive commands without the right ticket change nothing', () => {
  it('keys:add with replace cannot overwrite the stored private key without a ticket for that key ID', { timeout: 60_000 }, async () => {
    h = await startSecurityHarness();
    const original = await h.secretStore.get(h.keyId);
    const attacker = makeTestApiKey();
    const attack = { pem: attacker.privateKeyPem, keyId: h.keyId, issuerId: attacker.issuerId, individual: false, label: 'Mine now', replace: true };
    expect(await h.invoke('keys:add', attack)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await h.invoke('keys:add', { ...attack, confirmation: FORGED })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // A ticket for removing the key, or for replacing another key, is not one for replacing this one.
    expect(await h.invoke('keys:add', { ...attack, confirmation: await ticketFor(h, { action: 'keys:remove', keyId: h.keyId }) })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await h.invoke('keys:add', { ...attack, confirmation: await ticketFor(h, { action: 'keys:replace', keyId: 'OTHERKEY01' }) })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // The key ID taken from the file name instead of the field is still the one the ticket must name.
    const { keyId: _omitted, ...byFileName } = attack;
    expect(await h.invoke('keys:add', { ...byFileName, fileName: `AuthKey_${h.keyId}.p8`, confirmation: await ticketFor(h, { action: 'keys:replace', keyId: 'OTHERKEY01' }) })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Without replace, an existing key ID is a CONFLICT, never an overwrite.
    const { replace: _r, ...plain } = attack;
    expect(await h.invoke('keys:add', plain)).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { keyId: h.keyId } } });
    expect(await h.secretStore.get(h.keyId)).toBe(original);
    expect((await h.call('keys:list', {})).map((k) => k.label)).toEqual(['Team key']);

    // With the ticket for this very key ID the user's replacement goes through.
    const replaced = await h.call('keys:add', { ...attack, confirmation: await ticketFor(h, { action: 'keys:replace', keyId: h.keyId }) });
    expect(replaced).toMatchObject({ replaced: true, key: { keyId: h.keyId, label: 'Mine now' } });
    expect(await h.secretStore.get(h.keyId)).not.toBe(original);
  });

  it('quarantine:clear, imports:drop, imports:finish {replace}, query:deleteSaved, query:save over a file, warehouse:rebuild', { timeout: 60_000 }, async () => {
    h = await startSecurityHarness();
    await seedTargets(h);
    const queryFile = path.join(h.dataDir, 'queries', 'Weekly.sql');
    const attacks: [string, Record<string, unknown>][] = [
      ['quarantine:clear', {}],
      ['imports:drop', { table: 'targets' }],
      ['query:deleteSaved', { name: 'Weekly' }],
      ['warehouse:rebuild', {}],
    ];
    for (const [command, input] of attacks) {
      // The old flag, then a forged ticket, then a real one for something else.
      expect(await h.invoke(command, { ...input, confirmed: true })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
      expect(await h.invoke(command, { ...input, confirmation: FORGED })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await h.invoke(command, { ...input, confirmation: await ticketFor(h, { action: 'query:clearHistory' }) })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await h.invoke('imports:drop', { table: 'targets', confirmation: await ticketFor(h, { action: 'imports:drop', table: 'other' }) })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // Replacing the table: without a ticket the upload is refused and closed; a ticket for another table does not do.
    const noTicket = await upload(h, 'targets', 'territory,target\nUS,0\n');
    expect(await h.invoke('imports:finish', { uploadId: noTicket, replace: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await h.invoke('imports:finish', { uploadId: noTicket, replace: false })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const wrongTable = await upload(h, 'targets', 'territory,target\nUS,0\n');
    expect(await h.invoke('imports:finish', { uploadId: wrongTable, replace: true, confirmation: await ticketFor(h, { action: 'imports:replace', table: 'other' }) })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // A CONFLICT closes the upload too: nothing stays open for a later unconfirmed retry.
    const conflicting = await upload(h, 'targets', 'territory,target\nUS,0\n');
    expect(await h.invoke('imports:finish', { uploadId: conflicting, replace: false })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await h.invoke('imports:finish', { uploadId: conflicting, replace: true, confirmation: await ticketFor(h, { action: 'imports:replace', table: 'targets' }) })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect((await readdir(path.join(h.dataDir, 'imports'))).filter((name) => name.startsWith('.upload-'))).toEqual([]);

    // Saving over an existing query file.
    expect(await h.invoke('query:save', { name: 'Weekly', sql: 'SELECT 666' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await h.invoke('query:save', { name: 'Weekly', sql: 'SELECT 666', confirmation: FORGED })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await h.invoke('query:save', { name: 'Weekly', sql: 'SELECT 666', confirmation: await ticketFor(h, { action: 'query:deleteSaved', name: 'Weekly' }) })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    expect(await readdir(path.join(h.dataDir, 'quarantine', 'files'))).toEqual(['kept.csv.gz']);
    expect(await targetRows(h)).toEqual([['US', '100']]);
    expect(await readFile(queryFile, 'utf8')).toBe('SELECT 1\n');

    // Each with its own ticket, once.
    const save = { name: 'Weekly', sql: 'SELECT 2', confirmation: await ticketFor(h, { action: 'query:overwriteSaved', name: 'Weekly' }) };
    expect(await h.invoke('query:save', save)).toMatchObject({ ok: true });
    expect(await h.invoke('query:save', save)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await readFile(queryFile, 'utf8')).toBe('SELECT 2\n');
    const replace = await upload(h, 'targets', 'territory,target\nDE,5\n');
    expect(await h.call('imports:finish', { uploadId: replace, replace: true, confirmation: await ticketFor(h, { action: 'imports:replace', table: 'targets' }) })).toMatchObject({ rows: 1 });
    expect(await targetRows(h)).toEqual([['DE', '5']]);
    expect(await h.call('imports:drop', { table: 'targets', confirmation: await ticketFor(h, { action: 'imports:drop', table: 'targets' }) })).toEqual({ dropped: true });
    expect(await h.call('query:deleteSaved', { name: 'Weekly', confirmation: await ticketFor(h, { action: 'query:deleteSaved', name: 'Weekly' }) })).toEqual({ deleted: true });
    expect(await h.call('quarantine:clear', { confirmation: await ticketFor(h, { action: 'quarantine:clear' }) })).toMatchObject({ files: [] });
  });

  it('a flood of confirm:prepare calls over the bridge cannot evict the ticket a user is about to use', { timeout: 60_000 }, async () => {
    h = await startSecurityHarness();
    const original = await h.secretStore.get(h.keyId);
    const pending = await ticketFor(h, { action: 'keys:remove', keyId: h.keyId });
    const flood: Awaited<ReturnType<SecurityHarness['invoke']>>[] = [];
    // In small batches: the bridge's own connection limits are not what this test is about.
    for (let i = 0; i < 300; i += 6) {
      flood.push(...(await Promise.all([0, 1, 2, 3, 4, 5].map((j) => h.invoke('confirm:prepare', { action: 'imports:drop', table: `t${i + j}` })))));
    }
    // The book is bounded: the flood is refused once it is full, instead of dropping older tickets.
    expect(flood.some((reply) => !reply.ok && reply.error.code === 'CONFLICT')).toBe(true);
    expect(await h.secretStore.get(h.keyId)).toBe(original);
    expect(await h.invoke('keys:remove', { keyId: h.keyId, confirmation: pending })).toMatchObject({ ok: true, value: [] });
  });
});

describe('desktop app: main words its own native confirmation for each new destructive command', () => {
  it('asks with the target named, and a "no" changes nothing', { timeout: 60_000 }, async () => {
    const asked: ConfirmRequest[] = [];
    const dialogs: DesktopDialogs = { saveFile: async () => null, confirm: async (request) => (asked.push(request), false) };
    h = await startSecurityHarness({ dialogs });
    await seedTargets(h);
    const original = await h.secretStore.get(h.keyId);
    const attacker = makeTestApiKey();
    const cancelled = { ok: false, error: { code: 'CANCELLED' } };
    expect(
      await h.invoke('keys:add', {
        pem: attacker.privateKeyPem,
        keyId: h.keyId,
        issuerId: attacker.issuerId,
        individual: false,
        replace: true,
        confirmation: await ticketFor(h, { action: 'keys:replace', keyId: h.keyId }),
      }),
    ).toMatchObject(cancelled);
    expect(await h.invoke('quarantine:clear', { confirmation: await ticketFor(h, { action: 'quarantine:clear' }) })).toMatchObject(cancelled);
    expect(await h.invoke('imports:drop', { table: 'targets', confirmation: await ticketFor(h, { action: 'imports:drop', table: 'targets' }) })).toMatchObject(cancelled);
    const replacing = await upload(h, 'targets', 'territory,target\nUS,0\n');
    expect(await h.invoke('imports:finish', { uploadId: replacing, replace: true, confirmation: await ticketFor(h, { action: 'imports:replace', table: 'targets' }) })).toMatchObject(cancelled);
    expect(await h.invoke('query:save', { name: 'Weekly', sql: 'SELECT 9', confirmation: await ticketFor(h, { action: 'query:overwriteSaved', name: 'Weekly' }) })).toMatchObject(cancelled);
    expect(await h.invoke('query:deleteSaved', { name: 'Weekly', confirmation: await ticketFor(h, { action: 'query:deleteSaved', name: 'Weekly' }) })).toMatchObject(cancelled);
    expect(await h.invoke('warehouse:rebuild', { confirmation: await ticketFor(h, { action: 'warehouse:rebuild' }) })).toMatchObject(cancelled);

    expect(asked.map((a) => a.message)).toEqual([
      `Replace the stored private key of “Team key” (${h.keyId})?`,
      'Delete the quarantined files?',
      'Drop the table user.targets?',
      'Replace the table user.targets with the new file?',
      'Overwrite the saved query “Weekly”?',
      'Delete the saved query “Weekly”?',
      'Rebuild the warehouse from the downloaded files?',
    ]);
    expect(await h.secretStore.get(h.keyId)).toBe(original);
    expect(await readdir(path.join(h.dataDir, 'quarantine', 'files'))).toEqual(['kept.csv.gz']);
    expect(await targetRows(h)).toEqual([['US', '100']]);
    expect(await readFile(path.join(h.dataDir, 'queries', 'Weekly.sql'), 'utf8')).toBe('SELECT 1\n');
  });
});
