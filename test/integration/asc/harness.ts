// Shared setup for the client-vs-fake-server tests: a fake App Store Connect, registered keys, and
// clients whose fetch is wrapped to record every exchange so each test can check all requests
// (and responses) against Apple's OpenAPI extract.

import { createAscClient, createTokenProvider, type AscClient, type AscClientOptions } from '../../../main/asc';
import { startFakeAsc, type FakeAsc, type FakeAscOptions, type KeyRole } from '../../fake-asc';
import { assertValidRequest, assertValidResponse } from '../../support/openapi';
import { makeTestApiKey, type TestApiKey } from '../../support/testKeys';

export interface Exchange {
  method: string;
  url: string;
  requestBody: unknown;
  authorization: string | null;
  status: number;
  /** JSON body for API responses; undefined for 204 and for segment downloads. */
  responseBody: unknown;
}

export interface Harness {
  fake: FakeAsc;
  exchanges: Exchange[];
  sleeps: number[];
  /** A registered key and a client using it. */
  client(role?: KeyRole, options?: Partial<AscClientOptions> & { individual?: boolean }): AscClient & { key: TestApiKey };
  /** Every API request the clients sent is valid per the extract; so is every response it covers. */
  assertExchangesMatchSpec(): void;
  close(): Promise<void>;
}

const LINKAGE = /^\/v1\/[A-Za-z]+\/[^/]+\/relationships\/[A-Za-z]+$/;
const APPS = /^\/v1\/apps(\/[^/]+)?$/;

export async function startHarness(options: FakeAscOptions = {}): Promise<Harness> {
  const fake = await startFakeAsc({ now: new Date('2025-03-03T10:00:00Z'), ...options });
  const exchanges: Exchange[] = [];
  const sleeps: number[] = [];

  const recordingFetch: typeof fetch = async (input, init) => {
    const url = String(input);
    const headers = new Headers(init?.headers);
    const response = await fetch(input, init);
    const isApi = url.startsWith(fake.baseUrl);
    let responseBody: unknown;
    if (isApi) {
      const text = await response.clone().text();
      responseBody = text === '' ? undefined : parseOrText(text);
    }
    exchanges.push({
      method: init?.method ?? 'GET',
      url,
      requestBody: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
      authorization: headers.get('authorization'),
      status: response.status,
      responseBody,
    });
    return response;
  };

  return {
    fake,
    exchanges,
    sleeps,
    client(role = 'ADMIN', clientOptions = {}) {
      const { individual, ...rest } = clientOptions;
      const key = makeTestApiKey();
      fake.registerKey(
        individual === true
          ? { keyId: key.keyId, individual: true, publicKeyPem: key.publicKeyPem, role }
          : { keyId: key.keyId, issuerId: key.issuerId, publicKeyPem: key.publicKeyPem, role },
      );
      const tokenProvider = createTokenProvider({
        keyId: key.keyId,
        issuerId: individual === true ? undefined : key.issuerId,
        individual,
        privateKeyPem: key.privateKeyPem,
        clock: () => fake.clock.now().getTime(),
      });
      const client = createAscClient({
        baseUrl: fake.baseUrl,
        fetch: recordingFetch,
        tokenProvider,
        clock: () => fake.clock.now().getTime(),
        // Backoff waits are recorded, not slept: tests stay fast and deterministic.
        sleep: async (ms) => {
          sleeps.push(ms);
        },
        random: () => 0.5,
        ...rest,
      });
      return Object.assign(client, { key });
    },
    assertExchangesMatchSpec() {
      for (const exchange of exchanges) {
        if (!exchange.url.startsWith(fake.baseUrl)) continue;
        const path = new URL(exchange.url).pathname;
        assertValidRequest(exchange.method, exchange.url, exchange.requestBody, { allowNotCovered: true });
        if (LINKAGE.test(path)) assertOnlyParams(exchange.url, ['limit', 'cursor']);
        if (APPS.test(path)) assertOnlyParams(exchange.url, ['fields[apps]', 'filter[bundleId]', 'limit', 'cursor']);
        assertValidResponse(exchange.method, exchange.url, exchange.status, exchange.responseBody, { allowNotCovered: true });
      }
    },
    close: () => fake.close(),
  };
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** For calls the 3.7 extract does not cover: only the parameters §6/§12 of the fact sheet allow. */
function assertOnlyParams(url: string, allowed: string[]): void {
  for (const name of new URL(url).searchParams.keys()) {
    if (!allowed.includes(name)) throw new Error(`request ${url} carries parameter '${name}', allowed: ${allowed.join(', ')}`);
  }
}
