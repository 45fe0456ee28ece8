// Errors that cross the IPC boundary: a closed set of codes, each with a message a user can act on.
// Services throw OrchardError; the IPC layer turns it into { code, message, details } and the
// renderer client turns that back into an OrchardError.

export const ERROR_CODES = [
  'BAD_INPUT',
  'AUTH_FAILED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'NETWORK',
  'NOT_FOUND',
  'CONFLICT',
  'CHECKSUM_MISMATCH',
  'QUERY_FAILED',
  'CANCELLED',
  'SECRET_STORE_UNAVAILABLE',
  'DISK_FULL',
  'UNSUPPORTED',
  'INTERNAL',
  'WAREHOUSE_DAMAGED',
  'READ_ONLY',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Plain, serialisable error as it travels over IPC. `details` must be JSON-safe and secret-free. */
export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export class OrchardError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'OrchardError';
    this.code = code;
    this.details = details;
  }

  toPayload(): ErrorPayload {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromPayload(payload: ErrorPayload): OrchardError {
    return new OrchardError(payload.code, payload.message, payload.details);
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** What the user can do about each class of error; shown under the specific message. */
export const ERROR_HINTS: Record<ErrorCode, string> = {
  BAD_INPUT: 'Check the highlighted value and try again.',
  AUTH_FAILED: 'Check the key ID, issuer ID and .p8 file; a revoked key must be replaced in App Store Connect.',
  FORBIDDEN: 'The key lacks access. Use an Admin key to request reports, or a Sales and Reports key to read them.',
  RATE_LIMITED: 'Apple’s hourly request quota is spent. Orchard will retry; you can also wait and sync later.',
  NETWORK: 'Check the internet connection or proxy, then retry.',
  NOT_FOUND: 'The item no longer exists on Apple’s side; refresh the list.',
  CONFLICT: 'Another item is in the way; refresh and try again.',
  CHECKSUM_MISMATCH: 'A downloaded file was damaged; it was quarantined and will be downloaded again.',
  QUERY_FAILED: 'Fix the SQL and run it again.',
  CANCELLED: 'Stopped at your request; nothing half-done was kept.',
  SECRET_STORE_UNAVAILABLE: 'The system keychain is not available. Unlock it, or use a session-only key.',
  DISK_FULL: 'Free some disk space or choose another data folder, then retry.',
  UNSUPPORTED: 'This is not available in this mode.',
  INTERNAL: 'Something went wrong inside Orchard. Retry; if it persists, report it with the log.',
  WAREHOUSE_DAMAGED: 'Rebuild the warehouse from the downloaded files (`orchard rebuild`, or Rebuild in the app); the damaged file is kept aside.',
  READ_ONLY: 'The data folder can only be read: browsing and queries work; make it writable to sync.',
};
