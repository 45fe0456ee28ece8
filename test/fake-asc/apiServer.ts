// The API listener's request pipeline: stats → production catch-up → auth (401) → rate limit
// (429) → injected 500 → Accept (406) → route (404 PATH_ERROR / 405) → role (403) → query
// parameters (400) → Content-Type (415) → handler → varied JSON.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from './auth';
import type { FakeContext } from './context';
import { ApiError, apiErrors, errorBody } from './errors';
import { jacksonStringify, stringifyVaried } from './json';
import { parseParams, splitQuery } from './params';
import { rateLimitHeader } from './rateLimit';
import { matchRoute, type Route } from './routing';

const MAX_BODY_BYTES = 1_000_000;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => (size > MAX_BODY_BYTES ? reject(apiErrors.entityInvalid('The request body is too large')) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/** Report files (sales, finance) are served as `application/a-gzip`; everything else is JSON. */
const FILE_PATHS = new Set(['/v1/salesReports', '/v1/financeReports']);

function accepts(accept: string | undefined, path: string): boolean {
  if (!accept) return true;
  const type = FILE_PATHS.has(path) ? 'application\\/a-gzip' : 'application\\/json';
  return accept.split(',').some((part) => new RegExp(`^\\s*(${type}|application\\/\\*|\\*\\/\\*)\\s*(;|$)`, 'i').test(part));
}

function send(ctx: FakeContext, res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  if (body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = status >= 400 ? jacksonStringify(body) : stringifyVaried(body, ctx.options.varyJson ? ctx.dice.next() : undefined);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(text);
}

function takeServerError(ctx: FakeContext): boolean {
  if (ctx.faults.serverErrorNext > 0) {
    ctx.faults.serverErrorNext--;
    return true;
  }
  return ctx.faults.serverErrorRate > 0 && ctx.dice.next() < ctx.faults.serverErrorRate;
}

export async function handleApiRequest(ctx: FakeContext, routes: readonly Route[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  const rawUrl = req.url ?? '/';
  const q = rawUrl.indexOf('?');
  const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const rawQuery = q < 0 ? '' : rawUrl.slice(q + 1);
  const method = (req.method ?? 'GET').toUpperCase();
  ctx.stats.apiCalls++;
  ctx.catchUp();
  const match = matchRoute(routes, path);
  const statsKey = `${method} ${match?.route.template ?? path}`;
  ctx.stats.callsByPath[statsKey] = (ctx.stats.callsByPath[statsKey] ?? 0) + 1;
  const headers: Record<string, string> = {};
  let bodyRead = false;
  try {
    let queryPairs: Array<[string, string]> = [];
    try {
      queryPairs = splitQuery(rawQuery);
    } catch {
      queryPairs = [];
    }
    const now = ctx.clock.nowMs();
    const key = await authenticate(ctx.store, { authorization: req.headers.authorization, method, path, query: queryPairs, nowMs: now });
    if (ctx.faults.rateLimitBurst > 0) {
      ctx.faults.rateLimitBurst--;
      throw apiErrors.rateLimited();
    }
    const decision = ctx.rateLimiter.take(key.keyId, now, ctx.rateLimitPerHour());
    headers['X-Rate-Limit'] = rateLimitHeader(decision);
    if (!decision.allowed) throw new ApiError(429, 'RATE_LIMIT_EXCEEDED', 'The request rate limit has been reached.', 'The hourly request quota of this API key is spent. Wait and try again.');
    if (takeServerError(ctx)) throw apiErrors.serverError();
    if (!accepts(req.headers.accept, path)) {
      res.writeHead(406, { ...headers, 'Content-Type': 'text/plain' });
      res.end('Not Acceptable');
      return;
    }
    if (!match) throw apiErrors.pathError(path);
    const operation = match.route.operations[method];
    if (!operation) throw apiErrors.methodNotAllowed(method, Object.keys(match.route.operations));
    if (operation.write && key.role !== 'ADMIN') throw apiErrors.forbidden();
    if (operation.analytics && key.role === 'DEVELOPER') throw apiErrors.forbidden();
    const params = parseParams(rawQuery, operation.params);
    let body: Buffer | undefined;
    if (method === 'POST') {
      if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) throw apiErrors.unsupportedMediaType();
      bodyRead = true;
      body = await readBody(req);
    }
    const result = operation.handle({ ctx, key, params, ids: match.ids, path, rawQuery, body });
    if (result.raw) {
      res.writeHead(result.status, { ...headers, 'Content-Type': result.raw.contentType, 'Content-Length': String(result.raw.bytes.length) });
      res.end(result.raw.bytes);
      return;
    }
    send(ctx, res, result.status, result.body, { ...headers, ...result.headers });
  } catch (error) {
    const apiError = error instanceof ApiError ? error : apiErrors.serverError();
    if (!(error instanceof ApiError)) console.error('fake-asc: unexpected error', error instanceof Error ? error.message : String(error));
    send(ctx, res, apiError.status, errorBody(apiError, () => ctx.dice.uuid()), { ...headers, ...apiError.headers });
  } finally {
    if (!bodyRead) req.resume();
  }
}
