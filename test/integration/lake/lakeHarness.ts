// Lake tests' set-up: the fake App Store Connect synced into a real warehouse (analytics for one
// app, a month of Sales), a lake folder beside it, and an independent reader of the lake that
// follows current.json with hyparquet (not DuckDB) and checks every file against its manifest.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { expect } from 'vitest';
import { compressors } from 'hyparquet-compressors';
import { silentLogger } from '../../../main/logging/logger';
import { readCurrentSnapshot, type LakeSnapshot } from '../../../main/lake';
import { syncSales } from '../../../main/sales/salesSync';
import { createVersionBook } from '../../../main/sales/salesVersions';
import { createAscClient, createTokenProvider } from '../../../main/asc';
import { runSync } from '../../../main/sync/syncEngine';
import { createWarehouseSyncStore } from '../../../main/sync/warehouseSyncStore';
import { DATABASE_FILE, openWarehouse, type Warehouse } from '../../../main/warehouse';
import { startFakeAsc, type FakeAsc } from '../../fake-asc';
import { APP_ID } from '../sync/syncHarness';
import { makeTestApiKey } from '../../support/testKeys';
import { queryRows, type Row } from '../../support/queryRows';

/** Reports synced: the Overview's, one keyed on Event Date and one with USD decimals (a full catalogue sync takes a minute). */
export const REPORTS = [
  'App Downloads Standard', 'App Sessions Standard', 'App Crashes', 'App Store Discovery and Engagement Standard',
  'App Store Subscription Event Standard', 'App Store Purchases Standard',
];

export interface LakeHarness {
  fake: FakeAsc;
  dataDir: string;
  lakeDir: string;
  /** The warehouse file, for publishLake: never open read-write in this process while publishing. */
  warehouse: { path: string };
  /** Opens the warehouse read-write, syncs analytics (the first time: ask, wait 12 days, sync) and 40 days of Sales, closes it. */
  syncAll(): Promise<void>;
  /** A statement on the warehouse opened READ_ONLY (as another reader would see it). */
  sql(text: string): Promise<Row[]>;
  close(): Promise<void>;
}

