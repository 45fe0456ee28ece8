// Loads segment files into a raw table: all files of one table that share a header line go in ONE
// `INSERT … SELECT FROM read_csv([files…])` (DuckDB reads them in parallel, far faster than one
// statement per file), each row's segment key and vintage picked from constant lists by
// read_csv's `file_index`, with no per-row join on the file name.
// Rejected lines other than repeated headers fail the load, naming the file they came from.
import type { DuckDBConnection } from '@duckdb/node-api';
import { OrchardError } from '../../shared/errors';
import { toOrchardError } from './errors';
import type { SegmentHeader } from './headerSniff';
import { BATCH_BEST, fileRankSql } from './batchWinners';
import { segmentKeyFilter } from './segmentKeys';
import { APP_ID_COLUMN, LATEST_COLUMN, SEGMENT_KEY_COLUMN, keptLatestCode, type SegmentLayout } from './tableLayout';
import { qualified, quoteIdent, sqlDate, sqlString } from './sql';

/** The instance a segment file belongs to: what its rows' provenance columns hold. */
export interface FileProvenance {
  reportName: string;
  instanceId: string;
  granularity: string;
  /** `YYYY-MM-DD`. */
  processingDate: string;
  accessType: string;
}

export interface LoadFile {
  segmentId: string;
  /** Real path: exactly what is passed to read_csv and what its `filename` column gives back. */
  filePath: string;
  header: SegmentHeader;
  layout: SegmentLayout;
  instance: FileProvenance;
  /** The segment's key in orchard.segment_keys: what its rows' `_segment_key` holds. */
  segmentKey: number;
}

const REJECTS = "rejects_table='orchard_reject_errors', rejects_scan='orchard_reject_scans'";

/**
 * Files that can share one read_csv: the same header line and delimiter, hence the same layout.
 * A path given twice goes to another group, because one read_csv would join each copy to both.
 */
