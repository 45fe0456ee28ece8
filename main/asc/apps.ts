// The app list (`GET /v1/apps`, all pages) and a single app, trimmed to the fields Orchard shows.

import type { App } from '../../shared/ascTypes';
import type { AscHttp } from './http';
import { collectList, fetchOne, type CallOptions, type ListOptions } from './paging';
import { appResource, toApp } from './schemas';
import { pathId } from './urls';

export const APP_FIELDS = ['name', 'bundleId', 'sku', 'primaryLocale'] as const;

export interface ListAppsOptions extends ListOptions {
  /** Exact bundle IDs (`filter[bundleId]`). */
  bundleId?: string | readonly string[];
}

export interface AppsApi {
  listApps(options?: ListAppsOptions): Promise<App[]>;
  getApp(appId: string, options?: CallOptions): Promise<App>;
}

export function createAppsApi(http: AscHttp): AppsApi {
  return {
    listApps(options = {}) {
      const bundleId = typeof options.bundleId === 'string' ? [options.bundleId] : options.bundleId;
      const query = { 'fields[apps]': APP_FIELDS, 'filter[bundleId]': bundleId };
      return collectList(http, '/v1/apps', query, appResource, toApp, options);
    },
    getApp(appId, options = {}) {
      return fetchOne(http, `/v1/apps/${pathId(appId)}`, appResource, toApp, options, { 'fields[apps]': APP_FIELDS });
    },
  };
}
