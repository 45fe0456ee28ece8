// One table's part of a publish, inside the publish's read transaction: fingerprint every
// partition in DuckDB (row count and an order-free sum of row hashes), keep the parent snapshot's
// files for partitions whose fingerprint is unchanged, and COPY only the others to new files
// (`s<snapshot>_<uuid>.parquet`: never a name an earlier snapshot used).
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent, sqlString } from '../warehouse/sql';
import type { LakePartition, LakeTable } from './lakeManifest';
import { SOURCE_CATALOG, partitionKeyExpr, partitionedSelect, type TableSpec } from './lakeTables';

/** A file this publish wrote, before its checksum is taken. */
export interface NewFile {
  absolute: string;
  rows: number;
}

export interface TableWrite {
  table: Omit<LakeTable, 'partitions'> & { partitions: (Omit<LakePartition, 'files'> & { files: LakePartition['files']; newFiles: NewFile[] })[] };
  writtenPartitions: number;
}

interface Fingerprint {
  key: string;
  rows: number;
  fingerprint: string;
  maxDate: string | null;
}

async function rowFingerprints(connection: DuckDBConnection, table: TableSpec): Promise<Fingerprint[]> {
  const maxDate = table.dateColumn ? `CAST(max(${quoteIdent(table.dateColumn)}) AS VARCHAR)` : 'NULL';
  const reader = await connection.runAndReadAll(
    `SELECT ${partitionKeyExpr(table)} AS k, count(*) AS n, CAST(sum(hash(t)) AS VARCHAR) AS h, ${maxDate} AS d
     FROM (${partitionedSelect(table)}) AS t GROUP BY k`,
  );
  return (reader.getRowsJson() as (string | null)[][]).map(([key, rows, hash, date]) => ({
    key: key ?? '', rows: Number(rows), fingerprint: `rows:${rows}:${hash}`, maxDate: date ?? null,
  }));
}

/**
 * For a report view, a partition's rows are those of the instances Apple's rule keeps for its days
 * (orchard.vintages, kept at ingest), and an instance's rows never change once loaded: the winning
 * (instance, day, rows) per partition say exactly whether its rows changed, read from a table of a
 * few thousand rows instead of hashing millions. The schema version is part of it, so a migration
 * that rewrites rows republishes them.
 */
async function provenanceFingerprints(connection: DuckDBConnection, table: TableSpec, provenance: ReportProvenance): Promise<Fingerprint[]> {
  const reader = await connection.runAndReadAll(
    `SELECT ${partitionKeyExpr(table)} AS k, sum(row_count) AS n,
       CAST(sum(hash(app_id, day, instance_id, processing_date, access_type, row_count)) AS VARCHAR) AS h, CAST(max(day) AS VARCHAR) AS d
     FROM (SELECT *, strftime(day, '%Y-%m') AS month
           FROM ${quoteIdent(SOURCE_CATALOG)}.orchard.vintages WHERE table_name = $t AND granularity = $g AND is_latest)
     GROUP BY k`,
    { t: table.name, g: provenance.granularity },
  );
  return (reader.getRowsJson() as (string | null)[][]).map(([key, rows, hash, date]) => ({
    key: key ?? '', rows: Number(rows), fingerprint: `vintages:${provenance.schemaVersion}:${rows}:${hash}`, maxDate: date ?? null,
  }));
}

export interface ReportProvenance {
  granularity: string;
  schemaVersion: string;
}

const sameColumns = (a: LakeTable['columns'], b: LakeTable['columns']) =>
  a.length === b.length && a.every((c, i) => c.name === b[i]?.name && c.type === b[i]?.type);

const samePartitioning = (a: LakeTable['partitionBy'], b: LakeTable['partitionBy']) =>
  a.length === b.length && a.every((p, i) => p.name === b[i]?.name && p.column === b[i]?.column);

/** Writes `keys` (all partitions when undefined) of `table`; returns the files DuckDB wrote with their rows. */
async function copyPartitions(connection: DuckDBConnection, table: TableSpec, tableDir: string, snapshot: number, keys: string[] | undefined): Promise<NewFile[]> {
  await mkdir(tableDir, { recursive: true });
  const select = partitionedSelect(table);
  let files: string[];
  if (!table.partitionBy.length) {
    const file = path.join(tableDir, `s${snapshot}_${randomUUID()}.parquet`);
    await connection.run(`COPY (${select}) TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd)`);
    files = [file];
  } else {
    const filter = keys === undefined ? '' : ` WHERE ${partitionKeyExpr(table)} IN (SELECT unnest(${listLiteral(keys)}))${sinceFirstMonth(table, keys)}`;
    const reader = await connection.runAndReadAll(
      `COPY (SELECT * FROM (${select})${filter}) TO ${sqlString(tableDir)} (FORMAT parquet, COMPRESSION zstd,
        PARTITION_BY (${table.partitionBy.map((p) => quoteIdent(p.name)).join(', ')}),
        FILENAME_PATTERN ${sqlString(`s${snapshot}_{uuid}`)}, APPEND true, RETURN_FILES true)`,
    );
    files = (reader.getRowsJson()[0]?.[1] as string[] | undefined) ?? [];
  }
  if (!files.length) return [];
  const counts = await connection.runAndReadAll(`SELECT file_name, num_rows FROM parquet_file_metadata(${listLiteral(files)})`);
  return (counts.getRowsJson() as string[][]).map(([file, rows]) => ({ absolute: file!, rows: Number(rows) }));
}

