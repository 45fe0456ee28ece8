// Demo seeding and the CLI entry: the generated key works, apps have history, runs are reproducible.

import { createHash } from 'node:crypto';
import { afterEach, describe, expect, test } from 'vitest';
import { mintTestJwt } from '../support/testKeys';
import { DEMO_APPS, runFakeAscCli, seedDemo, startFakeAsc, type FakeAsc } from './index';

const fakes: FakeAsc[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

async function get(fake: FakeAsc, token: string, path: string) {
  const res = await fetch(`${fake.baseUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, json: (await res.json()) as any };
}

describe('seedDemo', () => {
  test('adds apps with history and an ADMIN key that signs valid tokens', async () => {
    const fake = await startFakeAsc({ now: new Date('2024-06-15T12:00:00Z') });
    fakes.push(fake);
    const credentials = await seedDemo(fake);
    expect(credentials.keyId).toMatch(/^[A-Z0-9]{10}$/);
    expect(credentials.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const token = mintTestJwt(credentials, { now: fake.clock.now() });
    const apps = await get(fake, token, '/v1/apps');
    expect(apps.json.data.map((a: any) => a.id)).toEqual(DEMO_APPS.map((a) => a.id));
    const requests = await get(fake, token, `/v1/apps/${DEMO_APPS[0]?.id}/analyticsReportRequests`);
    expect(requests.json.data).toHaveLength(1);
    expect(fake.instances({ appId: DEMO_APPS[0]?.id }).length).toBeGreaterThan(100);
    const last = fake.requests(DEMO_APPS[2]?.id as string);
    expect(last.map((r) => r.accessType)).toEqual(['ONE_TIME_SNAPSHOT']);
    expect(fake.instances({ appId: DEMO_APPS[2]?.id }).length).toBeGreaterThan(10);
  });

  test('the CLI entry starts a wall-clock demo and prints where to reach it', async () => {
    const lines: string[] = [];
    const server = await runFakeAscCli([], (line) => lines.push(line));
    fakes.push(server.fake);
    expect(lines[0]).toBe(`fake App Store Connect: ${server.fake.baseUrl}`);
    expect(lines.join('\n')).not.toContain('PRIVATE KEY');
    const token = mintTestJwt(server, { now: new Date() });
    expect((await get(server.fake, token, '/v1/apps')).status).toBe(200);
  });
});

describe('determinism', () => {
  async function checksums(seed: number): Promise<string[]> {
    const fake = await startFakeAsc({ now: new Date('2024-04-01T00:00:00Z'), seed });
    fakes.push(fake);
    fake.addApp({ id: '1', name: 'A', bundleId: 'a', sku: 'A' });
    const id = fake.createRequest('1', 'ONGOING');
    fake.clock.advanceDays(4);
    const credentials = await seedDemo(fake);
    const token = mintTestJwt(credentials, { now: fake.clock.now() });
    const sums: string[] = [];
    for (const instance of fake.instances({ requestId: id, reportName: 'App Crashes' })) {
      const segments = await get(fake, token, `/v1/analyticsReportInstances/${instance.id}/segments`);
      for (const segment of segments.json.data) {
        const bytes = Buffer.from(await (await fetch(segment.attributes.url)).arrayBuffer());
        sums.push(`${instance.id} ${segment.id} ${createHash('md5').update(bytes).digest('hex')}`);
      }
    }
    return sums;
  }

  test('the same seed gives the same IDs and bytes; another seed does not', async () => {
    const first = await checksums(7);
    expect(first.length).toBeGreaterThan(0);
    expect(await checksums(7)).toEqual(first);
    expect(await checksums(8)).not.toEqual(first);
  });
});
