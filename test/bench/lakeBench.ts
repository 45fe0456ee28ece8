// Benchmark of issue 22 (Parquet lake), run by `npm run bench` or `node scripts/bench.mjs lake`:
// a warehouse-shaped DuckDB file (a raw table and its latest-wins view, BENCH_APPS × BENCH_DAYS ×
// BENCH_ROWS_PER_DAY rows), then (a) a full publishLake ÷ a bare `COPY … (FORMAT parquet,
// PARTITION_BY (app_id, month), COMPRESSION zstd)` of the same view, and (b) an incremental publish
// after a one-day sync (a new day, the six days before it restated) ÷ the full publish.
// 2M rows by default (5 apps × 400 days × 1,000 rows: 14 months); BENCH_SCALE=50m is 50M (20 apps × 500
// days × 5,000 rows). orchard.vintages and orchard.segment_keys (schema 7: a row carries only its
// segment's key) are kept as ingest keeps them. Measurements, never assertions.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { publishLake } from '../../main/lake';
import { SEGMENT_KEYS_DDL } from '../../main/warehouse/segmentKeys';

const SCALE_50M = process.env.BENCH_SCALE === '50m';
const APPS = Number(process.env.BENCH_APPS ?? (SCALE_50M ? 20 : 5));
const DAYS = Number(process.env.BENCH_DAYS ?? (SCALE_50M ? 500 : 400));
const ROWS_PER_DAY = Number(process.env.BENCH_ROWS_PER_DAY ?? (SCALE_50M ? 5000 : 1000));
const RUNS = SCALE_50M ? 2 : 3;
/** Days a daily sync restates besides the new one (Apple's window). */
const RESTATED = 6;

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;
const fmt = (n: number) => n.toFixed(2);
const say = (...lines: string[]) => process.stdout.write(lines.join('\n') + '\n');
const sq = (text: string) => `'${text.replaceAll("'", "''")}'`;

