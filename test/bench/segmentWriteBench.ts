// What counting and hashing the inflated bytes while downloading costs: writes the same gzip body
// (realistic TSV, ~12× compression) to disk with writeHashed and with a plain hash-and-write
// pipeline, and prints the ratio. Run: node scripts/bench.mjs segmentWrite
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { gzipSync } from 'node:zlib';
import { inflatedLimit, writeHashed } from '../../main/sync/segmentFile';

const ROWS = 400_000;
const CHUNK = 64 * 1024;
const RUNS = 5;

function tsv(): Buffer {
  const lines = ['Date\tApp Name\tApp Apple Identifier\tDownload Type\tApp Version\tDevice\tPlatform Version\tSource Type\tTerritory\tCounts'];
  const devices = ['iPhone', 'iPad', 'Mac', 'Apple TV'];
  const territories = ['US', 'GB', 'DE', 'FR', 'JP', 'CN', 'BR', 'IN'];
  for (let i = 0; i < ROWS; i += 1) {
    lines.push(`2024-04-${String((i % 28) + 1).padStart(2, '0')}\tExample App\t1476097583\tFirst-time download\t1.${i % 9}\t${devices[i % 4]}\tiOS 17.${i % 5}\tApp Store search\t${territories[i % 8]}\t${(i * 7919) % 1000}`);
  }
  return Buffer.from(lines.join('\n') + '\n');
}

function body(gz: Buffer): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= gz.length) return controller.close();
      controller.enqueue(new Uint8Array(gz.subarray(offset, offset + CHUNK)));
      offset += CHUNK;
    },
  });
}

async function plainWrite(gz: Buffer, file: string): Promise<void> {
  const hash = createHash('md5');
  const meter = new Transform({ transform: (chunk: Buffer, _e, done) => (hash.update(chunk), done(null, chunk)) });
  await pipeline(Readable.fromWeb(body(gz) as import('node:stream/web').ReadableStream<Uint8Array>), meter, createWriteStream(file));
  hash.digest('hex');
}

async function time(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

async function main(): Promise<void> {
  const raw = tsv();
  const gz = gzipSync(raw);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'orchard-bench-write-'));
  try {
    const plain = await time(() => plainWrite(gz, path.join(dir, 'plain.gz')));
    const guarded = await time(() => writeHashed(body(gz), path.join(dir, 'guarded.gz'), () => undefined, undefined, { maxBytes: gz.length, maxInflatedBytes: inflatedLimit(gz.length) }));
    const mb = gz.length / 1e6;
    process.stdout.write(`segment: ${mb.toFixed(1)} MB gzip, ${(raw.length / 1e6).toFixed(1)} MB inflated (${(raw.length / gz.length).toFixed(1)}×)\n`);
    process.stdout.write(`hash + write:            ${plain.toFixed(0)} ms (${(mb / (plain / 1000)).toFixed(0)} MB/s)\n`);
    process.stdout.write(`hash + inflate + write:  ${guarded.toFixed(0)} ms (${(mb / (guarded / 1000)).toFixed(0)} MB/s)\n`);
    process.stdout.write(`ratio (guarded / plain): ${(guarded / plain).toFixed(2)}\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

void main();
