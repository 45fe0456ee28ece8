// Test harness for the fake's own tests: a started fake with an app and keys, and a tiny fetch
// wrapper that signs each call with a fresh JWT from the fake's clock.

import { gunzipSync } from 'node:zlib';
import { makeTestApiKey, mintTestJwt, type MintOptions, type TestApiKey } from '../support/testKeys';
import { startFakeAsc } from './fake';
import type { FakeAsc, FakeAscOptions, KeyRole } from './types';

export const APP_ID = '1476097583';
export const START = new Date('2024-04-01T10:00:00Z');

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export interface Harness {
  fake: FakeAsc;
  admin: TestApiKey;
  addKey(role: KeyRole, options?: { individual?: boolean }): TestApiKey;
  token(key?: TestApiKey, options?: MintOptions): string;
  api(pathOrUrl: string, init?: { method?: string; body?: unknown; key?: TestApiKey; headers?: Record<string, string>; rawBody?: string }): Promise<ApiResponse>;
  /** Follows `links.next` and returns every `data` item. */
  all(pathOrUrl: string, key?: TestApiKey): Promise<any[]>;
  download(url: string, headers?: Record<string, string>): Promise<{ status: number; bytes: Buffer; text: string }>;
  createOngoing(): Promise<string>;
}

export async function startHarness(options: FakeAscOptions = {}): Promise<Harness> {
  const fake = await startFakeAsc({ now: START, ...options });
  fake.addApp({ id: APP_ID, name: 'Example App', bundleId: 'com.example.app', sku: 'EXAMPLE' });
  const addKey = (role: KeyRole, keyOptions: { individual?: boolean } = {}) => {
    const key = makeTestApiKey();
    fake.registerKey({ keyId: key.keyId, publicKeyPem: key.publicKeyPem, role, ...(keyOptions.individual ? { individual: true } : { issuerId: key.issuerId }) });
    return key;
  };
  const admin = addKey('ADMIN');
  const token = (key: TestApiKey = admin, mint: MintOptions = {}) => mintTestJwt(key, { now: fake.clock.now(), ...mint });
  const api: Harness['api'] = async (pathOrUrl, init = {}) => {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${fake.baseUrl}${pathOrUrl}`;
    const headers: Record<string, string> = { Authorization: `Bearer ${token(init.key)}`, ...init.headers };
    let body: string | undefined = init.rawBody;
    if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const res = await fetch(url, { method: init.method ?? 'GET', headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  };
  const all = async (pathOrUrl: string, key?: TestApiKey) => {
    const items: any[] = [];
    let next: string | undefined = pathOrUrl;
    while (next) {
      const res: ApiResponse = await api(next, key ? { key } : {});
      if (res.status !== 200) throw new Error(`GET ${next} → ${res.status} ${res.text}`);
      items.push(...res.json.data);
      next = res.json.links.next;
    }
    return items;
  };
  const download = async (url: string, headers: Record<string, string> = {}) => {
    const res = await fetch(url, { headers });
    const bytes = Buffer.from(await res.arrayBuffer());
    return { status: res.status, bytes, text: res.status === 200 ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8') };
  };
  const createOngoing = async () => {
    const res = await api('/v1/analyticsReportRequests', {
      method: 'POST',
      body: { data: { type: 'analyticsReportRequests', attributes: { accessType: 'ONGOING' }, relationships: { app: { data: { type: 'apps', id: APP_ID } } } } },
    });
    if (res.status !== 201) throw new Error(`create → ${res.status} ${res.text}`);
    return res.json.data.id as string;
  };
  return { fake, admin, addKey, token, api, all, download, createOngoing };
}
