// The files a statement reads, found in DuckDB's parse tree (json_serialize_sql), and the refusal
// of those main only stages: hidden names (`imports/.upload-*`, `exports/.partial/`) and FX-rate
// tables (`imports/fx-rates-*.csv`). DuckDB's globs match hidden names too (`imports/*` lists
// `.upload-…`), so a pattern is expanded here and refused if any match is such a file.
import type { DuckDBConnection } from '@duckdb/node-api';
import { ONLY_READS } from './sqlAllowlist';
import { isRecord, treeNodes } from './sqlAllowlistWalk';

/** Table functions whose first argument names files (or, for query_table/histogram, a table or a file). */
export const FILE_READERS: ReadonlySet<string> = new Set([
  'read_csv', 'read_csv_auto', 'sniff_csv', 'read_parquet', 'parquet_scan', 'parquet_metadata', 'parquet_schema',
  'parquet_file_metadata', 'parquet_kv_metadata', 'parquet_full_metadata', 'parquet_bloom_probe',
  'read_json', 'read_json_auto', 'read_ndjson', 'read_ndjson_auto', 'read_json_objects', 'read_json_objects_auto',
  'read_ndjson_objects', 'read_text', 'read_blob', 'glob', 'query_table', 'histogram', 'histogram_values',
]);

