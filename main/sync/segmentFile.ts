// Streams one segment body to a temporary file while hashing it and inflating a copy to count the
// decompressed bytes, then checks it against Apple's size and checksum. The download is
// cut off the moment it passes the declared size or inflates beyond the limits below; only a
// verified file is renamed into place, and nothing unverified is ingested.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { OrchardError } from '../../shared/errors';

/**
 * Decompressed bytes allowed for a segment: 200× its declared gzip size but never less than
 * 64 MiB, and never more than 2 GiB. Apple's TSV compresses about 5–20× (repetitive rows perhaps
 * 50×), so 200× is far above any real file while a zip bomb (1000×) is stopped after reading a
 * fraction of it; the floor keeps small files clear of the ratio, the ceiling bounds disk and
 * DuckDB memory whatever size Apple declares.
 */
export const INFLATE_RATIO_LIMIT = 200;
export const INFLATE_FLOOR_BYTES = 64 * 1024 * 1024;
export const INFLATE_CEILING_BYTES = 2 * 1024 * 1024 * 1024;

export function inflatedLimit(sizeInBytes: number): number {
  return Math.min(INFLATE_CEILING_BYTES, Math.max(INFLATE_FLOOR_BYTES, INFLATE_RATIO_LIMIT * sizeInBytes));
}

export interface WrittenFile {
  tempPath: string;
  bytes: number;
  md5: string;
  /** Length of the decompressed bytes; undefined when the body is not valid gzip. */
  inflatedBytes?: number;
}

export type RefusalReason = 'size' | 'checksum' | 'not-gzip' | 'inflated-too-large';
export type Verdict = { ok: true } | { ok: false; reason: RefusalReason; expected: string; actual: string };

export interface ByteLimits {
  /** Apple's `sizeInBytes`: one byte more and the download stops. */
  maxBytes: number;
  maxInflatedBytes: number;
}

/** Thrown inside the stream to stop it; turned into a refusal verdict by writeHashed. */
class LimitExceeded extends Error {
  constructor(readonly verdict: Extract<Verdict, { ok: false }>) {
    super(verdict.reason);
  }
}

/** Writes the stream to `<finalPath>.part`, counting, hashing and inflating as it goes. */
export async function writeHashed(
  body: ReadableStream<Uint8Array>,
  finalPath: string,
  onBytes: (n: number) => void,
  signal: AbortSignal | undefined,
  limits: ByteLimits,
): Promise<WrittenFile | Extract<Verdict, { ok: false }>> {
  const tempPath = `${finalPath}.part`;
  const hash = createHash('md5');
  const inflater = inflatingCounter(limits.maxInflatedBytes);
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > limits.maxBytes) {
        done(new LimitExceeded({ ok: false, reason: 'size', expected: String(limits.maxBytes), actual: `more than ${limits.maxBytes}` }));
        return;
      }
      hash.update(chunk);
      onBytes(chunk.length);
      inflater.write(chunk).then(
        () => done(null, chunk),
        (error: unknown) => done(error as Error),
      );
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>), meter, createWriteStream(tempPath), { signal });
    const inflatedBytes = await inflater.end();
    return { tempPath, bytes, md5: hash.digest('hex'), ...(inflatedBytes !== undefined ? { inflatedBytes } : {}) };
  } catch (error) {
    inflater.destroy();
    await rm(tempPath, { force: true });
    if (error instanceof LimitExceeded) return error.verdict;
    throw asWriteError(error, signal);
  }
}

export function isWritten(result: WrittenFile | Verdict): result is WrittenFile {
  return 'tempPath' in result;
}

/** Size first (a truncated body), then MD5 of the gzip bytes, then — per the fact sheet's
 *  uncertainty about what Apple hashes — MD5 of the decompressed bytes; a file that is not gzip is refused. */
export async function verify(file: WrittenFile, expected: { sizeInBytes: number; checksum: string }): Promise<Verdict> {
  if (file.bytes !== expected.sizeInBytes) {
    return { ok: false, reason: 'size', expected: String(expected.sizeInBytes), actual: String(file.bytes) };
  }
  const want = expected.checksum.trim().toLowerCase();
  // The inflated hash is needed only when the gzip hash differs (rare), so it is not computed while
  // downloading; the file's inflated size already passed the limit.
  const matches = file.md5 === want || (file.inflatedBytes !== undefined && (await md5OfGunzipped(file.tempPath).catch(() => null)) === want);
  if (!matches) return { ok: false, reason: 'checksum', expected: want, actual: file.md5 };
  if (file.inflatedBytes === undefined) return { ok: false, reason: 'not-gzip', expected: 'a gzip file', actual: 'not gzip' };
  return { ok: true };
}

export async function promote(file: WrittenFile, finalPath: string): Promise<void> {
  await rename(file.tempPath, finalPath);
}

async function md5OfGunzipped(file: string): Promise<string> {
  const hash = createHash('md5');
  await pipeline(createReadStream(file), createGunzip({ chunkSize: 1024 * 1024 }), async function* (source: AsyncIterable<Buffer>) {
    for await (const chunk of source) hash.update(chunk);
  });
  return hash.digest('hex');
}

/**
 * A gunzip fed the downloaded chunks: counts what comes out, rejects a write once the
 * total passes `maxBytes`, and reports "not gzip" (undefined) instead of failing the download.
 */
function inflatingCounter(maxBytes: number) {
  // Large output chunks: the default 16 KiB costs a thread-pool round trip per 16 KiB inflated.
  const gunzip = createGunzip({ chunkSize: 1024 * 1024 });
  let bytes = 0;
  let broken = false;
  let overLimit = false;
  gunzip.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > maxBytes) {
      overLimit = true;
      gunzip.destroy();
    }
  });
  const ended = new Promise<void>((resolve) => {
    gunzip.once('end', resolve);
    gunzip.once('close', resolve);
    gunzip.once('error', () => {
      broken = true;
      resolve();
    });
  });
  const tooLarge = () =>
    new LimitExceeded({ ok: false, reason: 'inflated-too-large', expected: `at most ${maxBytes} bytes decompressed`, actual: `more than ${maxBytes}` });
  return {
    write(chunk: Buffer): Promise<void> {
      if (overLimit) return Promise.reject(tooLarge());
      if (broken || gunzip.destroyed) return Promise.resolve();
      // Backpressure only: inflating overlaps the download, yet never lags more than zlib's
      // buffer behind it, so a bomb stops the download early. zlib drops pending callbacks and
      // 'drain' when it fails, hence the race with its end.
      if (gunzip.write(chunk)) return Promise.resolve();
      const drained = new Promise<void>((resolve) => gunzip.once('drain', resolve));
      return Promise.race([drained, ended]).then(() => {
        if (overLimit) throw tooLarge();
      });
    },
    async end(): Promise<number | undefined> {
      if (!broken && !gunzip.destroyed) gunzip.end();
      await ended;
      if (overLimit) throw tooLarge();
      return broken ? undefined : bytes;
    },
    destroy(): void {
      gunzip.destroy();
    },
  };
}

function asWriteError(error: unknown, signal?: AbortSignal): unknown {
  if (signal?.aborted) return new OrchardError('CANCELLED', 'The download was cancelled.');
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new OrchardError('DISK_FULL', 'The disk is full: a report file could not be saved. Nothing partial was kept.');
  }
  if (error instanceof OrchardError) return error;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new OrchardError('INTERNAL', `Orchard cannot write to its data folder (${code}). Check its permissions or choose another folder.`);
  }
  return new OrchardError('NETWORK', 'The download broke off before the file was complete.', { cause: String((error as Error)?.message ?? error) });
}
