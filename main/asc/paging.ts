// Reads single-resource and paged list endpoints and maps their items to domain objects; lists are
// read to the end (or to maxPages).

import { z } from 'zod';
import type { AscHttp } from './http';
import { linkageItem, listDocument, parseDocument, singleDocument } from './schemas';
import type { Query } from './urls';

/** Apple's maximum page size on every list and linkage endpoint. */
export const MAX_PAGE_SIZE = 200;

export interface CallOptions {
  signal?: AbortSignal;
}

export interface ListOptions extends CallOptions {
  /** Stop after this many pages; default: all of them. */
  maxPages?: number;
}

export async function collectList<S extends z.ZodType, T>(
  http: AscHttp,
  path: string,
  query: Query,
  item: S,
  map: (value: z.output<S>) => T,
  options: ListOptions = {},
): Promise<T[]> {
  const schema = listDocument(item);
  const items: T[] = [];
  let pages = 0;
  for await (const page of http.paginate(path, { ...query, limit: MAX_PAGE_SIZE }, { signal: options.signal })) {
    for (const value of parseDocument(schema, page, `GET ${path}`).data) items.push(map(value));
    pages += 1;
    if (options.maxPages !== undefined && pages >= options.maxPages) break;
  }
  return items;
}

/** IDs from a 4.x `relationships/*` linkage endpoint, all pages. */
export async function collectLinkage(
  http: AscHttp,
  path: string,
  type: string,
  options: ListOptions = {},
): Promise<string[]> {
  return collectList(http, path, {}, linkageItem(type), (value) => value.id, options);
}

/** GET of one resource, validated and mapped. */
export async function fetchOne<S extends z.ZodType, T>(
  http: AscHttp,
  path: string,
  item: S,
  map: (value: z.output<S>) => T,
  options: CallOptions = {},
  query?: Query,
): Promise<T> {
  const body = await http.request('GET', path, { query, signal: options.signal });
  const where = `GET ${path}`;
  return map(parseDocument(item, parseDocument(singleDocument(z.unknown()), body, where).data, where));
}
