// One rule for every CSV Orchard writes (workbench export, dashboard tile CSV, `orchard query
// --format csv`): a text cell that starts with = + - @ TAB or CR would run as a formula when the
// file is opened in a spreadsheet, so it gets a leading ' (the OWASP "CSV injection" advice).
// Numbers, dates and other typed values are never touched: -2 stays a number.

/** First characters a spreadsheet reads as the start of a formula (or strips before one). */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** The character-code form of FORMULA_START, for code that scans bytes. */
export const FORMULA_START_CODES: ReadonlySet<number> = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d]);

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * DuckDB column types whose values are free text and may carry a formula. Numbers, dates, times,
 * booleans, UUIDs and nested values (written starting with [ or {) are left alone.
 */
export function isTextColumnType(type: string): boolean {
  const t = type.trim().toUpperCase();
  return /^(VARCHAR|TEXT|STRING|CHAR|BPCHAR|JSON|BLOB|BYTEA)(\(.*\))?$/.test(t) || t.startsWith('ENUM');
}
