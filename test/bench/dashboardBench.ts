// Benchmark of the Insights dashboards (issue 11), run by `npm run bench` or `node scripts/bench.mjs dashboard`:
// one app × BENCH_DAYS (400) days of the reports the pages read, Standard and Detailed, DAILY, each
// day restated by WINDOW vintages, written as Apple-shaped gzip TSVs by DuckDB's COPY and ingested
// through Orchard. Per page prints (a) the page's tiles through the service (all requested at once,
// as the UI does) ÷ the same statements run one after another straight on DuckDB, and (b) first
// tile visible (page request → first tile result) ÷ that tile's own direct query time; each as the
// ratio of the fastest runs and as the median ratio of runs paired back to back.
// Measurements, never assertions. Size: BENCH_DAYS, BENCH_ROWS_PER_DAY (1700) → ≈ 10.9M rows; BENCH_RUNS (5).
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { createDashboardService } from '../../main/insights/dashboards/service';
import { GRAIN_COUNT_COLUMN, GRAIN_ROWS } from '../../main/insights/dashboards/sqlBuilder';
import { silentLogger } from '../../main/logging/logger';
import { openWarehouse, type IngestInput } from '../../main/warehouse';
import { instanceConfig } from '../../main/warehouse/open';
import type { DashboardControls, TileResult } from '../../shared/dashboards';
import { findReport, tableNameFor, type CatalogueReport } from '../../shared/reportCatalogue';

const DAYS = Number(process.env.BENCH_DAYS ?? 400);
const ROWS_PER_DAY = Number(process.env.BENCH_ROWS_PER_DAY ?? 1700);
const WINDOW = 2;
const BATCH = 50;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const APP = '1000000001';
const REPORTS = ['App Store Discovery and Engagement Standard', 'App Store Discovery and Engagement Detailed', 'App Downloads Standard',
  'App Downloads Detailed', 'App Store Purchases Standard', 'App Sessions Standard', 'App Store Installation and Deletion Standard', 'App Crashes'];

/** Values a dimension takes: Apple's for the ones tiles filter on, made-up ones for the rest. */
const VALUES: Record<string, string[]> = {
  'Event': ['Impression', 'Page view', 'Tap', 'Install', 'Delete'],
  'Page Type': ['Product page', 'Store sheet', 'In-app event'],
  'Download Type': ['First-time download', 'Redownload', 'Manual update', 'Restore'],
  'Source Type': ['App Store search', 'App Store browse', 'Web referrer', 'App referrer', 'Unavailable'],
  'Device': ['iPhone', 'iPad', 'Mac', 'Apple TV'],
  'Platform Version': ['iOS 18.3', 'iOS 18.2', 'iOS 17.7', 'macOS 15.2'],
  'Territory': ['US', 'GB', 'DE', 'JP', 'FR', 'BR', 'IN', 'CN', 'CA', 'AU', 'ES', 'IT'],
  'App Version': ['4.1', '4.2', '4.3', '4.4', '4.5', '4.6'],
  'Purchase Type': ['In-App Purchase', 'Auto-Renewable Subscription', 'Paid App'],
  'Content Name': ['Gems 100', 'Gems 500', 'Season Pass', 'Pro'],
};

/** On a shared machine one lucky run can flatter either side; the median of back-to-back pairs cannot. */
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;
const sq = (text: string) => `'${text.replaceAll("'", "''")}'`;
const qi = (name: string) => `"${name.replaceAll('"', '""')}"`;
const isoDay = (offset: number) => new Date(Date.UTC(2024, 0, 1 + offset)).toISOString().slice(0, 10);

function columnSql(report: CatalogueReport, header: string, i: number): string {
  const type = report.columns.find((c) => c.header === header)?.type ?? 'VARCHAR';
  const mix = `(r * ${2 * i + 3} + p * ${i + 1} + w)`;
  if (header === report.dateColumn) return `(DATE '2024-01-01' + (p - w)::INT)`;
  if (header === 'App Name') return `'Bench App'`;
  if (header === 'App Apple Identifier') return `${APP}::BIGINT`;
  if (type === 'BIGINT') return `(${mix} % 500)::BIGINT`;
  if (type === 'DECIMAL(18,2)') return `((${mix} % 50000) / 100.0)::DECIMAL(18,2)`;
  if (type === 'DOUBLE') return `(${mix} % 9000)::DOUBLE`;
  if (type === 'DATE') return `(DATE '2024-01-01' + (p - w - r % 20)::INT)`;
  const values = VALUES[header] ?? ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  // Each dimension cycles at its own pace so combinations spread like real rows.
  return `[${values.map(sq).join(', ')}][1 + ((r // ${i % 3 + 1}) % ${values.length})]`;
}

