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
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    exitCode: () => (received === 'SIGTERM' ? 143 : 130),
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
