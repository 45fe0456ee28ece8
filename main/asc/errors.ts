// Typed errors of the App Store Connect client: Apple's ErrorResponse bodies become AscApiError
// (an OrchardError with a user-actionable message), plus transport, cancel and S3 URL errors.
// Apple's words pass redactSecrets first: a detail that echoes the Authorization header or a key
// must not reach stderr, the log, IPC or orchard.sync_runs through the message built from it.

import { z } from 'zod';
import { OrchardError, type ErrorCode } from '../../shared/errors';
import { redactSecrets } from '../logging/redact';

const errorEntrySchema = z.object({
  id: z.string().optional(),
  status: z.string(),
  code: z.string(),
  title: z.string(),
  detail: z.string(),
  source: z.object({ pointer: z.string().optional(), parameter: z.string().optional() }).optional(),
});
const errorResponseSchema = z.object({ errors: z.array(errorEntrySchema).min(1) });

export interface AscErrorSource {
  pointer?: string;
  parameter?: string;
}

export interface AscApiErrorInit {
  status: number;
  method: string;
  /** API path without query string (never a presigned URL). */
  path: string;
  ascCode?: string;
  title?: string;
  detail?: string;
  source?: AscErrorSource;
  /** Apple's error id, useful when asking Apple's support. */
  id?: string;
  retryAfterMs?: number;
}

/**
 * HTTP status -> OrchardError code. 5xx count as NETWORK: they are Apple-side and transient, so
 * the user's action is "retry later" (INTERNAL would blame Orchard). 405/406/415 and unknown 4xx
 * mean Orchard sent something malformed, hence INTERNAL.
 */
export function errorCodeForStatus(status: number): ErrorCode {
  if (status === 400 || status === 422) return 'BAD_INPUT';
  if (status === 401) return 'AUTH_FAILED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404 || status === 410) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'NETWORK';
  return 'INTERNAL';
}

export class AscApiError extends OrchardError {
  readonly status: number;
  readonly ascCode: string | undefined;
  readonly title: string | undefined;
  readonly detail: string | undefined;
  readonly source: AscErrorSource | undefined;
  readonly id: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(unsafe: AscApiErrorInit) {
    const init = redactedInit(unsafe);
    const details: Record<string, unknown> = { status: init.status, method: init.method, path: init.path };
    for (const key of ['ascCode', 'title', 'detail', 'source', 'id', 'retryAfterMs'] as const) {
      if (init[key] !== undefined) details[key] = init[key];
    }
    super(errorCodeForStatus(init.status), userMessage(init), details);
    this.name = 'AscApiError';
    this.status = init.status;
    this.ascCode = init.ascCode;
    this.title = init.title;
    this.detail = init.detail;
    this.source = init.source;
    this.id = init.id;
    this.retryAfterMs = init.retryAfterMs;
  }
}

function redactedInit(init: AscApiErrorInit): AscApiErrorInit {
  const clean = (text: string | undefined) => (text === undefined ? undefined : redactSecrets(text));
  const source = init.source === undefined ? undefined : { ...init.source, ...(init.source.parameter === undefined ? {} : { parameter: redactSecrets(init.source.parameter) }) };
  return {
    ...init,
    path: redactSecrets(init.path),
    ...(init.title === undefined ? {} : { title: clean(init.title) }),
    ...(init.detail === undefined ? {} : { detail: clean(init.detail) }),
    ...(source === undefined ? {} : { source }),
  };
}