/** One gzip TSV per processing day (each holding WINDOW dates), Apple's headers, via COPY … PARTITION_BY. */
async function writeSegments(connection: DuckDBConnection, dir: string, report: CatalogueReport): Promise<void> {
  const columns = report.columns.map((c, i) => `${columnSql(report, c.header, i)} AS ${qi(c.header)}`).join(', ');
  await connection.run(`COPY (
    SELECT ${columns}, p AS day
    FROM range(${WINDOW}, ${DAYS + WINDOW}) AS pp(p), range(1, ${WINDOW + 1}) AS ww(w), range(${ROWS_PER_DAY}) AS rr(r)
  ) TO ${sq(dir)} (FORMAT csv, DELIMITER '\t', HEADER true, QUOTE '', COMPRESSION gzip, PARTITION_BY (day), OVERWRITE_OR_IGNORE true)`);
}

async function ingestAll(dataDir: string): Promise<number> {
  const gen = await (await DuckDBInstance.create(':memory:')).connect();
  const inputs: IngestInput[] = [];
  for (const name of REPORTS) {
    const report = findReport(name);
    if (report === undefined) throw new Error(name);
    const dir = path.join(dataDir, 'segments', tableNameFor(name));
    await mkdir(dir, { recursive: true });
    await writeSegments(gen, dir, report);
    for (const dayDir of await readdir(dir)) {
      const day = Number(dayDir.split('=')[1]);
      const instanceId = `${tableNameFor(name)}-${day}`;
      const files = await readdir(path.join(dir, dayDir));
      inputs.push({ reportName: name, accessType: 'ONGOING', instanceId, granularity: 'DAILY', processingDate: isoDay(day), appId: APP,
        segments: await Promise.all(files.map(async (f, i) => ({ segmentId: `${instanceId}-${i}`, filePath: path.join(dir, dayDir, f),
          checksum: 'bench', sizeInBytes: (await stat(path.join(dir, dayDir, f))).size }))) });
    }
  }
  gen.closeSync();
  const warehouse = await openWarehouse({ dataDir, logger: silentLogger });
  let rows = 0;
  for (let i = 0; i < inputs.length; i += BATCH) {
    for (const r of await warehouse.ingestInstances(inputs.slice(i, i + BATCH))) rows += r.rows;
  }
  await warehouse.close();
  return rows;
}

/**
 * A unique-count table's `sql` is the whole statement (Open in SQL); the tile runs it with the count
 * of all rows added and its first GRAIN_ROWS kept (sqlBuilder's limitedGrainSql), so the direct side
 * runs exactly that. (Wrapping it as a subquery instead sorts every row before the LIMIT: far slower.)
 */
function limitedGrain(sql: string): string {
  const limited = sql.replace(/ AS value\nFROM /, ` AS value, count(*) OVER () AS ${GRAIN_COUNT_COLUMN}\nFROM `);
  if (limited === sql) throw new Error(`Not a unique-count statement as sqlBuilder writes it:\n${sql}`);
  return `${limited}\nLIMIT ${GRAIN_ROWS}`;
}

