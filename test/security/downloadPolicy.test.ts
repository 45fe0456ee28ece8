// Attack replays (issue 9 item 4): segment URLs with http:, any host, and redirects were followed;
// a 302 to a loopback service stored that service's answer in the quarantine. Now every URL and
// every redirect hop must pass the download policy, with at most 3 redirects.
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { downloadUrlPolicy } from '../../main/asc/downloadUrlPolicy';
import { OrchardError } from '../../shared/errors';
import { filesOutside, filesUnder } from './diskScan';
import { startSecurityHarness, APPLE_API, type SecurityHarness } from './networkHarness';

let h: SecurityHarness | undefined;
let victim: { url: string; hits: string[]; close(): Promise<void> } | undefined;
afterEach(async () => {
  await h?.close();
  await victim?.close();
  h = undefined;
  victim = undefined;
});

/** A service on the user's machine that must never be reached through a segment URL. */
async function startVictim() {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end('internal admin secrets');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, hits, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function issueReasons(summary: { issues: { error: { details?: Record<string, unknown> } }[] }): unknown[] {
  return summary.issues.map((i) => i.error.details?.reason);
}

async function expectNothingKept(harness: SecurityHarness) {
  expect(await filesOutside(harness.parent, harness.dataDir)).toEqual([]);
  const quarantined = [...(await filesUnder(harness.dataDir)).keys()].filter((f) => f.startsWith('quarantine') && f.endsWith('.csv.gz'));
  expect(quarantined).toEqual([]);
}

describe('segment downloads while talking to Apple', () => {
  it('refuses a 302 to a loopback service: the service is never contacted and nothing is stored', async () => {
    h = await startSecurityHarness({ apple: true });
    victim = await startVictim();
    const target = h.targetSegmentId();
    const to = `${victim.url}/admin`;
    h.fake.faults.segmentRewrite = (s) => (s.id === target ? { url: h!.hostileUrl(`/redirect?to=${encodeURIComponent(to)}`) } : undefined);

    const summary = await h.sync();

    expect(summary.outcome).toBe('partial');
    expect(issueReasons(summary)).toEqual(['segment-url-private-host']);
    expect(victim.hits).toEqual([]);
    expect(h.requested.some((u) => u.startsWith(victim!.url))).toBe(false);
    expect(h.hostile.hits).toHaveLength(1);
    await expectNothingKept(h);
  });

  it('refuses http:, private, link-local and 0.0.0.0 segment URLs before opening them', async () => {
    h = await startSecurityHarness({ apple: true });
    const target = h.targetSegmentId();
    const hostileUrls = [
      'http://orchard-reports.s3.us-east-1.amazonaws.com/reports/0.csv.gz',
      'https://169.254.169.254/latest/meta-data/',
      'https://10.1.2.3/x.csv.gz',
      'https://[fd00::1]/x.csv.gz',
      'https://0.0.0.0/x.csv.gz',
      'https://127.0.0.1:9/x.csv.gz',
    ];
    for (const url of hostileUrls) {
      h.fake.faults.segmentRewrite = (s) => (s.id === target ? { url } : undefined);
      const summary = await h.sync();
      expect(summary.outcome, url).toBe('partial');
      expect(summary.issues[0]?.error.code, url).toBe('BAD_INPUT');
      expect(h.requested, url).not.toContain(url);
    }
    await expectNothingKept(h);
  });

  it('follows at most 3 redirects and checks each hop', async () => {
    h = await startSecurityHarness({ apple: true });
    const target = h.targetSegmentId();
    let realUrl = '';
    // Three hops to the real file are fine…
    h.fake.faults.segmentRewrite = (s) => {
      if (s.id !== target) return undefined;
      realUrl = s.url;
      return { url: h!.hostileUrl(`/chain/3?to=${encodeURIComponent(realUrl)}`) };
    };
    const three = await h.sync();
    expect(three.outcome).toBe('succeeded');
    expect(h.hostile.hits.filter((p) => p.startsWith('/chain/'))).toHaveLength(3);

    // …a fourth is not, even when it would end at the real file.
    h.fake.clock.advanceDays(1);
    const next = h.fake.instances({ reportName: 'App Downloads Standard', granularity: 'DAILY' }).at(-1)!.segmentIds[0];
    h.fake.faults.segmentRewrite = (s) => (s.id === next ? { url: h!.hostileUrl(`/chain/4?to=${encodeURIComponent(s.url)}`) } : undefined);
    const four = await h.sync();
    expect(four.outcome).toBe('partial');
    expect(issueReasons(four)).toEqual(['segment-too-many-redirects']);
    await expectNothingKept(h);
  });

  it('still downloads real files from Apple-named hosts (the S3 stand-in refuses any Authorization header)', async () => {
    h = await startSecurityHarness({ apple: true });
    const summary = await h.sync();
    expect(summary.outcome).toBe('succeeded');
    expect(h.requested.some((u) => u.startsWith(APPLE_API))).toBe(true);
    expect(h.fake.stats().downloads).toBeGreaterThan(0);
  });
});

describe('segment downloads in tests and demo (API on loopback)', () => {
  it('allows loopback over http but still refuses private and link-local hosts', async () => {
    h = await startSecurityHarness();
    const target = h.targetSegmentId();
    h.fake.faults.segmentRewrite = (s) => (s.id === target ? { url: 'http://192.168.1.1/x.csv.gz' } : undefined);
    const summary = await h.sync();
    expect(issueReasons(summary)).toEqual(['segment-url-private-host']);
    expect(h.requested).not.toContain('http://192.168.1.1/x.csv.gz');
  });
});

describe('download URL policy', () => {
  const apple = downloadUrlPolicy(APPLE_API);
  const local = downloadUrlPolicy('http://127.0.0.1:4000');
  const reason = (check: (u: string) => URL, url: string) => {
    try {
      check(url);
      return 'allowed';
    } catch (error) {
      expect(error).toBeInstanceOf(OrchardError);
      return (error as OrchardError).details?.reason;
    }
  };

  it('talking to Apple: https to public hosts only', () => {
    expect(reason(apple, 'https://bucket.s3.us-west-2.amazonaws.com/reports/1/0.csv.gz?X-Amz-Signature=x')).toBe('allowed');
    expect(reason(apple, 'http://bucket.s3.us-west-2.amazonaws.com/0.csv.gz')).toBe('segment-url-not-https');
    for (const host of ['127.0.0.1', '127.1.2.3', '[::1]', 'localhost', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.0.1', '169.254.169.254', '[fe80::1]', '[fc00::1]', '[fdff::1]', '0.0.0.0', '[::]', '[::ffff:127.0.0.1]', '[::ffff:10.0.0.1]', '2130706433', '0x7f.1']) {
      expect(reason(apple, `https://${host}/x`), host).toBe('segment-url-private-host');
    }
    // Issue 21: carrier-grade NAT, multicast, reserved, the old IPv4-compatible form, site-local, NAT64, 6to4, Teredo, *.localhost.
    for (const host of ['100.64.0.1', '100.127.255.255', '224.0.0.1', '239.255.255.250', '240.0.0.1', '255.255.255.255', '[ff02::1]', '[ff0e::1]', '[::7f00:1]', '[fec0::1]',
      '[64:ff9b::7f00:1]', '[64:ff9b::808:808]', '[64:ff9b:1::a00:1]', '[2002:7f00:1::]', '[2002:808:808::1]', '[2001:0:4136:e378::1]', 'evil.localhost']) {
      expect(reason(apple, `https://${host}/x`), host).toBe('segment-url-private-host');
    }
    for (const host of ['172.15.0.1', '172.32.0.1', '192.169.0.1', '8.8.8.8', '[2001:db8::1]', '100.63.255.255', '100.128.0.1', '223.255.255.255', '[2001:1::1]', '[2003::1]']) {
      expect(reason(apple, `https://${host}/x`), host).toBe('allowed');
    }
    expect(reason(apple, 'https://api.appstoreconnect.apple.com/v1/apps')).toBe('segment-url-on-api-host');
    expect(reason(apple, 'file:///etc/passwd')).toBe('segment-url-invalid');
    expect(reason(apple, 'https://user:pw@bucket.s3.amazonaws.com/x')).toBe('segment-url-invalid');
  });

  it('API on loopback: loopback may be http, other local ranges stay refused', () => {
    expect(reason(local, 'http://127.0.0.1:4001/x')).toBe('allowed');
    expect(reason(local, 'http://10.0.0.1/x')).toBe('segment-url-private-host');
    expect(reason(local, 'http://evil.localhost:4001/x')).toBe('segment-url-private-host');
    expect(reason(downloadUrlPolicy('http://127.0.0.1:4000'), 'http://[::1]:4001/x')).toBe('allowed');
    expect(reason(local, 'http://example.com/x')).toBe('segment-url-not-https');
    expect(reason(local, 'http://127.0.0.1:4000/v1/x')).toBe('segment-url-on-api-host');
  });
});
