// Cursor paging (§5): opaque signed cursors, `limit` default/max, absolute `links.next` that
// carries limit and every filter, `meta.paging.total`. Links percent-encode brackets and commas.

import { apiErrors } from './errors';
import type { ParsedParams } from './params';

export interface PageContext {
  baseUrl: string;
  path: string;
  rawQuery: string;
  params: ParsedParams;
  defaultLimit: number;
  /** Keyed MAC used to make cursors tamper-evident. */
  mac: (text: string) => string;
}

export interface Page<T> {
  items: T[];
  links: { self: string; first?: string; next?: string };
  meta: { paging: { total: number; limit: number } };
}

export function encodeQuery(pairs: Array<[string, string]>): string {
  return pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
}

export function selfLink(baseUrl: string, path: string, rawQuery: string): string {
  return `${baseUrl}${path}${rawQuery ? `?${rawQuery}` : ''}`;
}

function encodeCursor(offset: number, ctx: PageContext): string {
  const head = Buffer.from(offset.toString(16), 'utf8').toString('base64url');
  return `${head}.${ctx.mac(`${ctx.path}|${offset}`).slice(0, 8)}`;
}

function decodeCursor(cursor: string, ctx: PageContext): number {
  const [head, tag] = cursor.split('.');
  const offset = head ? parseInt(Buffer.from(head, 'base64url').toString('utf8'), 16) : NaN;
  if (!Number.isSafeInteger(offset) || offset < 0 || tag !== ctx.mac(`${ctx.path}|${offset}`).slice(0, 8)) {
    throw apiErrors.parameterInvalid('cursor', `'${cursor}' is not a valid cursor for this request`);
  }
  return offset;
}

export function paginate<T>(all: readonly T[], ctx: PageContext): Page<T> {
  const limit = ctx.params.limits.get('limit') ?? ctx.defaultLimit;
  const offset = ctx.params.cursor === undefined ? 0 : decodeCursor(ctx.params.cursor, ctx);
  const items = all.slice(offset, offset + limit);
  const carried = ctx.params.pairs.filter(([name]) => name !== 'limit' && name !== 'cursor');
  const links: Page<T>['links'] = { self: selfLink(ctx.baseUrl, ctx.path, ctx.rawQuery) };
  if (offset > 0) links.first = selfLink(ctx.baseUrl, ctx.path, encodeQuery([...carried, ['limit', String(limit)]]));
  if (offset + limit < all.length) {
    links.next = selfLink(ctx.baseUrl, ctx.path, encodeQuery([...carried, ['limit', String(limit)], ['cursor', encodeCursor(offset + limit, ctx)]]));
  }
  return { items, links, meta: { paging: { total: all.length, limit } } };
}
