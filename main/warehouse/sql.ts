// Building SQL text safely for the few places where DuckDB takes no parameters (read_csv
// options, DDL, table names): every identifier and literal goes through these.

/** A double-quoted identifier: `say "hi"` → `"say ""hi"""`. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `raw."app_downloads_standard"`-style qualified name. */
export function qualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** A single-quoted string literal; DuckDB treats backslashes literally, so only quotes need doubling. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A DATE literal from `YYYY-MM-DD`, checked here because it is spliced into SQL text. */
export function sqlDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new RangeError(`Not a YYYY-MM-DD date: ${value}`);
  return `DATE ${sqlString(value)}`;
}
