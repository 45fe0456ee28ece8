// The warehouse's public surface: open a workspace's DuckDB file and use what it returns.
export { openWarehouse, DATABASE_FILE, WAREHOUSE_CATALOG } from './open';
export { MAX_PAGE_ROWS } from './queryService';
export { RESULTS_DATABASE } from './readOnlyRun';
export { SCHEMA_VERSION } from './schema';
export { PROVENANCE_COLUMNS, rawTableName } from './tableLayout';
export type * from './types';
export { USER_SCHEMA, USER_TABLE_NAME } from './userImport';