async function withConnection<T>(file: string, readOnly: boolean, use: (c: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(os.availableParallelism()) });
  const connection = await instance.connect();
  try {
    await connection.run(`ATTACH ${sq(file)} AS warehouse${readOnly ? ' (READ_ONLY)' : ''}`);
    return await use(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** One segment (and instance) per day and load; a restating load (`salt` 1) gets keys of its own. */
const segmentKey = (salt: number) => `(${salt * (DAYS + 1)} + d + 1)::UINTEGER`;

/** Rows of App Downloads Standard for days [from, to), `_latest = 1` (kept by Apple's rule). */
const rowsSql = (from: number, to: number, salt: number) => `
  SELECT (DATE '2024-01-01' + d::INT) AS date, 'App ' || a AS app_name, (1000000000 + a)::BIGINT AS app_apple_identifier,
    ['First-time download', 'Redownload', 'Update'][1 + (r % 3)] AS download_type, '1.' || (r % 7) AS app_version,
    ['iPhone', 'iPad', 'Mac'][1 + (r % 3)] AS device, 'iOS 18.' || (r % 4) AS platform_version,
    ['App Store search', 'App Store browse', 'Web referrer'][1 + (r % 3)] AS source_type, 'Product page' AS page_type,
    '' AS pre_order, ['US', 'GB', 'DE', 'JP', 'FR', 'BR', 'IN', 'CN'][1 + (r % 8)] AS territory,
    ((r * 7 + d * 13 + ${salt}) % 500)::BIGINT AS counts, ${segmentKey(salt)} AS _segment_key, 1::UTINYINT AS _latest
  FROM range(${APPS}) AS aa(a), range(${from}, ${to}) AS dd(d), range(${ROWS_PER_DAY}) AS rr(r)`;

/** The provenance of the segments rowsSql(from, to, salt) names. */
const segmentKeysSql = (from: number, to: number, salt: number) => `INSERT INTO warehouse.orchard.segment_keys
  SELECT ${segmentKey(salt)}, 's' || d || '-v' || ${salt}, 'i' || d || '-v' || ${salt}, 'app_downloads_standard', 'DAILY',
    DATE '2024-01-01' + d::INT + 2, 'ONGOING'
  FROM range(${from}, ${to}) AS dd(d)`;

/** What ingest records per (app, day, instance): re-derived from the kept raw rows. */
const vintagesFrom = (day: number) => `INSERT INTO warehouse.orchard.vintages
  SELECT 'app_downloads_standard', CAST(t.app_apple_identifier AS VARCHAR), 'DAILY', t.date, any_value(k.processing_date), 'ONGOING',
    k.instance_id || '-' || hash(min(t.counts)), count(*), true
  FROM warehouse.raw.app_downloads_standard AS t JOIN warehouse.orchard.segment_keys AS k ON k.segment_key = t._segment_key
  WHERE t._latest = 1 AND t.date >= DATE '2024-01-01' + ${day}
  GROUP BY t.app_apple_identifier, t.date, k.instance_id`;

async function bareCopy(file: string, dir: string): Promise<number> {
  return withConnection(file, true, async (c) => {
    const t0 = process.hrtime.bigint();
    await c.run(`COPY (SELECT *, CAST(app_apple_identifier AS VARCHAR) AS app_id, strftime(date, '%Y-%m') AS month FROM warehouse.main.app_downloads_standard)
      TO ${sq(dir)} (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (app_id, month))`);
    return seconds(t0);
  });
}

async function main(): Promise<void> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'orchard-lake-bench-'));
  try {
    const file = path.join(root, 'orchard.duckdb');
    let t0 = process.hrtime.bigint();
    await withConnection(file, false, async (c) => {
      await c.run('CREATE SCHEMA warehouse.raw');
      await c.run(`CREATE TABLE warehouse.raw.app_downloads_standard AS ${rowsSql(0, DAYS, 0)}`);
      await c.run(`CREATE VIEW warehouse.main.app_downloads_standard AS SELECT * EXCLUDE (_latest) FROM raw.app_downloads_standard WHERE _latest = 1`);
      await c.run('CREATE SCHEMA warehouse.orchard');
      await c.run('CREATE TABLE warehouse.orchard.schema_version AS SELECT 7 AS version, now() AS applied_at');
      // The warehouse's own DDL names orchard.segment_keys without a catalog.
      await c.run('USE warehouse');
      await c.run(SEGMENT_KEYS_DDL);
      await c.run('USE memory');
      await c.run(segmentKeysSql(0, DAYS, 0));
      await c.run(`CREATE TABLE warehouse.orchard.vintages (table_name VARCHAR NOT NULL, app_id VARCHAR, granularity VARCHAR NOT NULL, day DATE,
        processing_date DATE NOT NULL, access_type VARCHAR NOT NULL, instance_id VARCHAR NOT NULL, row_count BIGINT NOT NULL, is_latest BOOLEAN)`);
      await c.run(vintagesFrom(0));
    });
    const rows = APPS * DAYS * ROWS_PER_DAY;
    say(`${rows.toLocaleString('en')} rows (${APPS} apps × ${DAYS} days × ${ROWS_PER_DAY}) written in ${fmt(seconds(t0))} s; ${os.availableParallelism()} cores`);

    // Interleaved, fastest of RUNS: on a shared machine the minimum is the work's own cost.
    const bare: number[] = [];
    const full: number[] = [];
    let lastLake = '';
    for (let i = 0; i < RUNS; i += 1) {
      bare.push(await bareCopy(file, path.join(root, `bare-${i}`)));
      lastLake = path.join(root, `lake-${i}`);
      t0 = process.hrtime.bigint();
      await publishLake({ path: file }, lastLake);
      full.push(seconds(t0));
      await rm(path.join(root, `bare-${i}`), { recursive: true, force: true });
      if (i < RUNS - 1) await rm(lastLake, { recursive: true, force: true });
    }
    const [bareBest, fullBest] = [Math.min(...bare), Math.min(...full)];
    say(`(a) full publish ${fmt(fullBest)} s ÷ bare COPY … PARTITION_BY ${fmt(bareBest)} s = ${fmt(fullBest / bareBest)} (target ≤ 1.2)`);

    // A one-day sync: the new day arrives and Apple restates the six before it (new rows win).
    await withConnection(file, false, async (c) => {
      await c.run(`UPDATE warehouse.raw.app_downloads_standard SET _latest = 0 WHERE date >= DATE '2024-01-01' + ${DAYS - RESTATED}`);
      await c.run(segmentKeysSql(DAYS - RESTATED, DAYS + 1, 1));
      await c.run(`INSERT INTO warehouse.raw.app_downloads_standard ${rowsSql(DAYS - RESTATED, DAYS + 1, 1)}`);
      await c.run(`UPDATE warehouse.orchard.vintages SET is_latest = false WHERE day >= DATE '2024-01-01' + ${DAYS - RESTATED}`);
      await c.run(vintagesFrom(DAYS - RESTATED));
    });
    t0 = process.hrtime.bigint();
    const incremental = await publishLake({ path: file }, lastLake);
    const incrementalSeconds = seconds(t0);
    say(`(b) incremental publish after a one-day sync ${fmt(incrementalSeconds)} s ÷ full ${fmt(fullBest)} s = ${fmt(incrementalSeconds / fullBest)} (target ≤ 0.10); ` +
      `${incremental.written.partitions} of ${incremental.written.partitions + incremental.reusedPartitions} partitions written`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
