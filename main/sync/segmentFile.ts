// Streams one segment body to a temporary file while hashing it, then checks it against Apple's
// size and checksum. Only a verified file is renamed into place; nothing unverified is ingested.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { OrchardError } from '../../shared/errors';

export interface WrittenFile {
  tempPath: string;
  bytes: number;
  md5: string;
}

export type Verdict = { ok: true } | { ok: false; reason: 'size' | 'checksum'; expected: string; actual: string };

/** Writes the stream to `<finalPath>.part`, counting and hashing as it goes. */
export async function writeHashed(
  body: ReadableStream<Uint8Array>,
  finalPath: string,
  onBytes: (n: number) => void,
  signal?: AbortSignal,
): Promise<WrittenFile> {
  const tempPath = `${finalPath}.part`;
  const hash = createHash('md5');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      onBytes(chunk.length);
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>), meter, createWriteStream(tempPath), { signal });
  } catch (error) {
    await rm(tempPath, { force: true });
    throw asWriteError(error, signal);
  }
  return { tempPath, bytes, md5: hash.digest('hex') };
}

/** Size first (a truncated body), then MD5 of the gzip bytes, then — per the fact sheet's
 *  uncertainty about what Apple hashes — MD5 of the decompressed bytes. */
export async function verify(file: WrittenFile, expected: { sizeInBytes: number; checksum: string }): Promise<Verdict> {
  if (file.bytes !== expected.sizeInBytes) {
    return { ok: false, reason: 'size', expected: String(expected.sizeInBytes), actual: String(file.bytes) };
  }
  const want = expected.checksum.trim().toLowerCase();
  if (file.md5 === want) return { ok: true };
  const inflated = await md5OfGunzipped(file.tempPath).catch(() => null);
  if (inflated === want) return { ok: true };
  return { ok: false, reason: 'checksum', expected: want, actual: file.md5 };
}

export async function promote(file: WrittenFile, finalPath: string): Promise<void> {
  await rename(file.tempPath, finalPath);
}

async function md5OfGunzipped(path: string): Promise<string> {
  const hash = createHash('md5');
  await pipeline(createReadStream(path), createGunzip(), async function* (source: AsyncIterable<Buffer>) {
    for await (const chunk of source) hash.update(chunk);
  });
  return hash.digest('hex');
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
