// Where SQL text is not code, by DuckDB's (PostgreSQL's) lexical rules: 'strings' ('' inside, and
// backslash escapes in E'…'), "quoted identifiers", $tag$dollar strings$tag$, -- line comments and
// /* block comments */, which nest. The workbench splits statements with it; main finds the
// dashboard parameters a saved query declares with it (DuckDB exposes no tokenizer to either).

const IDENT_CHAR = /[A-Za-z0-9_$\u0080-\uffff]/;
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;

/** A character that may continue an unquoted identifier (or keyword). */
export function isIdentChar(c: string | undefined): boolean {
  return c !== undefined && IDENT_CHAR.test(c);
}

/** Offset after a quoted run starting at `start` (a doubled quote stays inside; E'…' also escapes with a backslash). */
function skipQuoted(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (backslashEscapes && c === '\\') i += 2;
    else if (c === quote && sql[i + 1] === quote) i += 2;
    else if (c === quote) return i + 1;
    else i += 1;
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

/**
 * Offset just past whatever token starts at `i` when it is a string, quoted identifier, dollar
 * string or comment; else `i`. Unterminated ones run to the end of the text.
 */
export function skipNonCode(sql: string, i: number): number {
  const c = sql[i];
  if (c === "'") {
    const prefix = sql[i - 1];
    return skipQuoted(sql, i, c, (prefix === 'E' || prefix === 'e') && !isIdentChar(sql[i - 2]));
  }
  if (c === '"') return skipQuoted(sql, i, c, false);
  if (c === '-' && sql[i + 1] === '-') {
    const end = sql.indexOf('\n', i);
    return end < 0 ? sql.length : end + 1;
  }
  if (c === '/' && sql[i + 1] === '*') return skipBlockComment(sql, i);
  // `$` inside a name (`a$b$`) does not open a dollar string.
  if (c === '$' && !isIdentChar(sql[i - 1])) {
    DOLLAR_TAG.lastIndex = i;
    const tag = DOLLAR_TAG.exec(sql)?.[0];
    if (tag !== undefined) {
      const end = sql.indexOf(tag, i + tag.length);
      return end < 0 ? sql.length : end + tag.length;
    }
  }
  return i;
}
