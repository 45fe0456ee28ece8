// @vitest-environment jsdom
// "Run all" keeps every statement's result: the latest is shown, any earlier one can be picked,
// a failing statement stops the rest and is shown, and a new start releases the old results.
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { OrchardError } from '../../../shared/errors';
import type { OrchardClient } from '../../../renderer/ipc/client';
import { useTabRuns } from '../../../renderer/features/workbench/useTabRuns';
import { splitStatements } from '../../../renderer/features/workbench/statements';

/** A fake main: `SELECT n` answers one row [n] at once; `FAIL` fails; every call is logged. */
function fakeClient() {
  const calls: { command: string; input: unknown }[] = [];
  let results = 0;
  const client = {
    invoke(command: string, input: { sql?: string; runId?: string }) {
      calls.push({ command, input });
      if (command === 'query:run') {
        if (input.sql === 'FAIL') return Promise.reject(new OrchardError('QUERY_FAILED', 'no such table'));
        results += 1;
        const value = Number(/\d+/.exec(input.sql ?? '')?.[0]);
        return Promise.resolve({
          runId: input.runId,
          columns: [{ name: 'n', type: 'INTEGER' }],
          firstRows: [[value]],
          result: { resultId: `r${results}`, columns: [{ name: 'n', type: 'INTEGER' }], totalRows: 1, elapsedMs: 1 },
        });
      }
      return Promise.resolve({ released: true });
    },
    on: () => () => undefined,
  } as unknown as OrchardClient;
  return { client, calls, released: () => calls.filter((c) => c.command === 'query:release').map((c) => (c.input as { resultId: string }).resultId) };
}

describe('useTabRuns: Run all', () => {
  it('keeps each statement’s result, shows the last, and switches between them', async () => {
    const main = fakeClient();
    const { result } = renderHook(() => useTabRuns(main.client));
    await act(() => result.current.start('t', splitStatements('SELECT 1; SELECT 2; SELECT 3')));
    expect(result.current.steps.t?.map((s) => [s.phase, s.firstRows])).toEqual([['done', [[1]]], ['done', [[2]]], ['done', [[3]]]]);
    expect(result.current.runs.t?.firstRows).toEqual([[3]]);
    expect(main.released()).toEqual([]);

    act(() => result.current.show('t', 0));
    expect(result.current.runs.t?.firstRows).toEqual([[1]]);
    act(() => result.current.setSort('t', { column: 'n', desc: true }));
    expect(result.current.steps.t?.map((s) => s.sort)).toEqual([{ column: 'n', desc: true }, null, null]);

    await act(() => result.current.start('t', splitStatements('SELECT 4')));
    expect(main.released()).toEqual(['r1', 'r2', 'r3']);
    expect(result.current.steps.t).toHaveLength(1);
    expect(result.current.runs.t?.firstRows).toEqual([[4]]);
  });

  it('stops at a failing statement and shows it', async () => {
    const main = fakeClient();
    const { result } = renderHook(() => useTabRuns(main.client));
    await act(() => result.current.start('t', splitStatements('SELECT 1; FAIL; SELECT 3')));
    await waitFor(() => expect(result.current.runs.t?.phase).toBe('failed'));
    expect(result.current.steps.t?.map((s) => s.phase)).toEqual(['done', 'failed']);
    expect(result.current.runs.t?.error?.message).toBe('no such table');
    act(() => result.current.discard('t'));
    expect(result.current.runs.t).toBeUndefined();
    expect(main.released()).toEqual(['r1']);
  });
});