async function main(): Promise<void> {
  // BENCH_DATA=<folder> keeps the generated warehouse there and reuses it on the next run.
  const work = process.env.BENCH_DATA ?? await mkdtemp(path.join(os.tmpdir(), 'orchard-dash-'));
  const dataDir = path.join(work, 'data');
  let t0 = process.hrtime.bigint();
  const reuse = process.env.BENCH_DATA !== undefined && await stat(path.join(dataDir, 'orchard.duckdb')).then(() => true, () => false);
  const rows = reuse ? Number(await readFile(path.join(work, 'rows.txt'), 'utf8')) : await ingestAll(dataDir);
  if (!reuse) await writeFile(path.join(work, 'rows.txt'), String(rows));
  const loadSeconds = seconds(t0);

  // The app reads through the service; the direct runs use a second instance on the same file,
  // configured like the warehouse's, both read-only so they can share it.
  const warehouse = await openWarehouse({ dataDir, logger: silentLogger, readOnly: true });
  const direct = await (await DuckDBInstance.create(':memory:', instanceConfig(path.join(work, 'direct')))).connect();
  await direct.run(`ATTACH ${sq(path.join(warehouse.dataDir, 'orchard.duckdb'))} AS warehouse (READ_ONLY)`);
  await direct.run('USE warehouse');
  const service = createDashboardService({ reader: warehouse.insights });
  const controls: DashboardControls = { apps: [APP], from: isoDay(DAYS - 180), to: isoDay(DAYS), granularity: 'DAILY', filters: {},
    compare: 'previous', topN: 8, endAtData: true };
  const lines: string[] = [];
  /** The very first page request: the lookups (columns, freshness) are read beside its first tile. */
  let cold: { first: number; firstTile: string } | null = null;
  for (const page of service.pages()) {
    let pageBest = Infinity;
    let firstBest = Infinity;
    let directBest = Infinity;
    let firstDirectBest = Infinity;
    /** The tiles' own statements as timed inside the service: the rest of the page time is overhead. */
    let statementsBest = Infinity;
    let results: TileResult[] = [];
    /** The latest run of each side, paired run by run: the two sides of a pair ran back to back, under the same load. */
    const last = { page: 0, first: 0, direct: 0, firstDirect: 0 };
    const pageRatios: number[] = [];
    const firstRatios: number[] = [];
    const servicePage = async () => {
      // The UI asks for every tile of the page at once, in page order, in one group.
      const group = randomUUID();
      const t0 = process.hrtime.bigint();
      let first = Infinity;
      let firstTile = '';
      results = await Promise.all(page.tiles.map((t) => service.tile({ requestId: randomUUID(), group, pageId: page.id, tileId: t.id, controls })
        .then((r) => {
          if (first === Infinity) { first = seconds(t0); firstTile = r.tileId; }
          return r;
        })));
      if (cold === null) cold = { first, firstTile };
      last.page = seconds(t0);
      last.first = first;
      pageBest = Math.min(pageBest, last.page);
      statementsBest = Math.min(statementsBest, results.reduce((a, r) => a + r.elapsedMs, 0) / 1000);
      firstBest = Math.min(firstBest, first);
      return firstTile;
    };
    const directPage = async (firstTile: string) => {
      let total = 0;
      for (const r of results.filter((x) => x.sql !== '')) {
        const t1 = process.hrtime.bigint();
        await direct.runAndReadAll(r.totalRows === undefined ? r.sql : limitedGrain(r.sql));
        const s = seconds(t1);
        total += s;
        if (r.tileId === firstTile) {
          last.firstDirect = s;
          firstDirectBest = Math.min(firstDirectBest, s);
        }
      }
      last.direct = total;
      return total;
    };
    // A first request gives the statements; then the two sides alternate which runs first, so
    // neither always finds the other's work in the machine's caches.
    let firstTile = await servicePage();
    for (let run = 0; run < RUNS; run += 1) {
      if (run % 2 === 0) {
        directBest = Math.min(directBest, await directPage(firstTile));
        firstTile = await servicePage();
      } else {
        firstTile = await servicePage();
        directBest = Math.min(directBest, await directPage(firstTile));
      }
      pageRatios.push(last.page / last.direct);
      firstRatios.push(last.first / last.firstDirect);
    }
    const ms = (s: number) => `${(s * 1000).toFixed(1)} ms`;
    lines.push(`${page.id}: ${results.length} tiles (${results.filter((r) => r.sql === '').length} without data), page ${ms(pageBest)} via service vs ${ms(directBest)} direct`
      + ` → ${(pageBest / directBest).toFixed(2)} (goal ≤ 1.3); first tile ${ms(firstBest)} vs its query ${ms(firstDirectBest)}`
      + ` → ${(firstBest / firstDirectBest).toFixed(2)} (goal ≤ 1.5); statements inside the service ${ms(statementsBest)};`
      + ` median of paired runs: page ${median(pageRatios).toFixed(2)}, first tile ${median(firstRatios).toFixed(2)}`);
  }
  if (cold !== null) lines.push(`cold start (first page ever asked, lookups read beside it): first tile ${(cold.first * 1000).toFixed(1)} ms (${cold.firstTile})`);
  direct.closeSync();
  await warehouse.close();
  process.stdout.write([
    `Orchard dashboards benchmark — ${rows.toLocaleString('en-US')} rows (1 app × ${DAYS} days × ${WINDOW} vintages × ${ROWS_PER_DAY} rows × ${REPORTS.length} reports), `
      + `generated and ingested in ${loadSeconds.toFixed(1)} s; range 181 days DAILY vs the period before; fastest of ${RUNS}; ${os.availableParallelism()} cores`,
    ...lines,
  ].join('\n') + '\n');
  if (process.env.BENCH_DATA === undefined) await rm(work, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
