// Benchmark of issue 12, run by `npm run bench`: a year of daily Summary Sales files for 20 apps
// (one vendor-wide file per day, written by the fake's own generator) loaded the way a sync loads
// them (one batch per 400 files, each day replacing its rows, typed casts, provenance, ledger) ÷ a bare
// DuckDB read_csv of the same files into a table. Prints the ratio; never fails on time.
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../main/logging/logger';
import { checkSalesFile } from '../../main/sales/salesFileStore';
import { openWarehouse } from '../../main/warehouse';
import type { SalesDateRecord, SalesLoadFile } from '../../main/warehouse/sales';
import { salesFile } from '../fake-asc/sales/salesFiles';
import { salesRowsOf } from '../fake-asc/sales/salesRows';

const APPS = 20;
const DAYS = 365;
// The sync's own batch size (main/sales/salesSync.ts LOAD_BATCH); override to compare.
const BATCH = Number(process.env.BENCH_SALES_BATCH ?? 400);
const DAY_MS = 86_400_000;
const FIRST_DAY = Math.floor(Date.parse('2025-01-01T00:00:00Z') / DAY_MS);
const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'orchard-sales-bench-'));
  const files = path.join(work, 'files');
  await mkdir(files);
  const apps = Array.from({ length: APPS }, (_, i) => ({
    id: String(6447000100 + i), name: `Bench App ${i}`, bundleId: `com.example.bench${i}`, sku: `BENCH${i}`, activity: 1 + (i % 5), commerce: i % 3 !== 2, ordinal: i,
  }));
  const loads: SalesLoadFile[] = [];
  const records: SalesDateRecord[] = [];
  let rows = 0;
  let gzBytes = 0;
  for (let d = 0; d < DAYS; d++) {
    const day = FIRST_DAY + d;
    const iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    const dayRows = apps.flatMap((app) => salesRowsOf(7, app, day, 0));
    rows += dayRows.length;
    const gzip = salesFile(dayRows, { frequency: 'DAILY', firstDay: day, lastDay: day, label: iso });
    gzBytes += gzip.length;
    const filePath = path.join(files, `${iso}.tsv.gz`);
    await writeFile(filePath, gzip);
    const { checksum, headers } = checkSalesFile(gzip);
    const base = { vendorNumber: '85012345', reportType: 'SALES', reportSubType: 'SUMMARY', frequency: 'DAILY', periodStart: iso, version: '1_0', fetchedAt: new Date() };
    loads.push({ ...base, checksum, filePath, headers });
    records.push({ ...base, reportDate: iso, outcome: 'loaded', fileChecksum: checksum, filePath: `files/${iso}.tsv.gz` });
  }

  const bareDb = await DuckDBInstance.create(path.join(work, 'bare.duckdb'));
  const bare = await bareDb.connect();
  const columns = loads[0]!.headers.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  const list = loads.map((f) => `'${f.filePath}'`).join(', ');
  let t0 = process.hrtime.bigint();
  await bare.run(`CREATE TABLE bare AS SELECT * FROM read_csv([${list}], delim='\t', header=true, quote='', escape='', auto_detect=false, columns={${columns}}, compression='gzip')`);
  const bareSeconds = seconds(t0);
  bare.closeSync();
  bareDb.closeSync();

  const warehouse = await openWarehouse({ dataDir: path.join(work, 'data'), readableDirs: [files], logger: silentLogger });
  t0 = process.hrtime.bigint();
  for (let i = 0; i < loads.length; i += BATCH) await warehouse.sales.load(loads.slice(i, i + BATCH), records.slice(i, i + BATCH));
  const orchardSeconds = seconds(t0);
  const check = await warehouse.query.runQuery('SELECT count(*) FROM sales.sales_summary');
  const loaded = Number((await warehouse.query.fetchPage(check.resultId, { offset: 0, limit: 1 })).rows[0]?.[0]);
  await warehouse.close();
  if (loaded !== rows) throw new Error(`loaded ${loaded} rows, generated ${rows}`);

  process.stdout.write(`${APPS} apps × ${DAYS} days of daily Summary Sales: ${DAYS} files, ${rows.toLocaleString('en-US')} rows, ${(gzBytes / 1e6).toFixed(1)} MB gzip\n`);
  process.stdout.write(`bare read_csv into a table: ${bareSeconds.toFixed(2)} s\n`);
  process.stdout.write(`Orchard's sales load (batches of ${BATCH}, typed, provenance, ledger): ${orchardSeconds.toFixed(2)} s\n`);
  process.stdout.write(`ratio sales load ÷ bare read_csv: ${(orchardSeconds / bareSeconds).toFixed(2)} (goal ≤ 1.15)\n`);
  await rm(work, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
