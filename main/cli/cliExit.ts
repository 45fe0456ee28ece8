// The CLI's exit codes, one per kind of outcome a script acts on differently (README, Headless CLI).
import type { OrchardError } from '../../shared/errors';

export const EXIT = {
  ok: 0,
  /** Some reports or files failed; what worked is kept. */
  partial: 1,
  /** Usage, credentials or an SQL error in `query`. */
  usage: 2,
  /** The data folder is in use by another Orchard (the app or another CLI run). */
  inUse: 3,
  /** The warehouse is damaged (or a rebuild was left unfinished): run `orchard rebuild`. */
  damaged: 4,
  /** The disk is full: the run stopped, what was verified or loaded before is kept. */
  diskFull: 5,
  sigint: 130,
  sigterm: 143,
} as const;

const USAGE_CODES = new Set(['AUTH_FAILED', 'FORBIDDEN', 'SECRET_STORE_UNAVAILABLE', 'BAD_INPUT', 'NOT_FOUND', 'QUERY_FAILED', 'READ_ONLY']);

export function exitCodeFor(error: OrchardError): number {
  if (error.code === 'WAREHOUSE_DAMAGED') return EXIT.damaged;
  if (error.code === 'CONFLICT') return EXIT.inUse;
  if (error.code === 'DISK_FULL') return EXIT.diskFull;
  return USAGE_CODES.has(error.code) ? EXIT.usage : EXIT.partial;
}

export const EXIT_CODES_TEXT = 'Exit codes: 0 success, 1 partial (some reports failed), 2 usage, credentials or SQL error, 3 data folder in use by another Orchard, 4 warehouse damaged or a rebuild unfinished (run `orchard rebuild`), 5 disk full, 130/143 stopped (Ctrl-C/SIGTERM).';
