// Splits SQL text into statements the way DuckDB reads it (semicolons outside strings, quoted
// identifiers, dollar-quoted strings and comments), and picks what Run executes: the selection,
// or the statement under the cursor.
import { skipNonCode } from '../../../shared/sqlLexer';

export interface StatementRange {
  /** Offset of the statement's first character (leading whitespace and comments skipped). */
  from: number;
  /** Offset just past its last character, before any `;`. */
  to: number;
  text: string;
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
