// Log lines to `<dataDir>/logs/orchard.log` as well as stderr, so a packaged app (no console)
// still leaves a trail a user can attach to a report. Lines arrive already redacted by the
// logger. The file is rotated once at start-up when it has grown past maxBytes.
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';

export const LOG_FILE = path.join('logs', 'orchard.log');

export function createFileSink(dataDir: string, maxBytes = 5 * 1024 * 1024): (line: string) => void {
  const file = path.join(dataDir, LOG_FILE);
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    if (statSync(file).size > maxBytes) renameSync(file, file.replace(/\.log$/, '.1.log'));
  } catch {
    // No log yet: nothing to rotate.
  }
  let broken = false;
  return (line) => {
    if (broken) return;
    try {
      appendFileSync(file, line + '\n');
    } catch {
      // A full or read-only disk must not take logging (or the app) down; stderr still gets it.
      broken = true;
    }
  };
}

/** Writes each line to every sink. */
export function teeSinks(...sinks: ((line: string) => void)[]): (line: string) => void {
  return (line) => {
    for (const sink of sinks) sink(line);
  };
}

export const stderrSink = (line: string): void => {
  process.stderr.write(line + '\n');
};
