// `orchard query`'s engine: one statement the gate allows (readOnlyGate.ts), streamed chunk by
// chunk as DuckDB produces it instead of stored as a results table first, so memory stays bounded
// whatever the row count and the first row comes at once. The same second wall as the workbench
// (readOnlyRun.ts): the user's text is prepared where only a query parses, inside a transaction
// that first wrote to the results database, so DuckDB refuses any write to the warehouse.
import type { DuckDBConnection, DuckDBResult } from '@duckdb/node-api';
import { queryFailed } from './errors';
import type { ConnectionLane } from './lane';
import { readOnlyPlan } from './readOnlyGate';
import { resultsOnlyTransaction, type ReadPlan } from './readOnlyRun';
import type { JsonValue, ResultColumn } from './types';

export interface RowSink {
  /** Called once, before any row. */
  columns(columns: ResultColumn[]): Promise<void> | void;
  /** One chunk of rows (JSON values as the workbench's pages give them); the next is fetched once this resolves. */
  rows(rows: JsonValue[][]): Promise<void>;
}

export interface QueryStreamer {
  /** Streams one read-only statement's rows into `sink`; resolves with the row count. */
  streamQuery(sql: string, sink: RowSink, signal?: AbortSignal): Promise<number>;
}

/** The plan as text where DuckDB's grammar admits only a query: a subquery's body, or EXPLAIN of one. */
function streamedText(plan: ReadPlan): { sql: string; lineOffset: number } {
  const body = `(\n${plan.sql.replace(/[\s;]+$/, '')}\n)`;
  if (plan.kind === 'explain') return { sql: `EXPLAIN ${plan.analyze ? 'ANALYZE ' : ''}FROM ${body}`, lineOffset: 1 };
  return { sql: `FROM ${body}`, lineOffset: 1 };
}

async function prepareAndStream(connection: DuckDBConnection, plan: ReadPlan): Promise<DuckDBResult> {
  const { sql, lineOffset } = streamedText(plan);
  const prepared = await connection.prepare(sql).catch((error: unknown) => {
    throw queryFailed(error, plan.sql, lineOffset);
  });
  try {
    return await prepared.stream().catch((error: unknown) => {
      throw queryFailed(error, plan.sql, lineOffset);
    });
  } finally {
    prepared.destroySync();
  }
}

/** Runs an already-gated plan; exported so tests can show the transaction wall holds on its own. */
export function streamPlan(lane: ConnectionLane, plan: (connection: DuckDBConnection) => Promise<ReadPlan>, sink: RowSink, signal?: AbortSignal): Promise<number> {
  return resultsOnlyTransaction(lane, async (connection) => {
    const gated = await plan(connection);
    const result = await prepareAndStream(connection, gated);
    const names = result.deduplicatedColumnNames();
    const types = result.columnTypes();
    await sink.columns(names.map((name, i) => ({ name, type: String(types[i]) })));
    // DuckDB's errors (a failing cast mid-result, a damaged block) are named; the sink's own
    // (the reader went away) pass through untouched.
    const chunks = result.yieldRowsJson()[Symbol.asyncIterator]();
    let count = 0;
    for (;;) {
      const next = await chunks.next().catch((error: unknown) => {
        throw queryFailed(error, gated.sql, 1);
      });
      if (next.done === true || signal?.aborted) break;
      count += next.value.length;
      await sink.rows(next.value as JsonValue[][]);
    }
    return count;
  }, signal);
}

export function streamQuery(lane: ConnectionLane, sql: string, sink: RowSink, signal?: AbortSignal): Promise<number> {
  return streamPlan(lane, (connection) => readOnlyPlan(connection, sql), sink, signal);
}
