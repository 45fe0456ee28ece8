// Finds the dashboard parameters a saved query declares (`:app`, `:apps`, `:from`, `:to`,
// `:granularity`) and replaces them with SQL literals. DuckDB offers no tokenizer to SQL or to the
// Node bindings, so strings, quoted identifiers, dollar strings and comments are skipped by the
// workbench's own lexical rules (shared/sqlLexer.ts). `::` casts are skipped; a `:word` that is not
// a known parameter (a struct key, a slice bound) is left alone for DuckDB. Main fills tiles' (and
// the workbench's) statements with it; the workbench asks it whether a statement declares any.
import { PIN_PARAMETERS, type PinParameter } from './pins';
import { isIdentChar, skipNonCode } from './sqlLexer';

export interface ParameterUse {
  name: PinParameter;
  /** Offset of the colon. */
  start: number;
  /** Offset just past the name. */
  end: number;
}

const KNOWN_NAMES = new Set<string>(PIN_PARAMETERS);
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

/** Every use of a known parameter in code (not in strings, quoted identifiers or comments), in order. */
export function scanParameters(sql: string): ParameterUse[] {
  const uses: ParameterUse[] = [];
  let i = 0;
  while (i < sql.length) {
    const next = skipNonCode(sql, i);
    const c = sql[i] ?? '';
    if (next !== i) {
      i = next;
    } else if (c === ':' && sql[i + 1] === ':') {
      i += 2;
    } else if (c === ':') {
      NAME.lastIndex = i + 1;
      const name = NAME.exec(sql);
      const word = name?.[0].toLowerCase();
      if (name !== null && word !== undefined && KNOWN_NAMES.has(word) && !isIdentChar(sql[NAME.lastIndex])) {
        uses.push({ name: word as PinParameter, start: i, end: NAME.lastIndex });
        i = NAME.lastIndex;
      } else {
        i += 1;
      }
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
