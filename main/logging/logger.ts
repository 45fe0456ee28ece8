// Structured logging for the main process. Every field passes through redact() so a token,
// private key or presigned URL signature that slips into a field never reaches a log line.
import { redactSecrets } from './redact';

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

type Level = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: Level[] = ['debug', 'info', 'warn', 'error'];

/** The redaction every log line gets (main/logging/redact.ts). */
export const redact = redactSecrets;

/** A logger writing one JSON line per event to the given sink (stderr by default). */
export function createLogger(opts: { minLevel?: Level; sink?: (line: string) => void } = {}): Logger {
  const min = LEVELS.indexOf(opts.minLevel ?? 'info');
  const sink = opts.sink ?? ((line: string) => process.stderr.write(line + '\n'));
  const write = (level: Level) => (event: string, fields: LogFields = {}) => {
    if (LEVELS.indexOf(level) < min) return;
    sink(redact(JSON.stringify({ t: new Date().toISOString(), level, event, ...fields })));
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
