// URL helpers: query strings the way App Store Connect wants them, and redaction of URLs before
// they reach a log (presigned S3 query strings are credentials for ~5 minutes).

export type QueryValue = string | number | boolean | readonly (string | number)[] | undefined;
export type Query = Readonly<Record<string, QueryValue>>;

/**
 * `?a=b&c=d`, or '' when nothing is set. Keys and values go through encodeURIComponent, so
 * brackets become %5B/%5D and spaces %20 (never `+`, which Apple may not decode). Arrays are one
 * parameter with comma-separated values (`style: form, explode: false`); empty arrays are omitted.
 */
export function buildQueryString(query: Query | undefined): string {
  if (query === undefined) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    let encoded: string;
    if (Array.isArray(value)) {
      if (value.length === 0) continue;
      encoded = value.map((item: string | number) => encodeURIComponent(String(item))).join(',');
    } else {
      encoded = encodeURIComponent(String(value));
    }
    parts.push(`${encodeURIComponent(key)}=${encoded}`);
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

/** Encodes an ID for use as one path segment, so an odd ID can never change the path. */
export function pathId(id: string): string {
  return encodeURIComponent(id);
}

export function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

const SENSITIVE_PARAM = /signature|credential|security-token|token|policy|key-pair-id|awsaccesskeyid|^key$/i;

/** The URL with the values of signing/credential parameters replaced by `REDACTED`. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '[unparseable URL]';
  }
  const kept: string[] = [];
  for (const [name, value] of parsed.searchParams) {
    const shown = SENSITIVE_PARAM.test(name) ? 'REDACTED' : value;
    kept.push(`${encodeURIComponent(name)}=${encodeURIComponent(shown)}`);
  }
  const query = kept.length === 0 ? '' : `?${kept.join('&')}`;
  return `${parsed.origin}${parsed.pathname}${query}`;
}