/** Builds an AscApiError from any error body: JSON ErrorResponse, plain text (406) or nothing. */
export function parseAscError(
  status: number,
  bodyText: string,
  request: { method: string; path: string; retryAfterMs?: number },
): AscApiError {
  const base = { status, method: request.method, path: request.path, retryAfterMs: request.retryAfterMs };
  const parsed = errorResponseSchema.safeParse(safeJson(bodyText));
  if (!parsed.success) {
    // Redacted before it is cut: a token cut in half would no longer look like one.
    const text = redactSecrets(bodyText).replace(/\s+/g, ' ').trim().slice(0, 200);
    return new AscApiError({ ...base, detail: text === '' ? undefined : text });
  }
  const first = parsed.data.errors[0]!;
  return new AscApiError({
    ...base,
    ascCode: first.code,
    title: first.title,
    detail: first.detail,
    source: first.source,
    id: first.id,
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const REQUESTS_PATH = /\/v1\/analyticsReportRequests(\/|$)/;

function userMessage(init: AscApiErrorInit): string {
  const apple = init.detail ?? init.title;
  const suffix = apple === undefined ? '' : ` Apple says: “${apple}”`;
  const changesRequests = (init.method === 'POST' || init.method === 'DELETE') && REQUESTS_PATH.test(init.path);
  switch (errorCodeForStatus(init.status)) {
    case 'AUTH_FAILED':
      return (
        'App Store Connect rejected the key (401). Check the issuer ID, key ID, key type (team or individual) ' +
        'and .p8 file, and that the key was not revoked.'
      );
    case 'FORBIDDEN':
      return changesRequests
        ? "This key's role can't request reports; an Admin key must create the request once (403)."
        : "This key isn't allowed to read this data (403). Use a team key with the Admin, Sales and Reports or " +
            'Finance role, or check it was not revoked.';
    case 'NOT_FOUND':
      if (init.ascCode?.startsWith('PATH_ERROR') === true) {
        return `App Store Connect does not know the address ${init.method} ${init.path} (404).${suffix}`;
      }
      return `App Store Connect no longer has this item (HTTP ${init.status}); it may have expired after 35 days or been deleted.${suffix}`;
    case 'CONFLICT':
      return changesRequests && init.method === 'POST'
        ? 'App Store Connect refused to create the report request (409): one of this access type already exists ' +
            `for the app, or a snapshot was requested in the last ~31 days.${suffix}`
        : `App Store Connect refused because of the state of another item (409).${suffix}`;
    case 'RATE_LIMITED':
      return "App Store Connect's hourly request quota for this key is spent (429). Orchard will retry later.";
    case 'BAD_INPUT': {
      const parameter = init.source?.parameter === undefined ? '' : ` (parameter ${init.source.parameter})`;
      return `App Store Connect rejected the request as invalid (HTTP ${init.status})${parameter}.${suffix}`;
    }
    case 'NETWORK':
      return `App Store Connect had a server error (HTTP ${init.status}). Try again later.`;
    default:
      return `App Store Connect refused a request Orchard sent (HTTP ${init.status} on ${init.method} ${init.path}).${suffix}`;
  }
}

export function cancelledError(): OrchardError {
  return new OrchardError('CANCELLED', 'The App Store Connect request was cancelled.');
}

/** fetch rejected without a response: DNS, refused connection, TLS, reset, timeout. */
export function networkError(cause: unknown, what: string, timedOut = false): OrchardError {
  const reason = timedOut ? 'timeout' : describeCause(cause);
  return new OrchardError('NETWORK', `Could not reach ${what} (${reason}). Check the connection, then retry.`, {
    reason,
  });
}

function describeCause(error: unknown): string {
  // undici wraps the system error (ECONNREFUSED, ENOTFOUND, …) in `cause`; only its code is kept.
  const cause = error instanceof Error ? (error as Error & { cause?: unknown }).cause : undefined;
  const code = cause instanceof Error ? (cause as Error & { code?: unknown }).code : undefined;
  if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
  return 'network error';
}

/**
 * The presigned segment URL was refused by S3 (403: expired after ~5 minutes or tampered). The
 * sync engine should re-list the instance's segments to get fresh URLs and try again.
 */
export class SegmentUrlExpiredError extends OrchardError {
  constructor(s3Code: string | undefined) {
    super(
      'NOT_FOUND',
      'The download link for a report file has expired; Orchard will fetch a fresh one.',
      s3Code === undefined ? { reason: 'url-expired', status: 403 } : { reason: 'url-expired', status: 403, s3Code },
    );
    this.name = 'SegmentUrlExpiredError';
  }
}

export function isSegmentUrlExpired(error: unknown): error is SegmentUrlExpiredError {
  return error instanceof SegmentUrlExpiredError;
}