export function groupByHeader(files: readonly LoadFile[]): LoadFile[][] {
  const groups = new Map<string, LoadFile[]>();
  const seen = new Map<string, number>();
  for (const file of files) {
    const copy = seen.get(file.filePath) ?? 0;
    seen.set(file.filePath, copy + 1);
    const key = `${copy}\n${file.header.delimiter}\n${file.header.line}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [file]);
    else group.push(file);
  }
  return [...groups.values()];
}

function badSegment(file: Pick<LoadFile, 'segmentId' | 'filePath' | 'instance'>, message: string, details: Record<string, unknown> = {}): OrchardError {
  return new OrchardError('BAD_INPUT',
    `Segment ${file.segmentId} of ${file.instance.reportName} instance ${file.instance.instanceId} (${file.filePath}) could not be loaded: ${message}`,
    { file: file.filePath, segmentId: file.segmentId, instanceId: file.instance.instanceId, ...details });
}

/** The file a DuckDB message is about: the only one, or the one whose path the message quotes. */
function blame(files: readonly LoadFile[], message: string): OrchardError {
  const file = files.length === 1 ? files[0] : files.find((candidate) => message.includes(candidate.filePath));
  if (file !== undefined) return badSegment(file, message, { duckdb: message });
  const instanceIds = [...new Set(files.map((f) => f.instance.instanceId))];
  return new OrchardError('BAD_INPUT',
    `One of ${files.length} segment files (instances ${instanceIds.join(', ')}) could not be loaded: ${message}`,
    { files: files.map((f) => f.filePath), instanceIds, duckdb: message });
}

/** Rows of an all-text file equal to its header are repeated headers, not data. */
function repeatedHeaderFilter(layout: SegmentLayout, header: SegmentHeader): string {
  if (layout.columns.some((column) => column.type !== 'VARCHAR')) return '';
  const tests = layout.columns.map((column, index) => {
    const field = header.fields[index] ?? '';
    const name = `f.${quoteIdent(column.readName)}`;
    if (field === '') return `${name} IS NULL`;
    return index === 0 ? `${name} IN (${sqlString(field)}, ${sqlString(`\uFEFF${field}`)})` : `${name} = ${sqlString(field)}`;
  });
  return `WHERE (${tests.join(' AND ')}) IS NOT TRUE`;
}

/** read_csv over one group's files (alias f), and the filter that drops repeated header lines. */
function groupRead(files: readonly LoadFile[], first: LoadFile): { readCsv: string; filter: string } {
  const { header, layout } = first;
  const columnsStruct = layout.columns.map((column) => `${sqlString(column.readName)}: ${sqlString(column.type)}`).join(', ');
  const readCsv = `read_csv([${files.map((f) => sqlString(f.filePath)).join(', ')}], delim=${sqlString(header.delimiter)},
    header=true, quote='', escape='', columns={${columnsStruct}}, dateformat='%Y-%m-%d', compression='gzip',
    auto_detect=false, store_rejects=true, ${REJECTS})`;
  return { readCsv, filter: repeatedHeaderFilter(layout, header) };
}

/**
 * A row's key for the restatement rule over the read (alias f), as latest.ts keys the table's
 * rows, the app in the table column's own type (batchWinners casts the few keys, not every row).
 */
function fileKey(layout: SegmentLayout, dateColumn: string | null, appType: string): { app: string; day: string } {
  const read = (target: string | null) => layout.columns.find((column) => column.target === target)?.readName;
  const app = read(APP_ID_COLUMN);
  const day = read(dateColumn);
  return {
    app: app === undefined ? `NULL::${appType}` : `f.${quoteIdent(app)}`,
    day: day === undefined ? 'NULL::DATE' : `f.${quoteIdent(day)}`,
  };
}

/** Per row, the value of its file: one SQL value per file, picked by read_csv's 0-based `file_index`. */
function perFile(values: readonly string[]): string {
  if (values.every((value) => value === values[0])) return values[0] ?? 'NULL';
  return `[${values.join(', ')}][CAST(f.file_index AS BIGINT) + 1]`;
}

function insertSql(tableName: string, files: readonly LoadFile[], first: LoadFile, dateColumn: string | null, appType: string): string {
  const { layout } = first;
  const { readCsv, filter } = groupRead(files, first);
  const targets = [...layout.columns.map((column) => quoteIdent(column.target)), quoteIdent(SEGMENT_KEY_COLUMN), quoteIdent(LATEST_COLUMN)];
  const { app, day } = fileKey(layout, dateColumn, appType);
  const granularity = perFile(files.map((f) => sqlString(f.instance.granularity)));
  const undated = `CASE WHEN ${day} IS NULL THEN ${perFile(files.map((f) => sqlDate(f.instance.processingDate)))} END`;
  const values = [
    ...layout.columns.map((column) => `f.${quoteIdent(column.readName)}`),
    `CAST(${perFile(files.map((f) => String(Math.trunc(f.segmentKey))))} AS UINTEGER)`,
    // Kept unless a vintage already in the table wins its key (batchWinners.ts); refreshLatest corrects the rest.
    `CASE WHEN e.best IS NULL OR ${perFile(files.map((f) => fileRankSql(f.instance)))} > e.best
      THEN ${perFile(files.map((f) => String(keptLatestCode(f.instance.granularity))))} ELSE 0 END`,
  ];
  return `INSERT INTO ${qualified('raw', tableName)} (${targets.join(', ')})
SELECT ${values.join(', ')}
FROM ${readCsv} AS f
LEFT JOIN ${BATCH_BEST} AS e ON e.app_id IS NOT DISTINCT FROM ${app} AND e.granularity = ${granularity}
  AND e.day IS NOT DISTINCT FROM ${day} AND e.undated IS NOT DISTINCT FROM ${undated}
${filter}`;
}

/** Inserts every row of the files (all with the same header) and returns how many. */
export async function loadFiles(
  connection: DuckDBConnection, tableName: string, files: readonly LoadFile[], dateColumn: string | null, appType: string,
): Promise<number> {
  const [first] = files;
  if (first === undefined) return 0;
  try {
    await connection.run('DROP TABLE IF EXISTS temp.orchard_reject_errors');
    await connection.run('DROP TABLE IF EXISTS temp.orchard_reject_scans');
    const inserted = await connection.runAndReadAll(insertSql(tableName, files, first, dateColumn, appType));
    // Rejected lines are allowed only when they are the header again; anything else fails the load.
    const rejects = await connection.runAndReadAll(
      `SELECT s.file_path, e.line, e.column_name, e.error_type, e.error_message, left(e.csv_line, 200)
       FROM temp.orchard_reject_errors AS e JOIN temp.orchard_reject_scans AS s ON e.scan_id = s.scan_id AND e.file_id = s.file_id
       WHERE ltrim(rtrim(e.csv_line, chr(13)), chr(65279)) IS DISTINCT FROM $1 ORDER BY s.file_path, e.line LIMIT 1`,
      [first.header.line],
    );
    const reject = rejects.getRowsJson()[0];
    if (reject !== undefined) {
      const [filePath, line, column, errorType, errorMessage, csvLine] = reject;
      const where = `line ${String(line)}${column === null ? '' : `, column "${String(column)}"`}`;
      const file = files.find((f) => f.filePath === filePath);
      const details = { line: Number(line), column, errorType, csvLine };
      throw file === undefined
        ? blame(files, `${String(filePath)}, ${where}: ${String(errorMessage)}`)
        : badSegment(file, `${where}: ${String(errorMessage)}`, details);
    }
    return Number(inserted.getRowsJson()[0]?.[0] ?? 0);
  } catch (error) {
    throw toOrchardError(error, (message) => blame(files, message));
  }
}

/** Rows per segment key among `keys`, read back after their files were loaded. */
export async function segmentRowCounts(connection: DuckDBConnection, tableName: string, keys: readonly number[]): Promise<Map<number, number>> {
  const reader = await connection.runAndReadAll(
    `SELECT t._segment_key, count(*) FROM ${qualified('raw', tableName)} AS t WHERE ${segmentKeyFilter(keys)} GROUP BY 1`,
  );
  return new Map(reader.getRowsJson().map(([key, rows]) => [Number(key), Number(rows)]));
}
