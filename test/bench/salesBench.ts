// Benchmark of issue 12, run by `npm run bench`: a year of daily Summary Sales files for 20 apps
// (one vendor-wide file per day, written by the fake's own generator) loaded the way a sync loads
// them (one batch per 400 files, each day replacing its rows, typed, provenance, ledger) ÷ a bare
// DuckDB read_csv of the same files, with the same column types, into a table. The two alternate
// over a few rounds, each on a fresh database, and the median ratio is printed (a shared machine's
// load shifts between rounds; a pair measured back to back shares it). Never fails on time.
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../main/logging/logger';
import { checkSalesFile } from '../../main/sales/salesFileStore';
import { openWarehouse } from '../../main/warehouse';
import type { SalesDateRecord, SalesLoadFile } from '../../main/warehouse/sales';
import { SQL_TYPE, salesColumnsOf } from '../../main/warehouse/sales/salesColumns';
import { salesFile } from '../fake-asc/sales/salesFiles';
import { salesRowsOf } from '../fake-asc/sales/salesRows';

const APPS = 20;
const DAYS = 365;
// The sync's own batch size (main/sales/salesSync.ts LOAD_BATCH); override to compare.
const BATCH = Number(process.env.BENCH_SALES_BATCH ?? 400);
const ROUNDS = Number(process.env.BENCH_SALES_ROUNDS ?? 5);
const DAY_MS = 86_400_000;
const FIRST_DAY = Math.floor(Date.parse('2025-01-01T00:00:00Z') / DAY_MS);
interface Timing {
  wall: number;
  /** CPU seconds of this process (DuckDB's threads included): steadier than wall time on a busy machine. */
  cpu: number;
}
async function timed(task: () => Promise<void>): Promise<Timing> {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  await task();
  const cpu = process.cpuUsage(c0);
  return { wall: Number(process.hrtime.bigint() - t0) / 1e9, cpu: (cpu.user + cpu.system) / 1e6 };
}

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
    const { checksum, headers, dateFormat } = await checkSalesFile(gzip);
    const base = { vendorNumber: '85012345', reportType: 'SALES', reportSubType: 'SUMMARY', frequency: 'DAILY', periodStart: iso, version: '1_0', fetchedAt: new Date() };
    loads.push({ ...base, checksum, filePath, headers, dateFormat });
    records.push({ ...base, reportDate: iso, outcome: 'loaded', fileChecksum: checksum, filePath: `files/${iso}.tsv.gz` });
  }

  // The bare side: the same files, the same column names and types (dates parsed by the reader), into a table.
  const columns = salesColumnsOf(loads[0]!.headers).map((c) => `'${c.name}': '${SQL_TYPE[c.type]}'`).join(', ');
  const list = loads.map((f) => `'${f.filePath}'`).join(', ');
  const bareRound = async (round: number) => {
    const bareDb = await DuckDBInstance.create(path.join(work, `bare${round}.duckdb`));
    const bare = await bareDb.connect();
    // The setting Orchard's writer runs with (main/warehouse/open.ts): the ratio measures Orchard's work, not the setting.
    // BENCH_SALES_BARE_DEFAULTS=1 compares with DuckDB's defaults instead (what a user's own script would run).
    if (process.env.BENCH_SALES_BARE_DEFAULTS !== '1') await bare.run('SET preserve_insertion_order = false');
    const elapsed = await timed(() => bare.run(`CREATE TABLE bare AS SELECT * FROM read_csv([${list}], delim='\t', header=true, quote='', escape='', auto_detect=false,
      columns={${columns}}, dateformat='%m/%d/%Y', compression='gzip')`).then(() => undefined));
    bare.closeSync();
    bareDb.closeSync();
    return elapsed;
  };
  const orchardRound = async (round: number) => {
    const warehouse = await openWarehouse({ dataDir: path.join(work, `data${round}`), readableDirs: [files], logger: silentLogger });
    const elapsed = await timed(async () => {
      for (let i = 0; i < loads.length; i += BATCH) await warehouse.sales.load(loads.slice(i, i + BATCH), records.slice(i, i + BATCH));
    });
    const check = await warehouse.query.runQuery('SELECT count(*) FROM sales.sales_summary');
    const loaded = Number((await warehouse.query.fetchPage(check.resultId, { offset: 0, limit: 1 })).rows[0]?.[0]);
    await warehouse.close();
    if (loaded !== rows) throw new Error(`loaded ${loaded} rows, generated ${rows}`);
    return elapsed;
  };
  const rounds: { bare: Timing; orchard: Timing }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which side goes first, so neither always inherits the other's page cache or checkpoint.
    const bareFirst = round % 2 === 0;
    const first = bareFirst ? await bareRound(round) : await orchardRound(round);
    const second = bareFirst ? await orchardRound(round) : await bareRound(round);
    rounds.push(bareFirst ? { bare: first, orchard: second } : { bare: second, orchard: first });
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const ratios = rounds.map((r) => r.orchard.wall / r.bare.wall);
  const cpuRatios = rounds.map((r) => r.orchard.cpu / r.bare.cpu);
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');

  process.stdout.write(`${APPS} apps × ${DAYS} days of daily Summary Sales: ${DAYS} files, ${rows.toLocaleString('en-US')} rows, ${(gzBytes / 1e6).toFixed(1)} MB gzip\n`);
  process.stdout.write(`bare typed read_csv into a table${process.env.BENCH_SALES_BARE_DEFAULTS === '1' ? ' (DuckDB defaults)' : ' (preserve_insertion_order = false, as Orchard\'s writer)'}, per round: ${rounds.map((r) => `${r.bare.wall.toFixed(2)} s (${r.bare.cpu.toFixed(2)} s CPU)`).join(', ')}\n`);
  process.stdout.write(`Orchard's sales load (batches of ${BATCH}, typed, provenance, ledger), per round: ${rounds.map((r) => `${r.orchard.wall.toFixed(2)} s (${r.orchard.cpu.toFixed(2)} s CPU)`).join(', ')}\n`);
  process.stdout.write(`load average at the end: ${load}\n`);
  process.stdout.write(`ratio sales load ÷ bare read_csv: ${median(ratios).toFixed(2)} (median of ${ratios.map((r) => r.toFixed(2)).join(', ')}; goal ≤ 1.15)\n`);
  process.stdout.write(`ratio of CPU time: ${median(cpuRatios).toFixed(2)} (median of ${cpuRatios.map((r) => r.toFixed(2)).join(', ')})\n`);
  await rm(work, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
