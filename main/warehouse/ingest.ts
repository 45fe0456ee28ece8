// Loads one report instance in one transaction: its previous rows are deleted, every segment is
// read by DuckDB's own read_csv (typed from the catalogue), the metadata rows are updated and the
// latest-wins view is refreshed when the table changed. Any failure rolls everything back.
import { realpath } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import { ACCESS_TYPES, GRANULARITIES } from '../../shared/ascTypes';
import { OrchardError } from '../../shared/errors';
import type { Logger } from '../logging/logger';
import { cancelledError, toOrchardError } from './errors';
import { readSegmentHeader, type SegmentHeader } from './headerSniff';
import { recordIngestedInstance, sameProcessingDateInstances } from './ingestRecords';
import type { ConnectionLane } from './lane';
import { PROVENANCE_COLUMNS, keyDateColumn, layoutSegment, rawTableName, type SegmentLayout, type TableColumns } from './tableLayout';
import { quoteIdent, sqlDate, sqlString } from './sql';
import type { IngestInput } from './types';
import { latestViewSql } from './views';

const ingestInputSchema = z.object({
  reportName: z.string().trim().min(1),
  category: z.string().optional(),
  accessType: z.enum(ACCESS_TYPES),
  instanceId: z.string().min(1),
  granularity: z.enum(GRANULARITIES),
  processingDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  segments: z
    .array(z.object({ segmentId: z.string().min(1), filePath: z.string().min(1), checksum: z.string(), sizeInBytes: z.number().int().nonnegative() }))
    .min(1),
  appId: z.string().optional(),
  reportId: z.string().optional(),
});

export interface IngestDeps {
  lane: ConnectionLane;
  now: () => Date;
  logger: Logger;
}

interface SegmentFile {
  segmentId: string;
  filePath: string;
  header: SegmentHeader | null;
  layout?: SegmentLayout;
}

const REJECTS = "rejects_table='orchard_reject_errors', rejects_scan='orchard_reject_scans'";

