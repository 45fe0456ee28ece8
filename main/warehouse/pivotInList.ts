// Where a `PIVOT source ON expr USING …` without an IN list splits, found by a small top-level
// scan (strings, quoted names, comments and parentheses skipped). DuckDB expands such a PIVOT
// into CREATE TYPE … AS ENUM plus the pivot; the gate instead fills in the IN list, so the split
// only has to be good enough to build queries that are then checked like any other.

export interface PivotSplit {
  /** The text between PIVOT and ON: a table name or a parenthesised query, perhaps with an alias. */
  source: string;
  /** The ON expressions, one per top-level comma. */
  on: string[];
  /** Where ` IN (…)` goes: right after the (single) ON expression. */
  insertAt: number;
}

interface Token {
  text: string;
  start: number;
  end: number;
}

/** Words, commas and semicolons outside parentheses, strings, quoted names and comments. */
function topLevelTokens(sql: string, from: number): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  let at = from;
  const skipQuoted = (quote: string) => {
    at += 1;
    while (at < sql.length) {
      if (sql[at] === quote) {
        if (sql[at + 1] !== quote) break;
        at += 1;
      }
      at += 1;
    }
    at += 1;
  };
  while (at < sql.length) {
    const char = sql[at] ?? '';
    if (char === "'" || char === '"') skipQuoted(char);
    else if (sql.startsWith('--', at)) at = sql.includes('\n', at) ? sql.indexOf('\n', at) + 1 : sql.length;
    else if (sql.startsWith('/*', at)) at = sql.includes('*/', at) ? sql.indexOf('*/', at) + 2 : sql.length;
    else if ('([{'.includes(char) || ')]}'.includes(char)) {
      depth += '([{'.includes(char) ? 1 : -1;
      at += 1;
    } else if (/[A-Za-z_]/.test(char)) {
      const word = /[A-Za-z_][A-Za-z0-9_$]*/y;
      word.lastIndex = at;
      const text = word.exec(sql)?.[0] ?? char;
      if (depth === 0) tokens.push({ text: text.toUpperCase(), start: at, end: at + text.length });
      at += text.length;
    } else {
      if (depth === 0 && (char === ',' || char === ';')) tokens.push({ text: char, start: at, end: at + 1 });
      at += 1;
    }
  }
  return tokens;
}

/** Clauses that may follow PIVOT's ON list. */
const AFTER_ON = new Set(['USING', 'GROUP', 'ORDER', 'LIMIT', 'OFFSET', ';']);

/** The parts of `PIVOT … ON … [USING …]` starting at `afterPivot`; undefined when there is no top-level ON or it already has IN. */
export function splitPivot(sql: string, afterPivot: number): PivotSplit | undefined {
  const tokens = topLevelTokens(sql, afterPivot);
  const onIndex = tokens.findIndex((token) => token.text === 'ON');
  const on = tokens[onIndex];
  if (on === undefined) return undefined;
  const rest = tokens.slice(onIndex + 1);
  const endIndex = rest.findIndex((token) => AFTER_ON.has(token.text));
  const end = endIndex === -1 ? sql.length : (rest[endIndex]?.start ?? sql.length);
  const onTokens = endIndex === -1 ? rest : rest.slice(0, endIndex);
  if (onTokens.some((token) => token.text === 'IN')) return undefined;
  const expressions: string[] = [];
  let start = on.end;
  for (const comma of onTokens.filter((token) => token.text === ',')) {
    expressions.push(sql.slice(start, comma.start).trim());
    start = comma.end;
  }
  expressions.push(sql.slice(start, end).trim());
  return { source: sql.slice(afterPivot, on.start).trim(), on: expressions, insertAt: end };
}
