// Download verification on real files: a good file lands in place; a truncated or corrupted one
// is retried with a fresh listing and finally quarantined; an expired URL triggers a re-list.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrchardError } from '../../../shared/errors';
import type { Segment } from '../../../shared/ascTypes';
import { SegmentUrlExpiredError } from '../../../main/asc/errors';
import { downloadSegment } from '../../../main/sync/segmentDownloader';

const bytes = gzipSync(Buffer.from('Date\tCounts\n2024-04-01\t12\n'));
const md5 = createHash('md5').update(bytes).digest('hex');
const segment: Segment = { id: 'seg-1', checksum: md5.toUpperCase(), sizeInBytes: bytes.length, url: 'https://s3/seg-1?v=1' };
const stream = (b: Uint8Array) => new Response(b).body as ReadableStream<Uint8Array>;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orchard-dl-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function deps(serve: (url: string, attempt: number) => Uint8Array | Error, relisted: Segment[] = [{ ...segment, url: 'https://s3/seg-1?v=2' }]) {
  let attempt = 0;
  let relists = 0;
  return {
    get relists() {
      return relists;
    },
    deps: {
      fetchSegment: async (url: string) => {
        const out = serve(url, ++attempt);
        if (out instanceof Error) throw out;
        return { body: stream(out), contentLength: out.length };
      },
      relist: async () => {
        relists += 1;
        return relisted;
      },
      quarantineDir: path.join(dir, 'quarantine'),
    },
  };
}

describe('downloadSegment', () => {
  it('writes a verified file (checksum compared case-insensitively) and nothing else', async () => {
    const final = path.join(dir, 'a', 'seg-1.csv.gz');
    const d = deps(() => bytes);
    const out = await downloadSegment(segment, final, d.deps);
    expect(out).toEqual({ segmentId: 'seg-1', filePath: final, bytes: bytes.length, checksum: md5 });
    expect(await readFile(final)).toEqual(bytes);
    expect(await readdir(path.dirname(final))).toEqual(['seg-1.csv.gz']);
  });

  it('retries a truncated download with a fresh URL', async () => {
    const seen: string[] = [];
    const d = deps((url, attempt) => (seen.push(url), attempt === 1 ? bytes.subarray(0, 10) : bytes));
    await downloadSegment(segment, path.join(dir, 'seg.csv.gz'), d.deps);
    expect(seen).toEqual(['https://s3/seg-1?v=1', 'https://s3/seg-1?v=2']);
  });

  it('quarantines a file that never matches its checksum and refuses it', async () => {
    const corrupt = Buffer.from(bytes);
    corrupt[corrupt.length - 1] = (corrupt[corrupt.length - 1] ?? 0) ^ 0xff;
    const final = path.join(dir, 'seg.csv.gz');
    const d = deps(() => corrupt);
    const err = await downloadSegment(segment, final, d.deps).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OrchardError);
    expect((err as OrchardError).code).toBe('CHECKSUM_MISMATCH');
    expect(existsSync(final)).toBe(false);
    expect(existsSync(`${final}.part`)).toBe(false);
    const q = (await readdir(path.join(dir, 'quarantine'))).filter((f) => f.endsWith('.csv.gz'));
    expect(q).toHaveLength(1);
    expect(await readFile(path.join(dir, 'quarantine', q[0]!))).toEqual(corrupt);
  });

  it('re-lists on an expired URL and uses the new one', async () => {
    const d = deps((url) => (url.endsWith('v=1') ? new SegmentUrlExpiredError('AccessDenied') : bytes));
    await downloadSegment(segment, path.join(dir, 'seg.csv.gz'), d.deps);
    expect(d.relists).toBe(1);
  });

  it('gives up after a bounded number of refused URLs', async () => {
    const d = deps(() => new SegmentUrlExpiredError('AccessDenied'));
    await expect(downloadSegment(segment, path.join(dir, 'seg.csv.gz'), { ...d.deps, maxRelists: 2 })).rejects.toMatchObject({ details: { reason: 'url-expired' } });
    expect(d.relists).toBe(2);
  });

  it('leaves no partial file when cancelled', async () => {
    const controller = new AbortController();
    const final = path.join(dir, 'seg.csv.gz');
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        c.enqueue(bytes.subarray(0, 5));
        controller.abort();
      },
    });
    const err = await downloadSegment(segment, final, {
      fetchSegment: async () => ({ body, contentLength: undefined }),
      relist: async () => [],
      quarantineDir: path.join(dir, 'q'),
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect(err, String((err as Error).stack)).toBeInstanceOf(OrchardError);
    expect((err as OrchardError).code).toBe('CANCELLED');
    expect(await readdir(dir)).toEqual([]);
  });
});
