// Finds every function a statement calls in DuckDB's own parse tree (json_serialize_sql): table
// functions in FROM clauses, and every scalar, aggregate or window function, wherever it sits —
// subqueries, CTEs, set operations, lateral joins, function arguments, lambdas, DESCRIBE/SHOW/
// SUMMARIZE inner queries. The walk is generic over the JSON, so a node kind it does not know is
// still searched: DuckDB's serialiser writes the whole tree (its test suite checks it round-trips).
import { ONLY_READS, REFUSED_TABLE_FUNCTIONS, scalarFunctionRefusal, tableFunctionRefusal } from './sqlAllowlist';

export interface FunctionsCalled {
  /** Functions called in FROM (table functions and table macros), lower-cased. */
  tableFunctions: Set<string>;
  /** Every function called, wherever (table functions too), lower-cased: scalars, aggregates, window functions, operators. */
  functions: Set<string>;
  /** A FROM-clause function call whose name the walk could not read: refused, since it cannot be checked. */
  unreadable: boolean;
}

export type JsonRecord = Record<string, unknown>;

export const isRecord = (value: unknown): value is JsonRecord => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every object node of a parse tree, depth first; the one walk the gate's checks share. */
export function* treeNodes(tree: unknown): Generator<JsonRecord> {
  // An explicit stack, not recursion: a deeply nested hostile statement must not overflow ours.
  const pending: unknown[] = [tree];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    // Pushed one by one: spreading a 100,000-row VALUES list into push() would overflow the call stack.
    const children = Array.isArray(node) ? node : isRecord(node) ? Object.values(node) : [];
    for (const child of children) if (typeof child === 'object' && child !== null) pending.push(child);
    if (isRecord(node)) yield node;
  }
}

/** Every function called anywhere in `tree` (a json_serialize_sql statement, or the whole output). */
export function functionsCalled(tree: unknown): FunctionsCalled {
  const called: FunctionsCalled = { tableFunctions: new Set(), functions: new Set(), unreadable: false };
  for (const node of treeNodes(tree)) {
    if (node.type === 'TABLE_FUNCTION') {
      // A FROM-clause call keeps its function under `function`; its arguments are ordinary expressions, walked below.
      const call = node.function;
      if (isRecord(call) && typeof call.function_name === 'string') called.tableFunctions.add(call.function_name.toLowerCase());
      else called.unreadable = true;
    }
    if (typeof node.function_name === 'string') called.functions.add(node.function_name.toLowerCase());
  }
  return called;
}

export interface AllowlistRefusal {
  /** The function refused, as `name()`. */
  called: string;
  message: string;
}

/** The first function in `tree` that may not run, with why, or undefined when every one may. */
export function allowlistRefusal(tree: unknown): AllowlistRefusal | undefined {
  const called = functionsCalled(tree);
  if (called.unreadable) return { called: 'table function', message: `This statement calls a table function Orchard cannot identify; ${ONLY_READS}.` };
  for (const name of called.tableFunctions) {
    const message = tableFunctionRefusal(name);
    if (message !== undefined) return { called: `${name}()`, message };
  }
  for (const name of called.functions) {
    // A refused table function is refused wherever it is written, should DuckDB ever accept it outside FROM.
    const message = scalarFunctionRefusal(name) ?? (Object.hasOwn(REFUSED_TABLE_FUNCTIONS, name) ? tableFunctionRefusal(name) : undefined);
    if (message !== undefined) return { called: `${name}()`, message };
  }
  return undefined;
}
