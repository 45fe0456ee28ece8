// Finds the dashboard parameters a saved query declares (`:app`, `:apps`, `:from`, `:to`,
// `:granularity`) and replaces them with SQL literals. DuckDB offers no tokenizer to SQL or to the
// Node bindings, so this is a small scanner that follows DuckDB's (PostgreSQL's) lexical rules for
// what is NOT code: 'strings' (with '' and, in E'…', backslash escapes), "quoted identifiers",
// $tag$dollar strings$tag$, -- line and nested /* block */ comments. `::` casts are skipped; a
// `:word` that is not a known parameter (a struct key, a slice bound) is left alone for DuckDB.
import { PIN_PARAMETERS, type PinParameter } from '../../../shared/pins';

export interface ParameterUse {
  name: PinParameter;
  /** Offset of the colon. */
  start: number;
  /** Offset just past the name. */
  end: number;
}

const KNOWN = new Set<string>(PIN_PARAMETERS);
const IDENT_CHAR = /[A-Za-z0-9_$\u0080-\uffff]/;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;

const isIdentChar = (c: string | undefined) => c !== undefined && IDENT_CHAR.test(c);

/** End of a '…' string opened at `at` (E'…' strings also end-escape with a backslash). */
function endOfString(sql: string, at: number, backslashEscapes: boolean): number {
  let i = at + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (backslashEscapes && c === '\\') i += 2;
    else if (c === "'" && sql[i + 1] === "'") i += 2;
    else if (c === "'") return i + 1;
    else i += 1;
  }
  return sql.length;
}

function endOfQuotedIdent(sql: string, at: number): number {
  let i = at + 1;
  while (i < sql.length) {
    if (sql[i] === '"' && sql[i + 1] === '"') i += 2;
    else if (sql[i] === '"') return i + 1;
    else i += 1;
  }
  return sql.length;
}

/** Block comments nest in DuckDB's lexer: `/* a /* b *\/ c *\/` is one comment. */
function endOfBlockComment(sql: string, at: number): number {
  let depth = 0;
  let i = at;
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

/** Every use of a known parameter in code (not in strings, quoted identifiers or comments), in order. */
export function scanParameters(sql: string): ParameterUse[] {
  const uses: ParameterUse[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] ?? '';
    if (c === "'") {
      const prefix = sql[i - 1];
      const escaped = (prefix === 'E' || prefix === 'e') && !isIdentChar(sql[i - 2]);
      i = endOfString(sql, i, escaped);
    } else if (c === '"') {
      i = endOfQuotedIdent(sql, i);
    } else if (c === '-' && sql[i + 1] === '-') {
      const newline = sql.indexOf('\n', i);
      i = newline === -1 ? sql.length : newline + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      i = endOfBlockComment(sql, i);
    } else if (c === '$' && !isIdentChar(sql[i - 1])) {
      DOLLAR_TAG.lastIndex = i;
      const tag = DOLLAR_TAG.exec(sql);
      if (tag === null) {
        i += 1;
      } else {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        i = close === -1 ? sql.length : close + tag[0].length;
      }
    } else if (c === ':' && sql[i + 1] === ':') {
      i += 2;
    } else if (c === ':') {
      NAME.lastIndex = i + 1;
      const name = NAME.exec(sql);
      const word = name?.[0].toLowerCase();
      if (name !== null && word !== undefined && KNOWN.has(word) && !isIdentChar(sql[NAME.lastIndex])) {
        uses.push({ name: word as PinParameter, start: i, end: NAME.lastIndex });
        i = NAME.lastIndex;
      } else {
        i += 1;
      }
    } else if (isIdentChar(c)) {
      // Skip a whole word so `a$b$` inside an identifier is not read as a dollar quote.
      let j = i + 1;
      while (j < sql.length && isIdentChar(sql[j])) j += 1;
      i = j;
    } else {
      i += 1;
    }
  }
  return uses;
}

/** The parameters `sql` declares, each once, in the order they first appear. */
export function declaredParameters(sql: string): PinParameter[] {
  return [...new Set(scanParameters(sql).map((use) => use.name))];
}

/** `sql` with every parameter use replaced by its literal; literals are built and checked by the caller. */
export function substituteParameters(sql: string, literals: Partial<Record<PinParameter, string>>): string {
  let out = '';
  let last = 0;
  for (const use of scanParameters(sql)) {
    const literal = literals[use.name];
    if (literal === undefined) throw new Error(`No value for :${use.name}`);
    out += sql.slice(last, use.start) + literal;
    last = use.end;
  }
  return out + sql.slice(last);
}
