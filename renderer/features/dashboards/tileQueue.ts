// Runs a page's tile requests a few at a time, in page order, so the first tiles appear as soon as
// their own query ends without every tile competing for main's read connection at once. Stopping
// starts nothing more and says which tiles never started.

export type TileOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface TileQueue {
  /** Starts no further tile; returns the IDs of those that never started. */
  stop(): string[];
  /** Tiles started and not yet settled. */
  running(): number;
}

export function startTileQueue<T>(tileIds: readonly string[], concurrency: number, run: (tileId: string) => Promise<T>, onSettled: (tileId: string, outcome: TileOutcome<T>) => void): TileQueue {
  const waiting = [...tileIds];
  let active = 0;
  let stopped = false;
  const next = (): void => {
    while (!stopped && active < concurrency && waiting.length > 0) {
      const tileId = waiting.shift() as string;
      active += 1;
      run(tileId).then(
        (value) => settle(tileId, { ok: true, value }),
        (error: unknown) => settle(tileId, { ok: false, error }),
      );
    }
  };
  const settle = (tileId: string, outcome: TileOutcome<T>): void => {
    active -= 1;
    onSettled(tileId, outcome);
    next();
  };
  next();
  return {
    stop() {
      stopped = true;
      return waiting.splice(0);
    },
    running: () => active,
  };
}
