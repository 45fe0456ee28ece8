// Benchmark of issue 13 (Scale), run by `npm run bench` or `node scripts/bench.mjs warehouseScale`:
// Apple-shaped segment files written straight to gzip by DuckDB (apps × processing days, each day
// restated by WINDOW daily vintages, Standard and Detailed), ingested through Orchard in sync-sized
// batches. Prints (a) view ÷ raw date aggregate (and the schema-1 window view ÷ raw for contrast),
// (b) ingest ÷ bare read_csv, (c) DuckDB file bytes ÷ gzip bytes, then, on the built CLI into that
// warehouse (scaleSync.ts), (d) peak RSS of a sync, (e) API calls per app of a no-op re-sync and
// (f) `orchard status` time. Measurements, never assertions.
// Size: BENCH_APPS (5), BENCH_DAYS (200), BENCH_ROWS_PER_DAY (1000) → 2M rows per table;
// BENCH_SCALE=10m, 50m (the 51.2M-row run) and 100m use Standard and Detailed (BENCH_LEVELS=both)
// at the sizes in SCALES. BENCH_SYNC_APPS (2; 5 from 50m): fake apps the sync brings in, a month of
// every report each, at BENCH_SYNC_ACTIVITY (20; 40 from 50m) times the fake's rows (1 ≈ 13,000
// rows per app); BENCH_SYNC=off skips the CLI figures (d)–(f).
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../main/logging/logger';
import { openWarehouse, type IngestInput } from '../../main/warehouse';
import { instanceConfig } from '../../main/warehouse/open';
import { withProvenance } from '../support/rowProvenance';
import { measureSync } from './scaleSync';
import { describeSizes, measureSizes } from './warehouseSizes';

/** Rows = apps × days × WINDOW × rows per day × 2 tables; the big runs sync more too. */
const SCALES: Record<string, { apps: number; days: number; rowsPerDay: number; big: boolean }> = {
  '10m': { apps: 10, days: 250, rowsPerDay: 1000, big: false },
  '50m': { apps: 20, days: 400, rowsPerDay: 1600, big: true },
  '100m': { apps: 25, days: 500, rowsPerDay: 2000, big: true },
};
const SCALE = SCALES[process.env.BENCH_SCALE ?? ''];
const BIG = SCALE?.big ?? false;
const APPS = Number(process.env.BENCH_APPS ?? SCALE?.apps ?? 5);
const DAYS = Number(process.env.BENCH_DAYS ?? SCALE?.days ?? 200);
const ROWS_PER_DAY = Number(process.env.BENCH_ROWS_PER_DAY ?? SCALE?.rowsPerDay ?? 1000);
const SYNC_APPS = Number(process.env.BENCH_SYNC_APPS ?? (BIG ? 5 : 2));
const SYNC_ACTIVITY = Number(process.env.BENCH_SYNC_ACTIVITY ?? (BIG ? 40 : 20));
/** Dates each daily instance holds: every date is restated by this many vintages. */
const WINDOW = 2;
/** Instances per ingest transaction, about what a sync batches (BENCH_BATCH to try others). */
const BATCH = Number(process.env.BENCH_BATCH ?? 50);
/** Interleaved runs per query (fewer from 10M rows, where the schema-1 window view takes seconds). */
const RUNS = SCALE === undefined ? 15 : 5;
/** Standard only by default; BENCH_LEVELS=both adds Detailed (the 50M-row run). */
const REPORTS = [
  { name: 'App Downloads Standard', table: 'app_downloads_standard', detailed: false },
  { name: 'App Downloads Detailed', table: 'app_downloads_detailed', detailed: true },
].slice(0, process.env.BENCH_LEVELS === 'both' || SCALE !== undefined ? 2 : 1);

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;
const fmt = (n: number) => n.toFixed(2);
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const load = () => os.loadavg().map((n) => n.toFixed(2)).join(' ');
/** Each figure is printed as soon as it is measured: the 50M-row run takes long on a small machine. */
const say = (...lines: string[]) => process.stdout.write(lines.join('\n') + '\n');
const sq = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** One gzip TSV per (app, processing day), Apple's headers, written by DuckDB's COPY … PARTITION_BY. */
async function writeSegments(connection: DuckDBConnection, dir: string, detailed: boolean): Promise<void> {
  const extra = detailed ? `, ['Search', 'Web', 'App referrer'][1 + (r % 3)] AS "Source Info", 'spring' AS "Campaign", 'Default' AS "Page Title"` : '';
  await connection.run(`COPY (
    SELECT (DATE '2024-01-01' + (p - w)::INT) AS "Date", 'App ' || a AS "App Name", (1000000000 + a)::BIGINT AS "App Apple Identifier",
      ['First-time download', 'Redownload', 'Update'][1 + (r % 3)] AS "Download Type", '1.' || (r % 7) AS "App Version",
      ['iPhone', 'iPad', 'Mac'][1 + (r % 3)] AS "Device", 'iOS 18.' || (r % 4) AS "Platform Version",
      ['App Store search', 'App Store browse', 'Web referrer'][1 + (r % 3)] AS "Source Type", 'Product page' AS "Page Type",
      '' AS "Pre-Order", ['US', 'GB', 'DE', 'JP', 'FR', 'BR', 'IN', 'CN'][1 + (r % 8)] AS "Territory",
      ((r * 7 + p * 13 + w) % 500)::BIGINT AS "Counts"${extra},
      a AS app, p AS day
    FROM range(${APPS}) AS aa(a), range(${WINDOW}, ${DAYS + WINDOW}) AS pp(p), range(1, ${WINDOW + 1}) AS ww(w), range(${ROWS_PER_DAY}) AS rr(r)
  ) TO ${sq(dir)} (FORMAT csv, DELIMITER '\t', HEADER true, QUOTE '', COMPRESSION gzip, PARTITION_BY (app, day), OVERWRITE_OR_IGNORE true)`);
}

