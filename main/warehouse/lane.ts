// One DuckDB connection used by one task at a time. Tasks queue in order; an AbortSignal drops a
// queued task or interrupts the running one (connection.interrupt() only hits what runs now, which
// is why each connection gets its own lane).
import type { DuckDBConnection } from '@duckdb/node-api';
import { OrchardError } from '../../shared/errors';
import { cancelledError, closedError, isInterrupted } from './errors';

/**
 * DuckDB forgets an interrupt that arrives between two statements or just before one starts, so
 * a cancelled task is interrupted again at this interval until it stops.
 */
const REINTERRUPT_MS = 25;

export class ConnectionLane {
  private tail: Promise<unknown> = Promise.resolve();
  private running = false;
  private closed = false;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly connection: DuckDBConnection) {}

  run<T>(task: (connection: DuckDBConnection) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let started = false;
      const dropIfQueued = () => {
        if (!started) reject(cancelledError());
      };
      signal?.addEventListener('abort', dropIfQueued, { once: true });
      const start = async (): Promise<T> => {
        started = true;
        signal?.removeEventListener('abort', dropIfQueued);
        if (this.closed) throw closedError();
        if (signal?.aborted) throw cancelledError();
        const stop = () => this.interrupt();
        signal?.addEventListener('abort', stop, { once: true });
        this.running = true;
        try {
          return await task(this.connection);
        } catch (error) {
          throw isInterrupted(error) && !(error instanceof OrchardError) ? cancelledError() : error;
        } finally {
          this.stopInterrupting();
          this.running = false;
          signal?.removeEventListener('abort', stop);
        }
      };
      const result = this.tail.then(start, start);
      this.tail = result.catch(() => undefined);
      result.then(resolve, reject);
    });
  }

  /** Like run, inside BEGIN … COMMIT; any failure (cancellation included) rolls back. */
  transaction<T>(task: (connection: DuckDBConnection) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.run(async (connection) => {
      await connection.run('BEGIN TRANSACTION');
      try {
        const value = await task(connection);
        if (signal?.aborted) throw cancelledError();
        await connection.run('COMMIT');
        return value;
      } catch (error) {
        // The rollback itself must not be interrupted.
        this.stopInterrupting();
        await connection.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    }, signal);
  }

  /** Interrupts the running task, if any, until it stops; it fails with CANCELLED. */
  interrupt(): void {
    if (!this.running) return;
    this.connection.interrupt();
    this.timer ??= setInterval(() => this.connection.interrupt(), REINTERRUPT_MS);
  }

  private stopInterrupting(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Refuses new tasks, interrupts the running one, waits for the queue to drain, disconnects. */
  async close(): Promise<void> {
    this.closed = true;
    this.interrupt();
    await this.tail;
    this.connection.closeSync();
  }
}
