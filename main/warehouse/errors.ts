// Turning DuckDB's errors into OrchardErrors: cancellation, SQL mistakes (with the position
// DuckDB points at), unreadable segment files, and why a database file would not open (locked,
// damaged, not DuckDB, read-only, disk full).
import { OrchardError } from '../../shared/errors';

export function duckdbMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function isInterrupted(error: unknown): boolean {
  return /INTERRUPT Error|Interrupted!/.test(duckdbMessage(error));
}

function isDiskFull(message: string): boolean {
  return /No space left on device|disk is full|ENOSPC/i.test(message);
}

/** One message for a full disk wherever DuckDB met it (a load, a rebuild, an export); DuckDB's words stay in the details. */
export function diskFullError(message: string): OrchardError {
  return new OrchardError('DISK_FULL', 'The disk is full: Orchard could not write to its data folder, so the run stopped. Free some space and run it again; what was verified or loaded before is kept.', { duckdb: message });
}

export function cancelledError(): OrchardError {
  return new OrchardError('CANCELLED', 'Stopped: the operation was cancelled.');
}

export function closedError(): OrchardError {
  return new OrchardError('INTERNAL', 'The warehouse is closed.');
}

/**
 * DuckDB's words for a database file it cannot trust: a block whose checksum fails, or a file
 * shorter than its own header says. "Could not read enough bytes" counts only for a .duckdb file:
 * a truncated CSV or Parquet file the user queries is their file's problem, not the warehouse's.
 */
export function isDamage(message: string): boolean {
  return /Corrupt database file|does not match stored checksum|database file .*(corrupt|damaged)/i.test(message)
    || /Could not read enough bytes from file "[^"]*\.duckdb[^"]*"/i.test(message);
}

/** The one message for a damaged warehouse, whichever command met it. */
export function damagedError(message: string, filePath = 'orchard.duckdb'): OrchardError {
  return new OrchardError(
    'WAREHOUSE_DAMAGED',
    `The warehouse ${filePath} is damaged. Run \`orchard rebuild\` (or Rebuild in the app): the damaged file is kept aside as orchard.duckdb.damaged-<time> and the warehouse is rebuilt from the downloaded files.`,
    { duckdb: message, reason: 'corrupt' },
  );
}

/** Keeps OrchardErrors; maps interrupts, a full disk, a damaged database file, else `fallback`. */
export function toOrchardError(error: unknown, fallback: (message: string) => OrchardError): OrchardError {
  if (error instanceof OrchardError) return error;
  if (isInterrupted(error)) return cancelledError();
  const message = duckdbMessage(error);
  if (isDiskFull(message)) return diskFullError(message);
  if (isDamage(message)) return damagedError(message);
  return fallback(message);
}

/**
 * Why a warehouse file would not open, each with what to do. The lock test names DuckDB's own
 * lock message: a bare /lock/ also matched "block" in a checksum error and called a damaged file
 * "in use".
 */
export function openFailed(error: unknown, filePath: string): OrchardError {
  if (!(error instanceof OrchardError) && isDamage(duckdbMessage(error))) return damagedError(duckdbMessage(error), filePath);
  return toOrchardError(error, (message) => {
    const duckdb = { duckdb: message };
    if (/Could not set lock on file|Conflicting lock/i.test(message)) {
      return new OrchardError('CONFLICT', `The data folder is in use by another Orchard process (${filePath}). Close the other Orchard window or CLI run, then retry.`, { ...duckdb, reason: 'locked' });
    }
    if (/not a valid DuckDB database file/i.test(message)) {
      return new OrchardError('WAREHOUSE_DAMAGED', `${filePath} is not a DuckDB database. Rebuild the warehouse from the downloaded files (orchard rebuild); the file is kept aside as orchard.duckdb.damaged-<time>.`, { ...duckdb, reason: 'not-duckdb' });
    }
    if (/Could not read enough bytes|Corrupt database file/i.test(message)) return damagedError(message, filePath);
    if (/Permission denied|Read-only file system|EACCES|EROFS|EPERM/i.test(message)) {
      return new OrchardError('READ_ONLY', `The warehouse ${filePath} cannot be written (no permission or a read-only disk). Queries still work; make the folder writable to sync.`, { ...duckdb, reason: 'read-only' });
    }
    return new OrchardError('INTERNAL', `Could not open the warehouse ${filePath}: ${message}`, duckdb);
  });
}

export interface SqlPosition {
  /** 1-based. */
  line: number;
  /** 1-based; absent when DuckDB's excerpt of the line cannot be matched to the SQL. */
  column?: number;
}

/**
 * DuckDB marks the spot as `LINE n: <excerpt>` followed by a caret line; long lines are cut to an
 * excerpt with `...`, so the column is found by locating the excerpt in the original line.
 */
export function positionFromMessage(message: string, sql: string, lineOffset = 0): SqlPosition | undefined {
  const match = /LINE (\d+): (.*)\n( *)\^/.exec(message);
  if (match === null) return undefined;
  const line = Number(match[1]) - lineOffset;
  if (line < 1) return undefined;
  const prefixLength = `LINE ${match[1]}: `.length;
  const excerpt = match[2] ?? '';
  const caret = (match[3] ?? '').length - prefixLength;
  const sourceLine = sql.split(/\r?\n/)[line - 1];
  const leadingDots = excerpt.startsWith('...') ? 3 : 0;
  const core = excerpt.slice(leadingDots).replace(/\.\.\.$/, '');
  const start = sourceLine === undefined ? -1 : sourceLine.indexOf(core);
  if (start < 0 || caret < 0) return { line };
  return { line, column: start + (caret - leadingDots) + 1 };
}

/** DuckDB's message without its `LINE n:` excerpt, which the workbench shows as a position instead. */
function withoutExcerpt(message: string): string {
  return message.replace(/\n*LINE \d+: .*\n *\^\s*$/s, '').trim();
}

/** `lineOffset`: lines Orchard put before the user's SQL (e.g. a CREATE TABLE … AS line). */
export function queryFailed(error: unknown, sql: string, lineOffset = 0): OrchardError {
  return toOrchardError(error, (message) => {
    const position = positionFromMessage(message, sql, lineOffset);
    return new OrchardError('QUERY_FAILED', withoutExcerpt(message), position === undefined ? { duckdb: message } : { duckdb: message, position });
  });
}