export async function startLakeHarness(): Promise<LakeHarness> {
  const fake = await startFakeAsc({ now: new Date('2025-03-03T10:00:00Z') });
  fake.addApp({ id: APP_ID, name: 'Example App', bundleId: 'com.example.app', sku: 'EXAMPLE' });
  const key = makeTestApiKey();
  fake.registerKey({ keyId: key.keyId, issuerId: key.issuerId, publicKeyPem: key.publicKeyPem, role: 'ADMIN' });
  const root = await mkdtemp(path.join(os.tmpdir(), 'orchard-lake-'));
  const dataDir = path.join(root, 'data');
  const lakeDir = path.join(root, 'lake');
  const clock = () => fake.clock.now().getTime();
  const client = createAscClient({
    baseUrl: fake.baseUrl, fetch: globalThis.fetch, clock, sleep: async () => undefined,
    tokenProvider: createTokenProvider({ keyId: key.keyId, issuerId: key.issuerId, privateKeyPem: key.privateKeyPem, clock }),
  });
  const versions = createVersionBook({ overrides: {}, learned: {}, saveLearned: () => undefined });
  let reader: Warehouse | undefined;
  let synced = false;
  const closeReader = async () => {
    await reader?.close();
    reader = undefined;
  };
  return {
    fake,
    dataDir,
    lakeDir,
    warehouse: { path: path.join(dataDir, DATABASE_FILE) },
    async syncAll() {
      await closeReader();
      const warehouse = await openWarehouse({ dataDir, logger: silentLogger });
      try {
        const sync = async () => {
          const summary = await runSync(
            { appId: APP_ID, concurrency: 3, reportNames: REPORTS },
            { client, store: createWarehouseSyncStore(warehouse), dataDir, now: () => fake.clock.now(), onProgress: () => undefined },
          );
          if (summary.outcome !== 'succeeded') throw new Error(`sync ${summary.outcome}`);
        };
        // The first sync only asks Apple for the reports; instances exist days later.
        if (!synced) {
          await sync();
          fake.clock.advanceDays(12);
          synced = true;
        }
        await sync();
        await syncSales(
          { client, store: warehouse.sales, versions, dataDir, now: () => fake.clock.now(), logger: silentLogger, window: { days: 40, weeks: 2, months: 1, years: 0 } },
          { vendorNumber: fake.sales.vendorNumber, kinds: [{ reportType: 'SALES', reportSubType: 'SUMMARY', frequency: 'DAILY' }] },
        );
      } finally {
        await warehouse.close();
      }
    },
    async sql(text) {
      reader ??= await openWarehouse({ dataDir, logger: silentLogger, readOnly: true });
      return rowsOf(reader, text);
    },
    async close() {
      await closeReader();
      await fake.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Kept under the name the lake tests use. */
export const rowsOf = queryRows;
export type { Row };

/** Reads one Parquet file with hyparquet (zstd through hyparquet-compressors). */
export async function readParquetRows(file: string): Promise<Row[]> {
  const bytes = await readFile(file);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return parquetReadObjects({ file: buffer, compressors }) as Promise<Row[]>;
}

export interface LakeRead {
  snapshot: LakeSnapshot;
  /** `schema.table` → rows with the Hive partition values of their folder added. */
  tables: Map<string, Row[]>;
}

/**
 * Follows current.json like any reader would: every file of the named snapshot must exist, match
 * its SHA-256 and hold the rows the manifest says; throws otherwise.
 */
export async function readLake(lakeDir: string, only?: (schemaTable: string) => boolean): Promise<LakeRead> {
  const current = await readCurrentSnapshot(lakeDir);
  if (!current) throw new Error('no current.json');
  const tables = new Map<string, Row[]>();
  for (const table of current.snapshot.tables) {
    const name = `${table.schema}.${table.name}`;
    if (only && !only(name)) continue;
    const rows: Row[] = [];
    for (const partition of table.partitions) {
      const hive = Object.fromEntries(partition.key ? partition.key.split('/').map((kv) => kv.split('=') as [string, string]) : []);
      for (const file of partition.files) {
        const full = path.join(lakeDir, file.path);
        const bytes = await readFile(full);
        const sha = createHash('sha256').update(bytes).digest('hex');
        if (sha !== file.sha256) throw new Error(`checksum mismatch: ${file.path}`);
        const fileRows = await readParquetRows(full);
        if (fileRows.length !== file.rows) throw new Error(`${file.path}: ${fileRows.length} rows, manifest says ${file.rows}`);
        for (const r of fileRows) rows.push({ ...r, ...hive });
      }
    }
    if (rows.length !== table.rows) throw new Error(`${name}: ${rows.length} rows, manifest says ${table.rows}`);
    tables.set(name, rows);
  }
  return { snapshot: current.snapshot, tables };
}

/** A Parquet DATE as hyparquet returns it (a Date at UTC midnight) → YYYY-MM-DD. */
export function isoDate(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

const INTEGER_TYPES = new Set(['BIGINT', 'INTEGER', 'HUGEINT', 'UBIGINT']);

/**
 * Every non-empty main/weekly/monthly table of the lake (read by hyparquet) against the same view
 * in the warehouse: rows and every integer measure per (app, date), exact. Returns the schemas compared.
 */
export async function expectReportTotalsEqual(h: LakeHarness, lake: LakeRead): Promise<Set<string>> {
  const compared = new Set<string>();
  for (const table of lake.snapshot.tables.filter((t) => ['main', 'weekly', 'monthly'].includes(t.schema) && t.rows > 0)) {
    const name = `${table.schema}.${table.name}`;
    const date = table.dateColumn!;
    const measures = table.columns.filter((c) => INTEGER_TYPES.has(c.type)).map((c) => c.name);
    const sumSql = measures.map((m) => `CAST(coalesce(sum("${m}"), 0) AS VARCHAR)`).join(" || ',' || ") || "''";
    const expected = await h.sql(`SELECT CAST(app_apple_identifier AS VARCHAR) || '|' || CAST("${date}" AS VARCHAR) AS k, count(*) AS n, ${sumSql} AS s
      FROM ${table.schema}.${table.name} GROUP BY 1`);
    const keyOf = (r: Row) => `${String(r.app_apple_identifier)}|${isoDate(r[date])}`;
    const actual = new Map<string, { n: number; sums: bigint[] }>();
    for (const r of lake.tables.get(name)!) {
      const acc = actual.get(keyOf(r)) ?? { n: 0, sums: measures.map(() => 0n) };
      acc.n += 1;
      measures.forEach((m, i) => { acc.sums[i]! += r[m] === null || r[m] === undefined ? 0n : BigInt(r[m] as bigint); });
      actual.set(keyOf(r), acc);
      // The folder says which app and month each file holds.
      expect([r.app_id, r.month], name).toEqual([String(r.app_apple_identifier), isoDate(r[date]).slice(0, 7)]);
    }
    expect(new Map([...actual].map(([k, v]) => [k, `${v.n}:${v.sums.join(',')}`])), name)
      .toEqual(new Map(expected.map((r) => [String(r.k), `${Number(r.n)}:${String(r.s)}`])));
    compared.add(table.schema);
  }
  return compared;
}
