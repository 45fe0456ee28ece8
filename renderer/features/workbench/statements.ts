// Splits SQL text into statements the way DuckDB reads it (semicolons outside strings, quoted
// identifiers, dollar-quoted strings and comments), and picks what Run executes: the selection,
// or the statement under the cursor.

export interface StatementRange {
  /** Offset of the statement's first character (leading whitespace and comments skipped). */
  from: number;
  /** Offset just past its last character, before any `;`. */
  to: number;
  text: string;
}

/** Offset after a `'…'` or `"…"` run starting at `start` (a doubled quote stays inside). */
function skipQuoted(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i += 1;
  }
  return sql.length;
}

/** Offset after a `/* … *\/` comment; DuckDB, like PostgreSQL, lets them nest. */
function skipBlockComment(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth += 1;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else i += 1;
  }
  return sql.length;
}

const DOLLAR_TAG = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/;

/** Offset just past whatever token starts at `i` when it is a string, identifier or comment; else i. */
function skipNonCode(sql: string, i: number): number {
  const c = sql[i];
  if (c === "'" || c === '"') return skipQuoted(sql, i, c);
  if (c === '-' && sql[i + 1] === '-') {
    const end = sql.indexOf('\n', i);
    return end < 0 ? sql.length : end + 1;
  }
  if (c === '/' && sql[i + 1] === '*') return skipBlockComment(sql, i);
  if (c === '$') {
    const tag = DOLLAR_TAG.exec(sql.slice(i, i + 66))?.[0];
    if (tag !== undefined) {
      const end = sql.indexOf(tag, i + tag.length);
      return end < 0 ? sql.length : end + tag.length;
    }
  }
  return i;
}

/** Whether `text` holds anything besides whitespace and comments. */
function hasCode(text: string): boolean {
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if ((c === '-' && text[i + 1] === '-') || (c === '/' && text[i + 1] === '*')) {
      i = skipNonCode(text, i);
      continue;
    }
    return true;
  }
  return false;
}

function trimmed(sql: string, from: number, to: number): StatementRange {
  let start = from;
  let end = to;
  while (start < end && /\s/.test(sql[start] ?? '')) start += 1;
  while (end > start && /\s/.test(sql[end - 1] ?? '')) end -= 1;
  return { from: start, to: end, text: sql.slice(start, end) };
}

/** Statements in order; empty ones (only whitespace or comments) are left out. */
export function splitStatements(sql: string): StatementRange[] {
  const statements: StatementRange[] = [];
  let start = 0;
  let i = 0;
  while (i < sql.length) {
    const next = skipNonCode(sql, i);
    if (next !== i) {
      i = next;
      continue;
    }
    if (sql[i] === ';') {
      const range = trimmed(sql, start, i);
      if (hasCode(range.text)) statements.push(range);
      start = i + 1;
    }
    i += 1;
  }
  const last = trimmed(sql, start, sql.length);
  if (hasCode(last.text)) statements.push(last);
  return statements;
}

/**
 * The statement the cursor is in, counting the `;` that ends it; between statements, the one
 * before the cursor (where a cursor lands after typing `;`), else the first one after it.
 */
export function statementAt(sql: string, cursor: number): StatementRange | undefined {
  const statements = splitStatements(sql);
  const inside = statements.find((s) => cursor >= s.from && cursor <= s.to + (sql[s.to] === ';' ? 1 : 0));
  if (inside) return inside;
  const before = statements.filter((s) => s.to <= cursor).at(-1);
  return before ?? statements.find((s) => s.from >= cursor);
}

/** What Run executes: the selected text when there is a selection, else the statement at the cursor. */
export function sqlToRun(sql: string, selection: { from: number; to: number }): StatementRange | undefined {
  if (selection.to > selection.from) {
    const range = trimmed(sql, selection.from, selection.to);
    const statements = splitStatements(range.text);
    if (statements.length === 1 && statements[0]) {
      const only = statements[0];
      return { from: range.from + only.from, to: range.from + only.to, text: only.text };
    }
    return hasCode(range.text) ? range : undefined;
  }
  return statementAt(sql, selection.from);
}

/** Offset in `sql` of DuckDB's 1-based line and column. */
export function offsetOf(sql: string, line: number, column = 1): number {
  let offset = 0;
  for (let l = 1; l < line; l += 1) {
    const end = sql.indexOf('\n', offset);
    if (end < 0) return sql.length;
    offset = end + 1;
  }
  const lineEnd = sql.indexOf('\n', offset);
  return Math.min(offset + column - 1, lineEnd < 0 ? sql.length : lineEnd);
}
