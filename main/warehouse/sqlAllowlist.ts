// Which of DuckDB's functions user SQL may call: table functions only from a list known to only
// read, and every scalar or aggregate except the few that change state. Anything DuckDB adds in an
// upgrade is refused until it is put on a list here (test/security/sqlAllowlist.test.ts fails
// until then). The paths the file readers may open are limited by DuckDB’s own settings (open.ts),
// and sqlPaths.ts keeps them off the files main only stages.

/** How every refusal ends: worded for the workbench, pins and the CLI alike. */
export const ONLY_READS = 'Orchard only reads here';

/** Table functions (and table macros) known to only read. */
export const READING_TABLE_FUNCTIONS: ReadonlySet<string> = new Set([
  // Rows made from arguments.
  'range', 'generate_series', 'unnest', 'repeat', 'repeat_row', 'summary',
  // Files, inside the folders DuckDB's allowed_directories admits (segments, exports, imports, sales).
  'read_csv', 'read_csv_auto', 'sniff_csv', 'read_parquet', 'parquet_scan', 'parquet_metadata', 'parquet_schema',
  'parquet_file_metadata', 'parquet_kv_metadata', 'parquet_full_metadata', 'parquet_bloom_probe',
  'read_json', 'read_json_auto', 'read_ndjson', 'read_ndjson_auto', 'read_json_objects', 'read_json_objects_auto',
  'read_ndjson_objects', 'read_text', 'read_blob', 'glob', 'json_each', 'json_tree',
  // A table by name (histogram() below uses it): DuckDB parses the argument as a qualified table name, never as SQL.
  'query_table', 'histogram', 'histogram_values',
  // The catalogue (the workbench's catalogue panel, DuckDB's own views such as pg_catalog and duckdb_tables, the PRAGMA rewrites).
  'duckdb_columns', 'duckdb_constraints', 'duckdb_databases', 'duckdb_dependencies', 'duckdb_functions', 'duckdb_indexes',
  'duckdb_keywords', 'duckdb_schemas', 'duckdb_sequences', 'duckdb_tables', 'duckdb_types', 'duckdb_views',
  'duckdb_settings', 'duckdb_profiling_settings', 'duckdb_prepared_statements', 'duckdb_variables', 'duckdb_optimizers',
  'duckdb_memory', 'duckdb_temporary_files', 'duckdb_external_file_cache', 'duckdb_table_sample', 'duckdb_connection_count',
  'duckdb_approx_database_count', 'duckdb_coordinate_systems', 'duckdb_secret_types',
  // DuckDB's log may be read, never switched on: enable_logging is refused (lock_configuration alone did not stop it).
  'duckdb_logs', 'duckdb_logs_parsed', 'duckdb_log_contexts',
  'pragma_table_info', 'pragma_show', 'pragma_storage_info', 'pragma_database_size', 'pragma_metadata_info', 'pragma_version',
  'pragma_platform', 'pragma_user_agent', 'pragma_collations',
  'pg_timezone_names', 'icu_calendar_names', 'sql_auto_complete',
]);

/** Table functions refused, with what each does; any other not on the list above is refused too. */
export const REFUSED_TABLE_FUNCTIONS: Readonly<Record<string, string>> = {
  checkpoint: 'changes the database file',
  force_checkpoint: 'changes the database file',
  enable_logging: 'changes DuckDB’s settings and writes a log of every statement',
  disable_logging: 'changes DuckDB’s settings',
  truncate_duckdb_logs: 'deletes DuckDB’s log',
  enable_profiling: 'changes DuckDB’s settings and writes profiling files',
  disable_profiling: 'changes DuckDB’s settings',
  enable_peg_parser: 'changes how DuckDB parses SQL',
  disable_peg_parser: 'changes how DuckDB parses SQL',
  check_peg_parser: 'is a test of DuckDB’s experimental parser',
  query: 'runs SQL given as text, which Orchard cannot check',
  json_execute_serialized_sql: 'runs a serialised statement, which Orchard cannot check',
  arrow_scan: 'reads memory at addresses given as numbers',
  arrow_scan_dumb: 'reads memory at addresses given as numbers',
  read_duckdb: 'attaches another DuckDB database file',
  duckdb_secrets: 'lists stored credentials',
  which_secret: 'looks up stored credentials',
  duckdb_extensions: 'reads DuckDB’s extension folder outside the data folder',
  seq_scan: 'is internal to DuckDB',
  test_all_types: 'is a DuckDB test helper',
  test_vector_types: 'is a DuckDB test helper',
};

/**
 * Scalar functions DuckDB marks as having side effects that only produce values (random numbers,
 * ids, the current query, an error, a wait the Stop button interrupts), so they may run.
 */
export const VOLATILE_BUT_READING: ReadonlySet<string> = new Set([
  'random', 'uuid', 'uuidv4', 'uuidv7', 'gen_random_uuid', 'current_query', 'current_query_id', 'current_connection_id',
  'current_transaction_id', 'error', 'stats', 'currval', 'sleep_ms',
]);

/** Scalar functions that change state, with what each does. */
export const REFUSED_SCALAR_FUNCTIONS: Readonly<Record<string, string>> = {
  nextval: 'advances a sequence (a write)',
  setseed: 'changes the random seed of later queries',
  write_log: 'writes to DuckDB’s log',
};

/** PRAGMAs never run (only the rewrites in readOnlyGate.ts do); listed so an upgrade's new ones are looked at. */
export const REFUSED_PRAGMAS: ReadonlySet<string> = new Set([
  'add_parquet_key', 'all_profiling_output', 'copy_database', 'disable_checkpoint_on_shutdown', 'disable_object_cache',
  'disable_optimizer', 'disable_print_progress_bar', 'disable_profile', 'disable_profiling', 'disable_progress_bar',
  'disable_verification', 'disable_verify_external', 'disable_verify_fetch_row', 'disable_verify_parallelism',
  'disable_verify_serializer', 'enable_checkpoint_on_shutdown', 'enable_object_cache', 'enable_optimizer',
  'enable_print_progress_bar', 'enable_profile', 'enable_profiling', 'enable_progress_bar', 'enable_verification',
  'extension_versions', 'force_checkpoint', 'functions', 'import_database', 'json_execute_serialized_sql', 'metadata_info',
  'user_agent', 'verify_external', 'verify_fetch_row', 'verify_parallelism', 'verify_serializer',
]);

/** `record[key]` only when the record itself holds it (never Object.prototype's `constructor` …). */
function own(record: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Why `name()` may not run in a FROM clause, or undefined when it may. */
export function tableFunctionRefusal(name: string): string | undefined {
  const key = name.toLowerCase();
  if (READING_TABLE_FUNCTIONS.has(key)) return undefined;
  const does = own(REFUSED_TABLE_FUNCTIONS, key);
  if (does !== undefined) return `${key}() ${does}; ${ONLY_READS}.`;
  return `Table function ${key}() is not on Orchard’s read-only list (range, generate_series, unnest, read_csv, read_parquet, read_json, glob, the duckdb_* and pragma_* catalogue readers …), so it does not run; ${ONLY_READS}.`;
}

/** Why the scalar or aggregate `name()` may not run, or undefined when it may. */
export function scalarFunctionRefusal(name: string): string | undefined {
  const key = name.toLowerCase();
  const does = own(REFUSED_SCALAR_FUNCTIONS, key);
  return does === undefined ? undefined : `${key}() ${does}; ${ONLY_READS}.`;
}