/**
 * A daily sync changes the last month or two: a lower bound on the date lets DuckDB skip the older
 * row groups (zone maps) instead of computing every row's partition key.
 */
function sinceFirstMonth(table: TableSpec, keys: readonly string[]): string {
  if (!table.dateColumn || !table.partitionBy.some((p) => p.name === 'month')) return '';
  const months = keys.map((k) => /(?:^|\/)month=(\d{4}-\d{2})(?:\/|$)/.exec(k)?.[1]);
  if (months.some((m) => m === undefined)) return '';
  const first = (months as string[]).sort()[0]!;
  return ` AND ${quoteIdent(table.dateColumn)} >= DATE ${sqlString(`${first}-01`)}`;
}

function listLiteral(values: readonly string[]): string {
  return `[${values.map(sqlString).join(', ')}]::VARCHAR[]`;
}

/** The Hive directory of a written file relative to its table folder, in forward slashes. */
function partitionOf(tableDir: string, file: string): string {
  return path.relative(tableDir, path.dirname(file)).split(path.sep).join('/');
}

export async function writeTable(
  connection: DuckDBConnection,
  table: TableSpec,
  lakeDir: string,
  snapshot: number,
  parent: LakeTable | undefined,
  provenance?: ReportProvenance,
): Promise<TableWrite> {
  if (provenance) {
    try {
      return await writeWith(connection, table, lakeDir, snapshot, parent, await provenanceFingerprints(connection, table, provenance));
    } catch (error) {
      // Rows the vintages place elsewhere (a row without a date keys on its processing date): hash the rows instead.
      if (!(error instanceof PartitionMismatch)) throw error;
    }
  }
  return writeWith(connection, table, lakeDir, snapshot, parent, await rowFingerprints(connection, table));
}

class PartitionMismatch extends Error {}

async function writeWith(
  connection: DuckDBConnection,
  table: TableSpec,
  lakeDir: string,
  snapshot: number,
  parent: LakeTable | undefined,
  prints: Fingerprint[],
): Promise<TableWrite> {
  const tableDir = path.join(lakeDir, table.schema, table.name);
  const reusable = parent && sameColumns(parent.columns, table.columns) && samePartitioning(parent.partitionBy, table.partitionBy)
    ? new Map(parent.partitions.map((p) => [p.key, p]))
    : new Map<string, LakePartition>();
  const changed = prints.filter((p) => reusable.get(p.key)?.fingerprint !== p.fingerprint);
  const written = changed.length === 0 ? [] : await copyPartitions(connection, table, tableDir, snapshot,
    changed.length === prints.length ? undefined : changed.map((p) => p.key));
  const byPartition = new Map<string, NewFile[]>();
  for (const file of written) {
    const key = table.partitionBy.length ? partitionOf(tableDir, file.absolute) : '';
    byPartition.set(key, [...(byPartition.get(key) ?? []), file]);
  }
  const changedKeys = new Set(changed.map((p) => p.key));
  const partitions = prints.map((p) => ({
    key: p.key,
    rows: p.rows,
    fingerprint: p.fingerprint,
    maxDate: p.maxDate,
    files: changedKeys.has(p.key) ? [] : reusable.get(p.key)!.files,
    newFiles: changedKeys.has(p.key) ? byPartition.get(p.key) ?? [] : [],
  }));
  const fresh = partitions.flatMap((p) => p.newFiles);
  if (fresh.length !== written.length || partitions.some((p) => changedKeys.has(p.key) && p.newFiles.reduce((n, f) => n + f.rows, 0) !== p.rows)) {
    throw new PartitionMismatch(`Publishing ${table.schema}.${table.name}: the files DuckDB wrote do not match the partitions counted.`);
  }
  const dates = partitions.map((p) => p.maxDate).filter((d): d is string => d !== null).sort();
  return {
    table: {
      schema: table.schema,
      name: table.name,
      columns: table.columns,
      partitionBy: table.partitionBy,
      dateColumn: table.dateColumn,
      rows: partitions.reduce((n, p) => n + p.rows, 0),
      dataUpTo: dates.at(-1) ?? null,
      partitions: partitions.sort((a, b) => a.key.localeCompare(b.key)),
    },
    writtenPartitions: changed.length,
  };
}
