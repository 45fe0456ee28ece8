// How a report's raw table looks and how a segment file's columns land in it: catalogue columns
// with their types, columns the file adds (VARCHAR, or DATE for a recognised date header), and
// the provenance columns. Pure: takes the table's current columns, returns DDL and a mapping.
import {
  DATE_COLUMN_HEADERS,
  columnNameFor,
  dateColumnFor,
  findReport,
  tableNameFor,
  type CatalogueReport,
} from '../../shared/reportCatalogue';
import { qualified, quoteIdent, sqlString } from './sql';

/** A row's segment in orchard.segment_keys, which holds its instance, granularity, processing date and access type (segmentKeys.ts). */
export const SEGMENT_KEY_COLUMN = '_segment_key';
export const PROVENANCE_COLUMNS: readonly (readonly [string, string])[] = [[SEGMENT_KEY_COLUMN, 'UINTEGER']];

/**
 * One byte saying whether Apple's restatement rule keeps the row (see latest.ts) and for which
 * view: 0 superseded, else the code of its granularity below. Maintained at ingest, never loaded
 * from a file. One small integer instead of a flag plus the VARCHAR granularity makes a view one
 * integer comparison per row: a date aggregate over a view costs 1.1–1.2× the raw one instead of
 * 1.65× (test/bench/warehouseScaleBench.ts).
 */
export const LATEST_COLUMN = '_latest';
export const LATEST_TYPE = 'UTINYINT';

/** `_latest` of a kept row per granularity (a granularity Apple may add later: OTHER_LATEST). */
export const LATEST_CODES = { DAILY: 1, WEEKLY: 2, MONTHLY: 3 } as const;
export type ViewGranularity = keyof typeof LATEST_CODES;
const OTHER_LATEST = 4;

/** `_latest` of a kept row of this granularity. */
export function keptLatestCode(granularity: string): number {
  return (LATEST_CODES as Record<string, number>)[granularity] ?? OTHER_LATEST;
}

/** SQL for the `_latest` of a row whose granularity is `granularity` (SQL) and that is kept when `kept` (SQL). */
export function latestValueSql(kept: string, granularity: string): string {
  const codes = Object.entries(LATEST_CODES).map(([name, code]) => `WHEN ${sqlString(name)} THEN ${code}`).join(' ');
  return `CASE WHEN ${kept} THEN CASE ${granularity} ${codes} ELSE ${OTHER_LATEST} END ELSE 0 END`;
}

export const APP_ID_COLUMN = 'app_apple_identifier';
const DATE_COLUMN_NAMES = DATE_COLUMN_HEADERS.map(columnNameFor);

/** Column name → DuckDB type, in table order. */
export type TableColumns = Map<string, string>;

export interface FileColumn {
  /** Name given to the column in read_csv's `columns`: the trimmed header, made unique. */
  readName: string;
  /** Type read_csv converts to (that of the target column). */
  type: string;
  /** Raw table column it is inserted into. */
  target: string;
}

export interface SegmentLayout {
  /** CREATE TABLE or ALTER TABLE statements to run before loading; empty when the table fits. */
  ddl: string[];
  columns: FileColumn[];
  /** The table's columns after the DDL. */
  tableColumns: TableColumns;
}

export function rawTableName(reportName: string): string {
  return tableNameFor(reportName) || 'unnamed_report';
}

function catalogueColumns(report: CatalogueReport | undefined): TableColumns {
  return new Map((report?.columns ?? []).map((column) => [column.name, column.type] as const));
}

function uniqueName(wanted: string, taken: Set<string>): string {
  let name = wanted;
  for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${wanted}_${n}`;
  taken.add(name.toLowerCase());
  return name;
}

/**
 * Maps a segment's header onto the report's table. `existing` is null when the table does not
 * exist yet; the table is then created with the catalogue's columns plus the file's extras.
 */
export function layoutSegment(reportName: string, headerNames: readonly string[], existing: TableColumns | null): SegmentLayout {
  const report = findReport(reportName);
  const known = catalogueColumns(report);
  const table: TableColumns = new Map(existing ?? known);
  const added: [string, string][] = [];
  // read_csv's virtual columns: a header named like one would hide it from ingestLoad.
  const readNames = new Set<string>(['file_index', 'filename']);
  const targets = new Set<string>();
  const columns = headerNames.map((header, index): FileColumn => {
    const target = uniqueName(columnNameFor(header) || `column_${index + 1}`, targets);
    let type = table.get(target);
    if (type === undefined) {
      type = known.get(target) ?? (DATE_COLUMN_NAMES.includes(target) ? 'DATE' : 'VARCHAR');
      table.set(target, type);
      added.push([target, type]);
    }
    return { readName: uniqueName(header || `column_${index + 1}`, readNames), type, target };
  });
  const ddl: string[] = [];
  const tableName = qualified('raw', rawTableName(reportName));
  if (existing === null) {
    for (const [name, type] of PROVENANCE_COLUMNS) table.set(name, type);
    table.set(LATEST_COLUMN, LATEST_TYPE);
    const definitions = [...table].map(([name, type]) => `${quoteIdent(name)} ${type}`);
    ddl.push(`CREATE TABLE ${tableName} (${definitions.join(', ')})`);
  } else {
    for (const [name, type] of added) ddl.push(`ALTER TABLE ${tableName} ADD COLUMN ${quoteIdent(name)} ${type}`);
  }
  return { ddl, columns, tableColumns: table };
}

/**
 * The column Apple's merge rule keys on: the catalogue's date column, else the first recognised
 * date header present. Null when the table has none (rows then key on their processing date).
 */
export function keyDateColumn(reportName: string, tableColumns: TableColumns): string | null {
  const preferred = findReport(reportName) === undefined ? [] : [columnNameFor(dateColumnFor(reportName))];
  return [...preferred, ...DATE_COLUMN_NAMES].find((name) => tableColumns.get(name) === 'DATE') ?? null;
}
