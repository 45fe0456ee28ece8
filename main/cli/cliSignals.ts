// Ctrl-C and SIGTERM stop a CLI run the same way: the first one is acknowledged on stderr and
// cancels (what is verified or loaded is kept, the run is recorded as cancelled); a second one
// quits at once, and the next start records the run as interrupted.
export interface StopSignals {
  signal: AbortSignal;
  /** The exit code for a run stopped by a signal: 130 for SIGINT, 143 for SIGTERM. */
  exitCode(): number;
  dispose(): void;
}

export function listenForStop(what: string): StopSignals {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const onSignal = (name: NodeJS.Signals) => {
    if (received) {
      process.stderr.write('Stopping now; the next start records this run as interrupted.\n');
      process.exit(name === 'SIGTERM' ? 143 : 130);
    }
    received = name;
    process.stderr.write(`\nStopping ${what} after the current batch… (what is verified or loaded is kept; press Ctrl-C again to quit at once)\n`);
    controller.abort();
  };
  // Libraries hook these signals too (conf's when-exit re-sends the signal to the process, which
  // read as a second Ctrl-C): while a run goes, the CLI alone answers them; 'exit' hooks still run.
  const others = new Map((['SIGINT', 'SIGTERM'] as const).map((name) => [name, process.listeners(name)]));
  for (const [name, listeners] of others) {
    for (const listener of listeners) process.off(name, listener);
    process.on(name, onSignal);
  }
  return {
    signal: controller.signal,
    exitCode: () => (received === 'SIGTERM' ? 143 : 130),
    dispose() {
      for (const [name, listeners] of others) {
        process.off(name, onSignal);
        for (const listener of listeners) process.on(name, listener);
      }
    },
  };
}
