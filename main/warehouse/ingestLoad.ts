// Loads segment files into a raw table: all files of one table that share a header line go in ONE
// `INSERT … SELECT FROM read_csv([files…])` (DuckDB reads them in parallel, far faster than one
// statement per file), each row's provenance joined from a small VALUES list by file name.
// Rejected lines other than repeated headers fail the load, naming the file they came from.
import type { DuckDBConnection } from '@duckdb/node-api';
import { OrchardError } from '../../shared/errors';
import { toOrchardError } from './errors';
import type { SegmentHeader } from './headerSniff';
import { BATCH_KEPT, BATCH_KEYS } from './batchWinners';
import { APP_ID_COLUMN, LATEST_COLUMN, PROVENANCE_COLUMNS, latestValueSql, type SegmentLayout } from './tableLayout';
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

/** A column name for read_csv's `filename` that no header column has taken. */
function fileColumnName(layout: SegmentLayout): string {
  const taken = new Set(layout.columns.map((column) => column.readName.toLowerCase()));
  let name = '_orchard_file';
  while (taken.has(name)) name = `_${name}`;
  return name;
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
function groupRead(files: readonly LoadFile[], first: LoadFile): { readCsv: string; fileColumn: string; filter: string } {
  const { header, layout } = first;
  const fileName = fileColumnName(layout);
  const columnsStruct = layout.columns.map((column) => `${sqlString(column.readName)}: ${sqlString(column.type)}`).join(', ');
  const readCsv = `read_csv([${files.map((f) => sqlString(f.filePath)).join(', ')}], delim=${sqlString(header.delimiter)},
    header=true, quote='', escape='', columns={${columnsStruct}}, dateformat='%Y-%m-%d', compression='gzip',
    auto_detect=false, filename=${sqlString(fileName)}, store_rejects=true, ${REJECTS})`;
  return { readCsv, fileColumn: quoteIdent(fileName), filter: repeatedHeaderFilter(layout, header) };
}

/** A row's key for the restatement rule over the read (alias f), as latest.ts keys the table's rows. */
function fileKey(layout: SegmentLayout, dateColumn: string | null): { app: string; day: string } {
  const read = (target: string | null) => layout.columns.find((column) => column.target === target)?.readName;
  const app = read(APP_ID_COLUMN);
  const day = read(dateColumn);
  return {
    app: app === undefined ? 'NULL::VARCHAR' : `CAST(f.${quoteIdent(app)} AS VARCHAR)`,
    day: day === undefined ? 'NULL::DATE' : `f.${quoteIdent(day)}`,
  };
}

/** Adds the group's (file, app, day) keys to batchWinners' table: a read of the files without storing them. */
export async function collectFileKeys(connection: DuckDBConnection, files: readonly LoadFile[], dateColumn: string | null): Promise<void> {
  const [first] = files;
  if (first === undefined) return;
  const { readCsv, fileColumn, filter } = groupRead(files, first);
  const { app, day } = fileKey(first.layout, dateColumn);
  try {
    await connection.run(`INSERT INTO ${BATCH_KEYS} SELECT DISTINCT f.${fileColumn}, ${app}, ${day} FROM ${readCsv} AS f ${filter}`);
  } catch (error) {
    throw toOrchardError(error, (message) => blame(files, message));
  }
}

function insertSql(tableName: string, files: readonly LoadFile[], first: LoadFile, dateColumn: string | null): string {
  const { layout } = first;
  const { readCsv, fileColumn, filter } = groupRead(files, first);
  const provenanceNames = PROVENANCE_COLUMNS.map(([name]) => name);
  const provenance = files.map((f) => {
    const values: Record<string, string> = {
      _granularity: sqlString(f.instance.granularity), _processing_date: sqlDate(f.instance.processingDate),
      _instance_id: sqlString(f.instance.instanceId), _segment_id: sqlString(f.segmentId), _access_type: sqlString(f.instance.accessType),
    };
    return `(${[sqlString(f.filePath), ...provenanceNames.map((name) => values[name] ?? 'NULL')].join(', ')})`;
  });
  const targets = [...layout.columns.map((column) => quoteIdent(column.target)), ...provenanceNames, quoteIdent(LATEST_COLUMN)];
  // A file name DuckDB reports differently from the path it was given would otherwise lose its rows silently.
  const unmatched = `error('read_csv named a file it was not given: ' || f.${fileColumn})`;
  const { app, day } = fileKey(layout, dateColumn);
  const values = [
    ...layout.columns.map((column) => `f.${quoteIdent(column.readName)}`),
    ...provenanceNames.map((name) => (name === '_instance_id' ? `coalesce(p.${name}, ${unmatched})` : `p.${name}`)),
    // Kept when batchWinners marked the row's key; refreshLatest corrects any row this got wrong.
    `CASE WHEN w.file IS NULL THEN 0 ELSE ${latestValueSql('TRUE', 'p._granularity')} END`,
  ];
  return `INSERT INTO ${qualified('raw', tableName)} (${targets.join(', ')})
SELECT ${values.join(', ')}
FROM ${readCsv} AS f
LEFT JOIN (VALUES ${provenance.join(',\n  ')}) AS p(_file, ${provenanceNames.join(', ')}) ON f.${fileColumn} = p._file
LEFT JOIN ${BATCH_KEPT} AS w ON w.file = f.${fileColumn} AND w.app_id IS NOT DISTINCT FROM ${app} AND w.day IS NOT DISTINCT FROM ${day}
${filter}`;
}

/** Inserts every row of the files (all with the same header) and returns how many. */
export async function loadFiles(connection: DuckDBConnection, tableName: string, files: readonly LoadFile[], dateColumn: string | null): Promise<number> {
  const [first] = files;
  if (first === undefined) return 0;
  try {
    await connection.run('DROP TABLE IF EXISTS temp.orchard_reject_errors');
    await connection.run('DROP TABLE IF EXISTS temp.orchard_reject_scans');
    const inserted = await connection.runAndReadAll(insertSql(tableName, files, first, dateColumn));
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

/** Rows per segment of the given instances, read back after their files were loaded. */
export async function segmentRowCounts(connection: DuckDBConnection, tableName: string, instanceIds: readonly string[]): Promise<Map<string, number>> {
  const reader = await connection.runAndReadAll(
    `SELECT _segment_id, count(*) FROM ${qualified('raw', tableName)}
     WHERE _instance_id IN (${instanceIds.map(sqlString).join(', ')}) GROUP BY _segment_id`,
  );
  return new Map(reader.getRowsJson().map(([segmentId, rows]) => [String(segmentId), Number(rows)]));
}
