// Attack replays (issue 9 item 5): a segment declared at 1 KB streamed hundreds of MB to disk
// before the size check, and a small valid gzip inflating to 150 MB ran ingest out of memory.
// Downloads now stop the moment they pass `sizeInBytes`, and inflated bytes are counted while
// downloading: a file beyond max(64 MiB, 200 × its size) (at most 2 GiB) is refused before ingest.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { inflatedLimit, isWritten, writeHashed } from '../../main/sync/segmentFile';
import { withProvenance } from '../support/rowProvenance';
import { filesOutside, filesUnder } from './diskScan';
import { REPORT, startSecurityHarness, type SecurityHarness } from './networkHarness';

let h: SecurityHarness | undefined;
let tmp: string | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  if (tmp) await rm(tmp, { recursive: true, force: true });
  tmp = undefined;
});

const MiB = 1024 * 1024;

/** A body that never ends, counting what was pulled from it. */
function endlessBody(chunk: Uint8Array) {
  const pulled = { bytes: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled.bytes += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { body, pulled };
}

describe('byte limits while downloading', () => {
  it('stops reading a body the moment it passes the declared size, and keeps nothing', async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'orchard-sec-bytes-'));
    const { body, pulled } = endlessBody(new Uint8Array(64 * 1024));
    const result = await writeHashed(body, path.join(tmp, 'seg.csv.gz'), () => undefined, undefined, { maxBytes: 1024, maxInflatedBytes: inflatedLimit(1024) });
    expect(isWritten(result)).toBe(false);
    expect(result).toMatchObject({ ok: false, reason: 'size' });
    expect(pulled.bytes).toBeLessThan(1 * MiB);
    expect(await readdir(tmp)).toEqual([]);
  });

  it('stops a gzip bomb while it streams, from the inflated count alone', async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'orchard-sec-bytes-'));
    // One ~1 KB gzip member of 1 MiB zeros, repeated for ever: a valid multi-member gzip bomb.
    const { body, pulled } = endlessBody(new Uint8Array(gzipSync(Buffer.alloc(MiB), { level: 9 })));
    const result = await writeHashed(body, path.join(tmp, 'seg.csv.gz'), () => undefined, undefined, { maxBytes: 1024 * MiB, maxInflatedBytes: 8 * MiB });
    expect(result).toMatchObject({ ok: false, reason: 'inflated-too-large' });
    // 8 MiB inflated is about 8 KiB of this gzip: reading stopped long before the size limit.
    expect(pulled.bytes).toBeLessThan(1 * MiB);
    expect(await readdir(tmp)).toEqual([]);
  });

  it('the inflation limit: 200× the declared size, at least 64 MiB, at most 2 GiB', () => {
    expect(inflatedLimit(1024)).toBe(64 * MiB);
    expect(inflatedLimit(544 * 1024)).toBe(200 * 544 * 1024);
    expect(150 * MiB).toBeGreaterThan(inflatedLimit(544 * 1024));
    expect(inflatedLimit(100 * MiB)).toBe(2048 * MiB);
  });
});

describe('byte limits through a sync', () => {
  it('a segment declared at 1 KB that streams without end is cut off each try and nothing is kept', async () => {
    h = await startSecurityHarness();
    const target = h.targetSegmentId();
    h.fake.faults.segmentRewrite = (s) => (s.id === target ? { url: h!.hostileUrl('/endless'), sizeInBytes: 1024 } : undefined);

    const summary = await h.sync();

    expect(summary.outcome).toBe('partial');
    expect(summary.issues.map((i) => i.error.details?.reason)).toEqual(['size']);
    expect(h.hostile.hits.filter((p) => p === '/endless')).toHaveLength(3);
    expect(h.hostile.endless.clientHungUp).toBe(true);
    // Socket buffers hold a few MB per try; without the limit each try would send the whole 256 MB.
    expect(h.hostile.endless.bytesSent).toBeLessThan(48 * MiB);
    const files = await filesUnder(h.dataDir);
    expect([...files.keys()].filter((f) => f.endsWith('.part') || (f.startsWith('quarantine') && f.endsWith('.csv.gz')))).toEqual([]);
    expect(await filesOutside(h.parent, h.dataDir)).toEqual([]);
  });

  it('a valid small gzip that inflates past the limit is refused before ingest and not retried', async () => {
    h = await startSecurityHarness();
    const bomb = gzipSync(Buffer.alloc(80 * MiB, 0x30), { level: 9 });
    expect(bomb.length).toBeLessThan(200 * 1024);
    h.hostile.files.set('bomb', bomb);
    const md5 = createHash('md5').update(bomb).digest('hex');
    const target = h.targetSegmentId();
    const targetInstance = h.fake.instances({ reportName: REPORT, granularity: 'DAILY' })[0]!.id;
    h.fake.faults.segmentRewrite = (s) => (s.id === target ? { url: h!.hostileUrl('/bytes/bomb'), sizeInBytes: bomb.length, checksum: md5 } : undefined);

    const summary = await h.sync();

    expect(summary.outcome).toBe('partial');
    expect(summary.issues.map((i) => i.error.details?.reason)).toEqual(['inflated-too-large']);
    expect(h.hostile.hits.filter((p) => p === '/bytes/bomb')).toHaveLength(1);
    const loaded = await h.sql(`SELECT COUNT(*) AS n FROM ${withProvenance('raw.app_downloads_standard')} WHERE _instance_id = '${targetInstance}'`);
    expect(Number(loaded[0]?.n)).toBe(0);
    const cached = [...(await filesUnder(h.dataDir)).entries()].filter(([f]) => f.startsWith('segments') || f.startsWith('quarantine'));
    expect(cached.every(([, bytes]) => bytes < 64 * MiB)).toBe(true);
    expect(cached.some(([f]) => f.includes(target) && /\.csv\.gz(\.part)?$/.test(f))).toBe(false);
  });
});