export async function ingestInstance(deps: IngestDeps, rawInput: IngestInput, signal?: AbortSignal): Promise<{ rows: number }> {
  const parsed = ingestInputSchema.safeParse(rawInput);
  if (!parsed.success) {
    throw new OrchardError('BAD_INPUT', `Invalid ingest request: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const input = parsed.data;
  const files = await Promise.all(input.segments.map(async (segment): Promise<SegmentFile> => {
    const filePath = await realpath(segment.filePath).catch(() => {
      throw new OrchardError('BAD_INPUT', `Segment file not found: ${segment.filePath}`, { file: segment.filePath });
    });
    return { segmentId: segment.segmentId, filePath, header: await readSegmentHeader(filePath) };
  }));
  if (signal?.aborted) throw cancelledError();
  return deps.lane.transaction(async (connection) => {
    try {
      return { rows: await loadInTransaction(connection, input, files, deps, signal) };
    } catch (error) {
      throw toOrchardError(error, (message) =>
        new OrchardError('INTERNAL', `Could not load ${input.reportName} instance ${input.instanceId}: ${message}`));
    }
  }, signal);
}

async function loadInTransaction(
  connection: DuckDBConnection,
  input: z.infer<typeof ingestInputSchema>,
  files: SegmentFile[],
  deps: IngestDeps,
  signal: AbortSignal | undefined,
): Promise<number> {
  const tableName = rawTableName(input.reportName);
  let tableColumns = await readTableColumns(connection, tableName);
  let tableChanged = false;
  const applyLayout = async (names: readonly string[]): Promise<SegmentLayout> => {
    const layout = layoutSegment(input.reportName, names, tableColumns);
    for (const statement of layout.ddl) await connection.run(statement);
    tableChanged ||= layout.ddl.length > 0;
    tableColumns = layout.tableColumns;
    return layout;
  };
  for (const file of files) if (file.header !== null) file.layout = await applyLayout(file.header.names);
  if (tableColumns === null) await applyLayout([]);

  await connection.run(`DELETE FROM raw.${quoteIdent(tableName)} WHERE _instance_id = $1`, [input.instanceId]);
  const segmentRows = new Map<string, number>();
  for (const file of files) {
    if (signal?.aborted) throw cancelledError();
    const rows = file.header === null || file.layout === undefined
      ? 0
      : await loadSegment(connection, tableName, file, file.header, file.layout, input);
    segmentRows.set(file.segmentId, rows);
  }
  const total = [...segmentRows.values()].reduce((sum, rows) => sum + rows, 0);

  await recordIngestedInstance(connection, { ...input, tableName, segmentRows, filePaths: new Map(files.map((f) => [f.segmentId, f.filePath])) }, deps.now());
  if (tableChanged && tableColumns !== null) {
    await connection.run(latestViewSql(tableName, tableColumns, keyDateColumn(input.reportName, tableColumns)));
  }
  const rivals = await sameProcessingDateInstances(connection, { ...input, tableName });
  if (rivals.length > 0) {
    // Apple leaves the winner undocumented; the view's fixed tie-break decides, and this says so.
    deps.logger.info('warehouse.same-processing-date', { report: input.reportName, instanceId: input.instanceId, processingDate: input.processingDate, rivals });
  }
  return total;
}

async function readTableColumns(connection: DuckDBConnection, tableName: string): Promise<TableColumns | null> {
  const reader = await connection.runAndReadAll(
    `SELECT column_name, data_type FROM duckdb_columns()
     WHERE database_name = current_database() AND schema_name = 'raw' AND table_name = $1 ORDER BY column_index`,
    [tableName],
  );
  const rows = reader.getRowsJson();
  return rows.length === 0 ? null : new Map(rows.map((row) => [String(row[0]), String(row[1])]));
}

/** Rows of an all-text file equal to its header are repeated headers, not data. */
function repeatedHeaderFilter(layout: SegmentLayout, header: SegmentHeader): string {
  if (layout.columns.some((column) => column.type !== 'VARCHAR')) return '';
  const tests = layout.columns.map((column, index) => {
    const field = header.fields[index] ?? '';
    const name = quoteIdent(column.readName);
    if (field === '') return `${name} IS NULL`;
    return index === 0 ? `${name} IN (${sqlString(field)}, ${sqlString(`\uFEFF${field}`)})` : `${name} = ${sqlString(field)}`;
  });
  return `WHERE (${tests.join(' AND ')}) IS NOT TRUE`;
}

async function loadSegment(
  connection: DuckDBConnection,
  tableName: string,
  file: SegmentFile,
  header: SegmentHeader,
  layout: SegmentLayout,
  input: z.infer<typeof ingestInputSchema>,
): Promise<number> {
  const columnsStruct = layout.columns.map((column) => `${sqlString(column.readName)}: ${sqlString(column.type)}`).join(', ');
  const readCsv = `read_csv(${sqlString(file.filePath)}, delim=${sqlString(header.delimiter)}, header=true, quote='', escape='',
    columns={${columnsStruct}}, dateformat='%Y-%m-%d', compression='gzip', auto_detect=false, store_rejects=true, ${REJECTS})`;
  const targets = [...layout.columns.map((column) => quoteIdent(column.target)), ...PROVENANCE_COLUMNS.map(([name]) => name)];
  const values = [
    ...layout.columns.map((column) => quoteIdent(column.readName)),
    sqlString(input.granularity),
    sqlDate(input.processingDate),
    sqlString(input.instanceId),
    sqlString(file.segmentId),
    sqlString(input.accessType),
  ];
  const badFile = (message: string, details: Record<string, unknown> = {}) =>
    new OrchardError('BAD_INPUT', `Segment ${file.segmentId} of ${input.reportName} (${file.filePath}) could not be loaded: ${message}`,
      { file: file.filePath, segmentId: file.segmentId, ...details });
  try {
    await connection.run('DROP TABLE IF EXISTS temp.orchard_reject_errors');
    await connection.run('DROP TABLE IF EXISTS temp.orchard_reject_scans');
    const inserted = await connection.runAndReadAll(
      `INSERT INTO raw.${quoteIdent(tableName)} (${targets.join(', ')})
       SELECT ${values.join(', ')} FROM ${readCsv} ${repeatedHeaderFilter(layout, header)}`,
    );
    // Rejected lines are allowed only when they are the header again; anything else fails the load.
    const rejects = await connection.runAndReadAll(
      `SELECT line, column_name, error_type, error_message, left(csv_line, 200) FROM temp.orchard_reject_errors
       WHERE ltrim(rtrim(csv_line, chr(13)), chr(65279)) IS DISTINCT FROM $1 ORDER BY line LIMIT 1`,
      [header.line],
    );
    const reject = rejects.getRowsJson()[0];
    if (reject !== undefined) {
      const [line, column, errorType, errorMessage, csvLine] = reject;
      throw badFile(`line ${String(line)}${column === null ? '' : `, column "${String(column)}"`}: ${String(errorMessage)}`,
        { line: Number(line), column, errorType, csvLine });
    }
    return Number(inserted.getRowsJson()[0]?.[0] ?? 0);
  } catch (error) {
    throw toOrchardError(error, (message) => badFile(message, { duckdb: message }));
  }
}
