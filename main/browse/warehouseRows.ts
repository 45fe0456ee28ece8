// Rows of Orchard's own read-only SQL, as the browse read models consume them. They read through
// the warehouse's metadata reader (MetadataStore.read), never the workbench's query engine. SQL
// text is built only from validated IDs, always through sqlString/quoteIdent.
import type { JsonValue } from '../warehouse';

export type Row = Record<string, JsonValue>;

export type ReadRows = (sql: string) => Promise<Row[]>;

export function str(value: JsonValue | undefined): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}

export function num(value: JsonValue | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}

export function numOrNull(value: JsonValue | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}
