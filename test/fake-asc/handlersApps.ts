// `GET /v1/apps` and `GET /v1/apps/{id}` (§12): paging, filters, sort and `fields[apps]`.

import { apiErrors } from './errors';
import { PARAMS } from './params';
import { renderApp } from './resources';
import { fieldsOf, idOf, listDocument, listingOrder, route, singleDocument, type HandlerInput, type HandlerResult, type Route } from './routing';
import type { AppRecord } from './store';

const FILTERS: Array<[string, (app: AppRecord) => string]> = [
  ['filter[bundleId]', (a) => a.bundleId], ['filter[id]', (a) => a.id], ['filter[name]', (a) => a.name], ['filter[sku]', (a) => a.sku],
];

function listApps(input: HandlerInput): HandlerResult {
  let apps = [...input.ctx.store.apps.values()].sort((a, b) => a.ordinal - b.ordinal);
  for (const [param, valueOf] of FILTERS) {
    const wanted = input.params.lists.get(param);
    if (wanted) apps = apps.filter((app) => wanted.includes(valueOf(app)));
  }
  const sort = input.params.lists.get('sort');
  if (sort) {
    const keys = sort.map((s) => ({ field: s.replace(/^-/, '') as 'name' | 'bundleId' | 'sku', sign: s.startsWith('-') ? -1 : 1 }));
    apps.sort((a, b) => {
      for (const { field, sign } of keys) {
        const order = a[field].localeCompare(b[field]);
        if (order !== 0) return order * sign;
      }
      return 0;
    });
  } else {
    apps = listingOrder(input.ctx, apps, (a) => a.id);
  }
  return listDocument(input, apps, (app) => renderApp(input.ctx.urls.api, app, fieldsOf(input, 'apps')));
}

function readApp(input: HandlerInput): HandlerResult {
  const app = input.ctx.store.apps.get(idOf(input));
  if (!app) throw apiErrors.notFound('apps', idOf(input));
  return singleDocument(input, renderApp(input.ctx.urls.api, app, fieldsOf(input, 'apps')));
}

export const appRoutes: Route[] = [
  route('/v1/apps', { GET: { params: PARAMS.apps, analytics: false, handle: listApps } }),
  route('/v1/apps/{id}', { GET: { params: PARAMS.app, analytics: false, handle: readApp } }),
];
