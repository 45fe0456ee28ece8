// Bring your own data: CSV or Parquet files the user imports into the warehouse's `user` schema
// (ad spend, targets) to join with Apple's numbers. The renderer sends the file's bytes in
// chunks, never a path; main writes them inside the data folder and DuckDB loads them.

export const IMPORT_FORMATS = ['csv', 'parquet'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Largest file one import accepts. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
/** Bytes per `imports:chunk` call (base64 in JSON stays well under the loopback bridge's body limit). */
export const IMPORT_CHUNK_BYTES = 2 * 1024 * 1024;

/** A table in the `user` schema: lowercase letter, then lowercase letters, digits or _. */
export const USER_TABLE_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;

export interface ImportedTable {
  /** The table is `user.<name>`. */
  name: string;
  rows: number;
  columns: number;
}

/** The format a file name's extension says, if it is one Orchard imports. */
export function importFormatOf(fileName: string): ImportFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.tsv') || lower.endsWith('.txt')) return 'csv';
  if (lower.endsWith('.parquet')) return 'parquet';
  return null;
}

/** A table name proposed from a file name: `Ad Spend 2026.csv` → `ad_spend_2026`. */
export function proposedTableName(fileName: string): string {
  const base = fileName.replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  if (base === '') return 'imported';
  const named = /^[a-z]/.test(base) ? base : `t_${base}`;
  return named.slice(0, 63).replace(/_+$/, '');
}