const WILDCARD = /[*?[]/;
/** A name main writes only while it loads it: FX-rate tables (case-insensitive, for macOS's file system). */
const STAGED_NAME = /^fx-rates-/i;

export interface PathsRead {
  /** Every path or glob pattern named as a literal: file-reader arguments and `FROM 'file.csv'`. */
  paths: string[];
  /** A file reader whose path is not a plain string or list of strings (a concatenation, a parameter …). */
  nonLiteral: string | undefined;
}


function stringConstant(node: unknown): string | undefined {
  if (!isRecord(node) || node.class !== 'CONSTANT' || !isRecord(node.value)) return undefined;
  const value = node.value;
  const type = value.type;
  return isRecord(type) && type.id === 'VARCHAR' && value.is_null === false && typeof value.value === 'string' ? value.value : undefined;
}

/** The strings of `'a'` or `['a', 'b']`; undefined for anything else. */
function literalPaths(node: unknown): string[] | undefined {
  const one = stringConstant(node);
  if (one !== undefined) return [one];
  if (!isRecord(node) || node.function_name !== 'list_value' || !Array.isArray(node.children)) return undefined;
  const all = node.children.map(stringConstant);
  return all.every((item): item is string => item !== undefined) ? all : undefined;
}

/** Readers that also take a bare table name, `histogram(apps, x)`, which DuckDB opens as a file when no table has it. */
const TABLE_READERS: ReadonlySet<string> = new Set(['query_table', 'histogram', 'histogram_values']);

/** `schema.table` (or `"imports/x.csv"`) as a path whose every part is checked. */
function tableReference(node: unknown): string[] | undefined {
  if (!isRecord(node) || node.class !== 'COLUMN_REF' || !Array.isArray(node.column_names)) return undefined;
  const parts = node.column_names.filter((part): part is string => typeof part === 'string');
  return parts.length === node.column_names.length ? [parts.join('/')] : undefined;
}

/** `name = value` in a call is a named parameter (header = true), not a positional argument. */
function isNamedParameter(node: unknown): boolean {
  return isRecord(node) && node.type === 'COMPARE_EQUAL' && isRecord(node.left) && node.left.class === 'COLUMN_REF';
}

/** Every file path a statement names, walking the whole tree (subqueries, CTEs, DESCRIBE/SUMMARIZE inner queries). */
export function pathsRead(tree: unknown): PathsRead {
  const found: PathsRead = { paths: [], nonLiteral: undefined };
  for (const node of treeNodes(tree)) {
    // A replacement scan (`FROM 'imports/t.csv'`) is a table name that DuckDB opens as a file when no table has it.
    if (node.type === 'BASE_TABLE' && typeof node.table_name === 'string') found.paths.push(node.table_name);
    if (node.type === 'TABLE_FUNCTION' && isRecord(node.function) && typeof node.function.function_name === 'string') {
      const name = node.function.function_name.toLowerCase();
      const args = Array.isArray(node.function.children) ? node.function.children.filter((child) => !isNamedParameter(child)) : [];
      // With no argument there is no file to open (DuckDB refuses the call when binding it).
      if (FILE_READERS.has(name) && args.length > 0) {
        const paths = literalPaths(args[0]) ?? (TABLE_READERS.has(name) ? tableReference(args[0]) : undefined);
        if (paths === undefined) found.nonLiteral ??= `${name}()`;
        else found.paths.push(...paths);
      }
    }
  }
  return found;
}

/** Why main's staged files are off limits, worded for the workbench, pins and the CLI. */
function stagedRefusal(file: string): string {
  return `${file} is a hidden or staging file (an upload in progress, an FX-rate table being loaded, a partial export); `
    + `name a file that does not start with “.” or “fx-rates-”, and no “..”; ${ONLY_READS}.`;
}

/**
 * Whether some part of `file` below the allowed folder it sits in is hidden (`.x`, `..`) or a staged
 * FX-rate table. The folders themselves are not judged: the data folder may well be `~/.config/Orchard`.
 */
export function namesStagedFile(file: string, allowedDirs: readonly string[] = []): boolean {
  const slashed = file.replace(/\\/g, '/');
  const base = allowedDirs.map((dir) => dir.replace(/\\/g, '/').replace(/\/*$/, '/'))
    .find((dir) => slashed.toLowerCase().startsWith(dir.toLowerCase()));
  const below = base === undefined ? slashed : slashed.slice(base.length);
  return below.split('/').some((part) => (part.startsWith('.') && part !== '.') || STAGED_NAME.test(part));
}

async function allowedDirectories(connection: DuckDBConnection): Promise<string[]> {
  const reader = await connection.runAndReadAll("SELECT current_setting('allowed_directories')");
  const value: unknown = reader.getRowsJson()[0]?.[0];
  return Array.isArray(value) ? value.filter((dir): dir is string => typeof dir === 'string' && dir !== '') : [];
}

export interface PathRefusal {
  called: string;
  message: string;
}

/**
 * The first path in `tree` that may reach a hidden or staged file, or a file reader given a computed
 * path (DuckDB folds `'imports/' || x` into a constant, so only plain strings can be checked).
 */
export async function stagedPathRefusal(connection: DuckDBConnection, tree: unknown): Promise<PathRefusal | undefined> {
  const { paths, nonLiteral } = pathsRead(tree);
  if (nonLiteral !== undefined) {
    return { called: nonLiteral, message: `${nonLiteral} takes its file as a plain string or a list of strings here, so Orchard can check it; ${ONLY_READS}.` };
  }
  // Fetched only for a path that looks staged as a whole or is a pattern: most statements name plain tables.
  let allowedDirs: string[] | undefined;
  for (const file of paths) {
    if (!namesStagedFile(file) && !WILDCARD.test(file)) continue;
    allowedDirs ??= await allowedDirectories(connection);
    if (namesStagedFile(file, allowedDirs)) return { called: file, message: stagedRefusal(file) };
    if (!WILDCARD.test(file)) continue;
    // A failing expansion (a folder outside the allowed ones) fails the statement itself the same way.
    const matched = await connection.runAndReadAll('SELECT file FROM glob($pattern::VARCHAR)', { pattern: file })
      .then((reader) => reader.getRowsJson().map((row) => String(row[0])))
      .catch(() => [] as string[]);
    const dirs = allowedDirs;
    const staged = matched.find((match) => namesStagedFile(match, dirs));
    if (staged !== undefined) {
      return { called: file, message: `The pattern ${file} also matches ${staged}. ${stagedRefusal('That')}` };
    }
  }
  return undefined;
}
