// Route and operation types, path matching, and small helpers every handler module shares.

import type { FakeContext } from './context';
import { hashOf } from './hash';
import { paginate, type PageContext } from './paging';
import type { EndpointParams, ParsedParams } from './params';
import type { KeyRecord } from './store';

export interface HandlerInput {
  ctx: FakeContext;
  key: KeyRecord;
  params: ParsedParams;
  /** Decoded `{id}` segments of the path, in order. */
  ids: string[];
  path: string;
  rawQuery: string;
  body: Buffer | undefined;
}

export interface HandlerResult {
  status: number;
  body?: unknown;
  /** A file instead of JSON (sales and finance reports). */
  raw?: { bytes: Buffer; contentType: string };
  headers?: Record<string, string>;
}

export interface Operation {
  params: EndpointParams;
  /** Creates or deletes: Admin only (§2). */
  write?: boolean;
  /** Analytics data: Admin, Finance and Sales and Reports only. */
  analytics: boolean;
  handle(input: HandlerInput): HandlerResult;
}

export interface Route {
  template: string;
  pattern: RegExp;
  operations: Partial<Record<string, Operation>>;
}

export function route(template: string, operations: Route['operations']): Route {
  const pattern = new RegExp(`^${template.replace(/\{id\}/g, '([^/]+)')}$`);
  return { template, pattern, operations };
}

export function matchRoute(routes: readonly Route[], path: string): { route: Route; ids: string[] } | undefined {
  for (const candidate of routes) {
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    try {
      return { route: candidate, ids: match.slice(1).map((s) => decodeURIComponent(s)) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function idOf(input: HandlerInput, index = 0): string {
  return input.ids[index] ?? '';
}

export function fieldsOf(input: HandlerInput, type: string): readonly string[] | undefined {
  return input.params.lists.get(`fields[${type}]`);
}

export function pageContextOf(input: HandlerInput): PageContext {
  return {
    baseUrl: input.ctx.urls.api, path: input.path, rawQuery: input.rawQuery, params: input.params,
    defaultLimit: input.ctx.options.pageDefault, mac: (text) => input.ctx.mac(text),
  };
}

/** With the `shuffle` option, lists come in a stable pseudo-random order instead of their natural one. */
export function listingOrder<T>(ctx: FakeContext, items: readonly T[], idOfItem: (item: T) => string): T[] {
  if (!ctx.options.shuffle) return [...items];
  const rank = (item: T) => hashOf(ctx.options.seed, 'order', idOfItem(item));
  return [...items].sort((a, b) => rank(a) - rank(b));
}

/** A paged list document of full resources. */
export function listDocument<T>(input: HandlerInput, all: readonly T[], render: (item: T) => unknown): HandlerResult {
  const page = paginate(all, pageContextOf(input));
  return { status: 200, body: { data: page.items.map(render), links: page.links, meta: page.meta } };
}

/** A paged linkage document (`relationships/*`, 4.x): `{type, id}` pairs only. */
export function linkageDocument<T>(input: HandlerInput, all: readonly T[], type: string, idOfItem: (item: T) => string): HandlerResult {
  const page = paginate(all, pageContextOf(input));
  return { status: 200, body: { data: page.items.map((item) => ({ type, id: idOfItem(item) })), links: page.links, meta: page.meta } };
}

export function singleDocument(input: HandlerInput, data: unknown, included?: unknown[]): HandlerResult {
  const body: Record<string, unknown> = { data };
  if (included && included.length > 0) body.included = included;
  body.links = { self: `${input.ctx.urls.api}${input.path}${input.rawQuery ? `?${input.rawQuery}` : ''}` };
  return { status: 200, body };
}
