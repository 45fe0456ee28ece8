// Benchmark of issue 4, run by `npm run bench`: ratios measured in one run against the fake App
// Store Connect at ≥ 1M rows. Prints (a) ingest ÷ bare read_csv, (b) whole sync ÷ (plain parallel
// download + bare read_csv), (c) API calls and bytes of a second sync with nothing new.
import { DuckDBInstance } from '@duckdb/node-api';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createAscClient, createTokenProvider } from '../../main/asc';
import { silentLogger } from '../../main/logging/logger';
import { runSync } from '../../main/sync/syncEngine';
import { createWarehouseSyncStore } from '../../main/sync/warehouseSyncStore';
import { openWarehouse } from '../../main/warehouse';
import { startFakeAsc } from '../fake-asc';
import { makeTestApiKey } from '../support/testKeys';

const APP = '1476097583';
const REPORT = 'App Downloads Standard';
const ACTIVITY = Number(process.env.BENCH_ACTIVITY ?? 2000);

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'orchard-bench-'));
  const fake = await startFakeAsc({ now: new Date('2025-03-03T10:00:00Z'), seed: 11, inactivityDays: Infinity, varyJson: false });
  fake.addApp({ id: APP, name: 'Bench App', bundleId: 'com.example.bench', sku: 'BENCH', activity: ACTIVITY });
  const key = makeTestApiKey();
  fake.registerKey({ keyId: key.keyId, issuerId: key.issuerId, publicKeyPem: key.publicKeyPem, role: 'ADMIN' });
  fake.createRequest(APP, 'ONGOING', { createdAt: new Date('2025-02-18T10:00:00Z') });
  const gzBytes = fake.prepareSegmentFiles({ appId: APP, reportName: REPORT });
  const clock = () => fake.clock.now().getTime();
  const client = createAscClient({
    baseUrl: fake.baseUrl,
    fetch: globalThis.fetch,
    clock,
    tokenProvider: createTokenProvider({ keyId: key.keyId, issuerId: key.issuerId, privateKeyPem: key.privateKeyPem, clock }),
  });
  const options = { appId: APP, reportNames: [REPORT], concurrency: 4 };

  // Baseline for (b): list, download every segment in parallel to plain files, one bare read_csv.
  const plainDir = path.join(work, 'plain');
  await mkdir(plainDir);
  let t0 = process.hrtime.bigint();
  const requests = await client.listReportRequests(APP);
  const reports = (await Promise.all(requests.map((r) => client.listReports(r.id)))).flat().filter((r) => r.name === REPORT);
  const instances = (await Promise.all(reports.map((r) => client.listInstances(r.id)))).flat();
  const segments = (await Promise.all(instances.map((i) => client.listSegments(i.id)))).flat();
  await Promise.all(
    segments.map(async (s, n) => {
      const res = await fetch(s.url);
      await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), createWriteStream(path.join(plainDir, `${n}.csv.gz`)));
    }),
  );
  const downloadSeconds = seconds(t0);
  const files = (await readdir(plainDir)).map((f) => path.join(plainDir, f));
  const bare = await DuckDBInstance.create(path.join(work, 'bare.duckdb'));
  const bareConn = await bare.connect();
  t0 = process.hrtime.bigint();
  const list = files.map((f) => `'${f}'`).join(',');
  await bareConn.run(`CREATE TABLE t AS SELECT * FROM read_csv([${list}], delim='\t', header=true, quote='')`);
  const bareReadSeconds = seconds(t0);
  const rows = Number((await bareConn.runAndReadAll('SELECT COUNT(*) FROM t')).getRows()[0]?.[0]);
  bareConn.closeSync();
  bare.closeSync();

  // (b) the whole sync into a fresh warehouse.
  const syncDir = path.join(work, 'sync');
  const warehouse = await openWarehouse({ dataDir: syncDir, logger: silentLogger });
  const store = createWarehouseSyncStore(warehouse);
  t0 = process.hrtime.bigint();
  const first = await runSync(options, { client, store, dataDir: syncDir, now: () => fake.clock.now(), onProgress: () => undefined });
  const syncSeconds = seconds(t0);
  if (first.outcome !== 'succeeded' || first.rowsLoaded !== rows) throw new Error(`sync ${first.outcome}: ${first.rowsLoaded} rows vs ${rows}`);

  // (c) a second sync with nothing new.
  fake.resetStats();
  const second = await runSync(options, { client, store, dataDir: syncDir, now: () => fake.clock.now(), onProgress: () => undefined });
  const stats = fake.stats();
  await warehouse.close();

  // (a) ingest of the verified files alone vs bare read_csv of the same files.
  const ingestDir = path.join(work, 'ingest');
  const again = await openWarehouse({ dataDir: ingestDir, readableDirs: [syncDir], logger: silentLogger });
  const cached = new Map<string, { segmentId: string; filePath: string; checksum: string; sizeInBytes: number }[]>();
  const byInstance = await (async () => {
    const w = await openWarehouse({ dataDir: syncDir, logger: silentLogger });
    for (const i of instances) {
      const segs = await w.metadata.listSegments(i.id);
      cached.set(i.id, segs.map((s) => ({ segmentId: s.segmentId, filePath: s.filePath as string, checksum: s.checksum, sizeInBytes: s.sizeInBytes })));
    }
    await w.close();
    return instances;
  })();
  t0 = process.hrtime.bigint();
  await again.ingestInstances(
    byInstance.map((i) => ({ reportName: REPORT, accessType: 'ONGOING' as const, instanceId: i.id, granularity: i.granularity, processingDate: i.processingDate, segments: cached.get(i.id) ?? [] })),
  );
  const ingestSeconds = seconds(t0);
  await again.close();

  const fmt = (n: number) => n.toFixed(2);
  const out = [
    `Orchard sync benchmark — ${rows.toLocaleString('en-US')} rows in ${segments.length} segment(s) of ${instances.length} instance(s), ${(gzBytes / 1e6).toFixed(1)} MB gzip`,
    `  bare read_csv of the downloaded files      ${fmt(bareReadSeconds)} s`,
    `  plain parallel download (incl. listing)    ${fmt(downloadSeconds)} s`,
    `  Orchard ingest of the verified files       ${fmt(ingestSeconds)} s`,
    `  Orchard whole sync                         ${fmt(syncSeconds)} s`,
    `(a) ingest ÷ bare read_csv                           = ${fmt(ingestSeconds / bareReadSeconds)}  (goal ≤ 1.15)`,
    `(b) whole sync ÷ (plain download + bare read_csv)    = ${fmt(syncSeconds / (downloadSeconds + bareReadSeconds))}  (goal ≤ 1.3)`,
    `(c) second sync with nothing new: ${stats.apiCalls} API calls, ${stats.downloads} downloads, ${stats.bytesServed} bytes; ` +
      `instance listings ${stats.callsByPath['GET /v1/analyticsReports/{id}/instances'] ?? 0} for ${second.reports} report(s); ` +
      `segment listings ${stats.callsByPath['GET /v1/analyticsReportInstances/{id}/segments'] ?? 0}  (goal: no downloads, one listing per report)`,
  ];
  process.stdout.write(out.join('\n') + '\n');
  await fake.close();
  if (process.env.BENCH_KEEP) process.stdout.write(`kept ${work}\n`);
  else await rm(work, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
