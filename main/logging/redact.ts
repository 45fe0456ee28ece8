// Secret redaction for every text that leaves main's memory: log lines, error messages sent over
// IPC or printed by the CLI, errors stored in orchard.* tables. Bearer tokens, JWTs, PEM blocks and
// bare base64 key bodies (a .p8 pasted without its BEGIN/END lines) become a marker; the rest of
// the text stays so the message still says what went wrong.

const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)/g;
/** A JWT, a truncated one, or a lone base64url JSON header ("eyJ" is `{"`). */
const JWT = /\beyJ[\w-]{10,}(?:\.[\w-]*){0,2}/g;
const BEARER = /\b(Bearer\s+)[\w.~+/=-]+/gi;
/** "Authorization: <scheme?> <value>" in whatever quoting an echoing server uses. */
const AUTHORIZATION = /(authorization["']?\s*[:=]\s*["']?)(?!\[)(?:(?:Bearer|Basic|Digest|Token|AWS4-HMAC-SHA256)\s+)?[^\s"',;}]+/gi;
const PRESIGNED = /(X-Amz-(?:Signature|Credential|Security-Token)=)[^&\s"]+/gi;
/**
 * Runs of base64 (possibly wrapped in lines, or in JSON-escaped line breaks). Which of them are key
 * material is decided by looksLikeKeyBody, so paths and identifiers are kept.
 */
const BASE64_RUN = /[A-Za-z0-9+/]{16,}(?:(?:\s|\\[nr])+[A-Za-z0-9+/]{4,})*={0,2}/g;
/** DER openings of PKCS#8 (MIG…) and SEC1 (MHc…) EC keys, in base64. */
const KEY_DER_OPENING = /^(MIG|MHc)/;

function looksLikeKeyBody(run: string): boolean {
  const compact = run.replace(/\s|\\[nr]/g, '');
  if (KEY_DER_OPENING.test(compact) && compact.length >= 40) return true;
  if (compact.length < 100) return false;
  // Random base64 mixes cases and digits and has few '/'; a file path has one every few characters.
  const slashes = compact.split('/').length - 1;
  return /[A-Z]/.test(compact) && /[a-z]/.test(compact) && /\d/.test(compact) && slashes * 24 < compact.length;
}

export function redactSecrets(text: string): string {
  return text
    .replace(PEM_BLOCK, '[private key]')
    .replace(JWT, '[jwt]')
    .replace(BEARER, '$1[token]')
    .replace(AUTHORIZATION, '$1[redacted]')
    .replace(PRESIGNED, '$1[redacted]')
    .replace(BASE64_RUN, (run) => (looksLikeKeyBody(run) ? '[key material]' : run));
}

/** The same value with every string inside (object keys aside) redacted; for error details. */
export function redactValue<T>(value: T): T {
  return redactDeep(value, 0) as T;
}

function redactDeep(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item, depth + 1)]));
}