async function gzFiles(dir: string): Promise<{ file: string; app: number; day: number; bytes: number }[]> {
  const out: { file: string; app: number; day: number; bytes: number }[] = [];
  for (const appDir of await readdir(dir)) {
    for (const dayDir of await readdir(path.join(dir, appDir))) {
      for (const name of await readdir(path.join(dir, appDir, dayDir))) {
        const file = path.join(dir, appDir, dayDir, name);
        out.push({ file, app: Number(appDir.split('=')[1]), day: Number(dayDir.split('=')[1]), bytes: (await stat(file)).size });
      }
    }
  }
  return out;
}

const isoDay = (offset: number) => new Date(Date.UTC(2024, 0, 1 + offset)).toISOString().slice(0, 10);

/**
 * Fastest of RUNS interleaved runs per query: on a shared machine the minimum is the query's own
 * cost, while medians mostly measure what else ran meanwhile.
 */
async function fastest(queries: readonly (() => Promise<unknown>)[]): Promise<number[]> {
  const best = queries.map(() => Infinity);
  for (let i = 0; i < RUNS; i += 1) {
    for (const [index, run] of queries.entries()) {
      const t0 = process.hrtime.bigint();
      await run();
      best[index] = Math.min(best[index] ?? Infinity, seconds(t0));
    }
  }
  return best;
}

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'orchard-scale-'));
  const dataDir = path.join(work, 'data');
  const generator = await DuckDBInstance.create(':memory:');
  const gen = await generator.connect();
  let t0 = process.hrtime.bigint();
  const files = new Map<string, Awaited<ReturnType<typeof gzFiles>>>();
  for (const report of REPORTS) {
    const dir = path.join(dataDir, 'segments', report.table);
    await mkdir(dir, { recursive: true });
    await writeSegments(gen, dir, report.detailed);
    files.set(report.table, await gzFiles(dir));
  }
  gen.closeSync();
  generator.closeSync();
  const generateSeconds = seconds(t0);
  const gzBytes = [...files.values()].flat().reduce((sum, f) => sum + f.bytes, 0);
  say(`Orchard warehouse scale benchmark — ${(APPS * DAYS * WINDOW * ROWS_PER_DAY * REPORTS.length).toLocaleString('en-US')} rows ` +
    `(${APPS} apps × ${DAYS} days × ${WINDOW} vintages × ${ROWS_PER_DAY} rows, ${REPORTS.length} tables), ${(gzBytes / 1e6).toFixed(1)} MB gzip, ` +
    `written in ${fmt(generateSeconds)} s; ${os.availableParallelism()} cores, load average ${load()}`);

  // (b) bare read_csv of every file into plain tables, the floor for ingest.
  const bare = await DuckDBInstance.create(path.join(work, 'bare.duckdb'));
  const bareConn = await bare.connect();
  t0 = process.hrtime.bigint();
  for (const report of REPORTS) {
    const list = (files.get(report.table) ?? []).map((f) => sq(f.file)).join(', ');
    await bareConn.run(`CREATE TABLE ${report.table} AS SELECT * FROM read_csv([${list}], delim='\t', header=true, quote='')`);
  }
  const bareSeconds = seconds(t0);
  bareConn.closeSync();
  bare.closeSync();
  const bareBytes = (await stat(path.join(work, 'bare.duckdb'))).size;

  // Orchard's ingest, in sync-sized batches (each re-ranks the days it touched).
  const warehouse = await openWarehouse({ dataDir, logger: silentLogger });
  t0 = process.hrtime.bigint();
  let rows = 0;
  for (const report of REPORTS) {
    // DuckDB may write several files per partition: they are the instance's segments.
    const byInstance = new Map<string, IngestInput>();
    for (const f of files.get(report.table) ?? []) {
      const instanceId = `${report.table}-${f.app}-${f.day}`;
      const input = byInstance.get(instanceId) ?? { reportName: report.name, accessType: 'ONGOING', instanceId, granularity: 'DAILY',
        processingDate: isoDay(f.day), segments: [] };
      byInstance.set(instanceId, { ...input, segments: [...input.segments,
        { segmentId: `${instanceId}-s${input.segments.length}`, filePath: f.file, checksum: 'bench', sizeInBytes: f.bytes }] });
    }
    const inputs = [...byInstance.values()];
    for (let i = 0; i < inputs.length; i += BATCH) {
      for (const result of await warehouse.ingestInstances(inputs.slice(i, i + BATCH))) rows += result.rows;
    }
  }
  const ingestSeconds = seconds(t0);
  await warehouse.close();
  const fileBytes = (await stat(path.join(dataDir, 'orchard.duckdb'))).size;
  say(`(b) ingest ÷ bare read_csv = ${fmt(ingestSeconds / bareSeconds)}  (${rows.toLocaleString('en-US')} rows in ${fmt(ingestSeconds)} s ` +
      `in batches of ${BATCH} vs ${fmt(bareSeconds)} s; goal ≤ 1.3; load average ${load()})`,
    `(c) DuckDB file ÷ gzip bytes = ${fmt(fileBytes / gzBytes)}, ÷ bare read_csv's file = ${fmt(fileBytes / bareBytes)}  ` +
      `(${(fileBytes / 1e6).toFixed(1)} MB vs ${(gzBytes / 1e6).toFixed(1)} MB gzip, ${(bareBytes / 1e6).toFixed(1)} MB bare; goal ≤ 1.2× bare)`);

  // (a) the same date aggregate over the view and the raw table, straight on the engine (the
  // workbench's result bookkeeping would add the same few milliseconds to both).
  const reader = await DuckDBInstance.create(':memory:');
  const readConn = await reader.connect();
  await readConn.run(`ATTACH ${sq(path.join(dataDir, 'orchard.duckdb'))} AS warehouse (READ_ONLY)`);
  await readConn.run('USE warehouse');
  say(...describeSizes(await measureSizes(readConn, 'warehouse')));
  const query = (sql: string) => readConn.runAndReadAll(sql);
  for (const report of REPORTS) {
    const t = report.table;
    const aggregate = (from: string) => `SELECT date, sum(counts) FROM ${from} GROUP BY date`;
    // Schema 1's rows carried their provenance as text: the join gives it back for the contrast.
    const textProvenance = withProvenance(`raw.${t}`);
    const v1Window = `(WITH vintages AS (SELECT DISTINCT app_apple_identifier, _granularity, date AS _day, _processing_date, _access_type, _instance_id FROM ${textProvenance}),
      winners AS (SELECT * FROM vintages QUALIFY row_number() OVER (PARTITION BY app_apple_identifier, _granularity, _day
        ORDER BY _processing_date DESC, (_access_type = 'ONGOING') DESC, _instance_id DESC) = 1)
      SELECT t.* FROM ${textProvenance} AS t SEMI JOIN winners AS w ON t._instance_id = w._instance_id
        AND t.app_apple_identifier IS NOT DISTINCT FROM w.app_apple_identifier AND t.date IS NOT DISTINCT FROM w._day)`;
    await query(aggregate(`raw.${t}`));
    const [raw = 0, view = 0, old = 0] = await fastest([aggregate(`raw.${t}`), aggregate(`main.${t}`), aggregate(v1Window)].map((sql) => () => query(sql)));
    say(`(a) ${t}: raw ${(raw * 1000).toFixed(1)} ms, main view ${(view * 1000).toFixed(1)} ms, schema-1 window view ${(old * 1000).toFixed(1)} ms`,
      `    view ÷ raw = ${(view / raw).toFixed(2)}  (goal ≤ 1.2; schema-1 window view ÷ raw = ${(old / raw).toFixed(2)}; load average ${load()})`);
  }
  readConn.closeSync();
  reader.closeSync();

  if (process.env.BENCH_SYNC !== 'off') {
    const sync = await measureSync(work, dataDir, SYNC_APPS, SYNC_ACTIVITY);
    const config = instanceConfig(dataDir);
    const phases = sync.rssPhases.map((p) => `${p.phase} ${mib(p.maxRssBytes)} (peak so far ${mib(p.hwmBytes)}, ${fmt(p.seconds)} s)`);
    say(`(d) peak RSS of a CLI sync into this warehouse = ${mib(sync.peakRssBytes)}  (${sync.apps} fake app(s), a month of every report at activity ${sync.activity}, ` +
        `${fmt(sync.syncSeconds)} s; DuckDB memory_limit ${config.memory_limit}, threads ${config.threads}; goal ≤ 1024 MB):\n    ${sync.summary}`,
      `    largest RSS per phase: ${phases.length > 0 ? phases.join(', ') : 'not sampled (no /proc)'}`,
      `(e) no-op re-sync: ${fmt(sync.noOpCallsPerApp)} API calls per app, ${sync.noOpDownloads} downloads`,
      `(f) \`orchard status\` on this warehouse: ${fmt(sync.statusSeconds)} s (whole process, fastest of 3)`);
  }
  say(`load average at the end: ${load()}`);
  if (process.env.BENCH_KEEP) process.stdout.write(`kept ${work}\n`);
  else await rm(work, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
