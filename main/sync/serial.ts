// A one-at-a-time queue: DuckDB has one writer, so instances are ingested in turn while their
// downloads run in parallel.
export function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
