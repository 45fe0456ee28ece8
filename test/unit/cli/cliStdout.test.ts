// The CLI exits only once stdout has taken everything written: a slow pipe reader otherwise lost
// the end of a JSON result while the exit code said success.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { drained } from '../../../main/cli/cliStdout';

describe('drained', () => {
  it('resolves only after a slow reader has taken every earlier write', async () => {
    const taken: string[] = [];
    const pending: (() => void)[] = [];
    const slow = new Writable({
      highWaterMark: 16,
      write(chunk: Buffer, _enc, done) {
        pending.push(() => {
          taken.push(String(chunk));
          done();
        });
      },
    });
    slow.write('[\n{"n":1}');
    slow.write('\n]\n');
    let finished = false;
    const waiting = drained(slow).then(() => (finished = true));
    await new Promise((r) => setImmediate(r));
    expect(finished).toBe(false);
    while (!finished) {
      pending.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    await waiting;
    expect(taken.join('')).toBe('[\n{"n":1}\n]\n');
  });

  it('resolves at once when nothing is pending, and when the reader has gone', async () => {
    const idle = new Writable({ write: (_c, _e, done) => done() });
    await drained(idle);
    const gone = new Writable({ write: () => undefined });
    gone.write('never taken');
    const waiting = drained(gone);
    gone.destroy();
    await waiting;
  });
});
