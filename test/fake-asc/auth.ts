// JWT verification as App Store Connect does it (§1): `Bearer ` prefix, ES256 with a raw R||S
// signature, a registered kid, aud, iss (team) or sub "user" (individual), exp in the future,
// lifetime at most 20 minutes, optional scope. Any failure is the one 401 body of §3.

import { decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { ApiError, apiErrors } from './errors';
import type { FakeStore, KeyRecord } from './store';

const AUDIENCE = 'appstoreconnect-v1';
const MAX_LIFETIME_SECONDS = 1200;
/** How far in the future `iat` may lie (clock skew between client and server). */
const IAT_SKEW_SECONDS = 60;
/** Query parameters a scope ignores (§1). */
const SCOPE_IGNORED_PARAMS = new Set(['limit', 'cursor', 'sort']);

export interface AuthRequest {
  authorization: string | undefined;
  method: string;
  path: string;
  /** The decoded query parameters, in order. */
  query: Array<[string, string]>;
  nowMs: number;
}

export async function authenticate(store: FakeStore, request: AuthRequest): Promise<KeyRecord> {
  try {
    return await verify(store, request);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw apiErrors.notAuthorized();
  }
}

async function verify(store: FakeStore, request: AuthRequest): Promise<KeyRecord> {
  const header = request.authorization;
  if (!header?.startsWith('Bearer ')) throw apiErrors.notAuthorized();
  const token = header.slice('Bearer '.length).trim();
  const protectedHeader = decodeProtectedHeader(token);
  if (protectedHeader.alg !== 'ES256' || typeof protectedHeader.kid !== 'string') throw apiErrors.notAuthorized();
  if (protectedHeader.typ !== undefined && protectedHeader.typ !== 'JWT') throw apiErrors.notAuthorized();
  const key = store.keys.get(protectedHeader.kid);
  const publicKey = key ? await key.publicKey : undefined;
  if (!key || !publicKey || key.revoked) throw apiErrors.notAuthorized();
  const { payload } = await jwtVerify(token, publicKey, {
    algorithms: ['ES256'],
    audience: AUDIENCE,
    currentDate: new Date(request.nowMs),
    requiredClaims: ['exp'],
  });
  const nowSeconds = Math.floor(request.nowMs / 1000);
  if (!identityMatches(key, payload)) throw apiErrors.notAuthorized();
  if (!lifetimeAcceptable(payload, nowSeconds)) throw apiErrors.notAuthorized();
  if (payload.scope !== undefined && !scopeAllows(payload.scope, request)) throw apiErrors.notAuthorized();
  return key;
}

function identityMatches(key: KeyRecord, payload: JWTPayload): boolean {
  if (key.individual) return payload.sub === 'user';
  return payload.iss !== undefined && payload.iss === key.issuerId;
}

function lifetimeAcceptable(payload: JWTPayload, nowSeconds: number): boolean {
  const exp = payload.exp as number;
  if (payload.iat === undefined) return exp - nowSeconds <= MAX_LIFETIME_SECONDS;
  if (payload.iat > nowSeconds + IAT_SKEW_SECONDS) return false;
  return exp - payload.iat <= MAX_LIFETIME_SECONDS;
}

/** Each entry is `"<METHOD> <path>[?query]"`; the query's non-ignored pairs must all be present. */
function scopeAllows(scope: unknown, request: AuthRequest): boolean {
  if (!Array.isArray(scope)) return false;
  return scope.some((entry) => {
    if (typeof entry !== 'string') return false;
    const space = entry.indexOf(' ');
    if (space < 0 || entry.slice(0, space).toUpperCase() !== request.method) return false;
    const target = entry.slice(space + 1);
    const question = target.indexOf('?');
    const path = question < 0 ? target : target.slice(0, question);
    if (path !== request.path) return false;
    if (question < 0) return true;
    const wanted = target.slice(question + 1).split('&').filter(Boolean).map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? [safeDecode(pair), ''] : [safeDecode(pair.slice(0, eq)), safeDecode(pair.slice(eq + 1))];
    });
    return wanted.every(([name, value]) =>
      SCOPE_IGNORED_PARAMS.has(name ?? '') || request.query.some(([n, v]) => n === name && v === value));
  });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
