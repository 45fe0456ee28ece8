// The bounded quarantine over repeated syncs of a file Apple serves with a wrong checksum (issue 13
// item 4): one kept copy per segment and checksum, one try per sync after the first, and no more
// downloads after 3 syncs failing the same way, until the quarantine is cleared.
import path from 'node:path';
import { mkdir, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { openQuarantine } from '../../../main/sync/quarantine';
import { filesOutside, filesUnder } from '../../security/diskScan';
import { startSecurityHarness, type SecurityHarness } from '../../security/networkHarness';
import { failure } from '../../support/failure';
import { APP_ID, startBrowseHarness, type BrowseHarness } from '../browse/browseHarness';

let h: SecurityHarness | undefined;
let b: BrowseHarness | undefined;
afterEach(async () => {
  await h?.close();
  await b?.close();
  h = undefined;
  b = undefined;
});

const keptCopies = async (dataDir: string) => [...(await filesUnder(path.join(dataDir, 'quarantine')).catch(() => new Map<string, number>())).keys()].filter((f) => f.endsWith('.csv.gz'));

describe('a persistently bad file over 5 syncs', () => {
  it('keeps one copy, tries once per later sync, stops after 3 syncs, and resumes once cleared', async () => {
    h = await startSecurityHarness();
    const target = h.targetSegmentId();
    let bad = true;
    // Every download of the target goes through the hostile server's redirect, which counts them.
    h.fake.faults.segmentRewrite = (s) =>
      s.id === target ? { url: h!.hostileUrl(`/redirect?to=${encodeURIComponent(s.url)}`), ...(bad ? { checksum: 'f'.repeat(32) } : {}) } : undefined;
    const downloadsOfTarget = () => h!.hostile.hits.length;

    const perSync: { downloads: number; message: string; stopped: unknown; copies: number }[] = [];
    for (let sync = 1; sync <= 5; sync += 1) {
      const before = downloadsOfTarget();
      const summary = await h.sync();
      expect(summary.outcome).toBe('partial');
      expect(summary.issues).toHaveLength(1);
      const error = summary.issues[0]!.error;
      expect(error.code).toBe('CHECKSUM_MISMATCH');
      perSync.push({ downloads: downloadsOfTarget() - before, message: error.message, stopped: error.details?.stopped, copies: (await keptCopies(h.dataDir)).length });
    }

    expect(perSync.map((s) => s.downloads)).toEqual([3, 1, 1, 0, 0]);
    expect(perSync.map((s) => s.copies)).toEqual([1, 1, 1, 1, 1]);
    expect(perSync.map((s) => s.stopped)).toEqual([undefined, undefined, undefined, true, true]);
    expect(perSync[0]!.message).not.toMatch(/in a row/);
    expect(perSync[2]!.message).toMatch(/3 syncs in a row.*Apple's file, not the network, is the likely cause/);
    expect(perSync[4]!.message).toMatch(/Apple's file, not the network, is the likely cause.*clear the quarantine on the Sync page/);

    const listing = await openQuarantine(path.join(h.dataDir, 'quarantine')).list();
    expect(listing.files).toHaveLength(1);
    expect(listing.failures).toEqual([expect.objectContaining({ segmentId: target, syncsInARow: 3, stopped: true })]);

    // The user clears the quarantine; Apple has meanwhile fixed the file.
    await openQuarantine(path.join(h.dataDir, 'quarantine')).clear();
    bad = false;
    const healed = await h.sync();
    expect(healed.outcome).toBe('succeeded');
    expect(await keptCopies(h.dataDir)).toEqual([]);
    expect(await filesOutside(h.parent, h.dataDir)).toEqual([]);
  });

  it('starts a new streak when Apple re-generates the file with another checksum', async () => {
    h = await startSecurityHarness();
    const target = h.targetSegmentId();
    let checksum = 'a'.repeat(32);
    h.fake.faults.segmentRewrite = (s) => (s.id === target ? { checksum } : undefined);
    for (let i = 0; i < 3; i += 1) await h.sync();
    checksum = 'b'.repeat(32);
    const fresh = await h.sync();
    expect(fresh.issues[0]?.error.details).toMatchObject({ syncsInARow: 1 });
    expect(fresh.issues[0]?.error.details?.stopped).toBeUndefined();
    // One copy per segment and checksum: the old checksum's copy and the new one.
    expect(await keptCopies(h.dataDir)).toHaveLength(2);
  });
});

describe('the quarantine size cap', () => {
  it('evicts the oldest copies beyond the cap', async () => {
    h = await startSecurityHarness();
    const dir = path.join(h.dataDir, 'quarantine');
    const quarantine = openQuarantine(dir, { capBytes: 2500 });
    await mkdir(dir, { recursive: true });
    for (let i = 0; i < 4; i += 1) {
      const temp = path.join(h.dataDir, `damaged-${i}.part`);
      await writeFile(temp, Buffer.alloc(1000, i));
      await quarantine.record({ segmentId: `seg-${i}`, checksum: `${i}`.repeat(32), reason: 'checksum', message: 'checksum mismatch' }, temp);
    }
    const listing = await quarantine.list();
    expect(listing.totalBytes).toBeLessThanOrEqual(2500);
    expect(listing.files.map((f) => f.segmentId).sort()).toEqual(['seg-2', 'seg-3']);
    // The failure records stay: they are what stops the retries.
    expect(listing.failures).toHaveLength(4);
  });
});

describe('quarantine:list and quarantine:clear over the IPC contract', () => {
  it('lists what a sync refused, clears only after confirmation and only inside <data>/quarantine', async () => {
    b = await startBrowseHarness();
    b.fake.createRequest(APP_ID, 'ONGOING');
    b.produceDays(4);
    const first = b.fake.instances({ reportName: 'App Downloads Standard', granularity: 'DAILY' })[0]!;
    b.fake.faults.segmentRewrite = (s) => (first.segmentIds.includes(s.id) ? { checksum: '0'.repeat(32) } : undefined);
    await b.call('reports:setSelection', { appId: APP_ID, reportNames: ['App Downloads Standard'] });
    const summary = await b.sync();
    expect(summary.quarantined).toBeGreaterThan(0);

    const listing = await b.call('quarantine:list', {});
    expect(listing.files.length).toBeGreaterThan(0);
    expect(listing.totalBytes).toBe(listing.files.reduce((sum, f) => sum + f.bytes, 0));
    expect(listing.files[0]).toMatchObject({ segmentId: expect.any(String), reason: expect.stringMatching(/checksum mismatch/) });
    expect(listing.failures[0]).toMatchObject({ syncsInARow: 1, stopped: false });

    expect((await failure(b.call('quarantine:clear', {} as never))).code).toBe('BAD_INPUT');
    expect((await failure(b.call('quarantine:clear', { confirmed: true } as never))).code).toBe('BAD_INPUT');
    const { ticket } = await b.call('confirm:prepare', { action: 'quarantine:clear' });
    expect((await failure(b.call('quarantine:clear', { confirmation: ticket, dir: '/' } as never))).code).toBe('BAD_INPUT');
    expect((await b.call('quarantine:list', {})).files.length).toBe(listing.files.length);

    await writeFile(path.join(b.dataDir, 'next-to-quarantine.txt'), 'keep me');
    const cleared = await b.call('quarantine:clear', { confirmation: (await b.call('confirm:prepare', { action: 'quarantine:clear' })).ticket });
    expect(cleared).toMatchObject({ files: [], failures: [], totalBytes: 0 });
    expect(await readdir(b.dataDir)).toContain('next-to-quarantine.txt');
  });

  it('refuses to clear a quarantine that is a link to another folder', async () => {
    b = await startBrowseHarness();
    const elsewhere = path.join(b.dataDir, '..', `${path.basename(b.dataDir)}-elsewhere`);
    await mkdir(elsewhere, { recursive: true });
    await writeFile(path.join(elsewhere, 'precious.csv.gz'), 'not Orchard’s');
    await symlink(elsewhere, path.join(b.dataDir, 'quarantine'));
    expect((await failure(b.call('quarantine:clear', { confirmation: (await b.call('confirm:prepare', { action: 'quarantine:clear' })).ticket }))).details).toMatchObject({ reason: 'quarantine-not-a-folder' });
    expect((await failure(b.call('quarantine:list', {}))).details).toMatchObject({ reason: 'quarantine-not-a-folder' });
    expect(await readdir(elsewhere)).toEqual(['precious.csv.gz']);
    await rm(elsewhere, { recursive: true, force: true });
  });
});
