// Segments and the S3 stand-in (§7, §8, §10): checksums, formats, signed URLs and their expiry,
// download faults, large instances, and latestTotals checked against the downloaded files.

import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, test } from 'vitest';
import { assertValidResponse } from '../support/openapi';
import { fakeReportCatalogue } from './catalogueInfo';
import { APP_ID, startHarness, type Harness } from './harness';
import type { FakeAscOptions, Granularity } from './types';

let h: Harness;
afterEach(async () => {
  await h?.fake.close();
});

async function setUp(options: FakeAscOptions = {}, days = 6): Promise<string> {
  h = await startHarness({ inactivityDays: Infinity, ...options });
  const id = await h.createOngoing();
  h.fake.clock.advanceDays(days);
  return id;
}

/** Splits a segment file as a robust client would: BOM, CRLF, tab or comma, case-insensitive header. */
function parseSegment(text: string): { header: string[]; rows: string[][] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line !== '');
  const delimiter = (lines[0] ?? '').includes('\t') ? '\t' : ',';
  const [header = [], ...rows] = lines.map((line) => line.split(delimiter));
  return { header: header.map((name) => name.trim().toLowerCase()), rows };
}

async function segmentsOf(instanceId: string): Promise<any[]> {
  const path = `/v1/analyticsReportInstances/${instanceId}/segments`;
  const res = await h.api(path);
  assertValidResponse('GET', path, res.status, res.json);
  return res.json.data;
}

function firstInstance(requestId: string, reportName: string, minSegments = 1) {
  const instance = h.fake.instances({ requestId, reportName }).find((i) => i.segmentIds.length >= minSegments);
  if (!instance) throw new Error(`no instance of ${reportName} with ${minSegments}+ segments`);
  return instance;
}

describe('segment files', () => {
  test('checksum is the MD5 of the gz bytes, size their length; TSV with the catalogue header; re-fetch identical', async () => {
    const id = await setUp();
    const instance = firstInstance(id, 'App Downloads Standard', 2);
    const info = fakeReportCatalogue().find((r) => r.name === 'App Downloads Standard');
    const segments = await segmentsOf(instance.id);
    expect(segments.map((s) => s.id).sort()).toEqual([...instance.segmentIds].sort());
    let rows = 0;
    for (const segment of segments) {
      const { url, checksum, sizeInBytes } = segment.attributes;
      const file = await h.download(url);
      expect(file.status).toBe(200);
      expect(file.bytes.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
      expect(createHash('md5').update(file.bytes).digest('hex')).toBe(checksum);
      expect(file.bytes.length).toBe(sizeInBytes);
      const parsed = parseSegment(file.text);
      expect(parsed.header).toEqual(info?.columns.map((c) => c.name.toLowerCase()));
      for (const row of parsed.rows) {
        expect(row).toHaveLength(parsed.header.length);
        expect(instance.dates).toContain(row[0]);
      }
      rows += parsed.rows.length;
      expect((await h.download(url)).bytes).toEqual(file.bytes);
    }
    expect(rows).toBeGreaterThan(0);
  });

  test('formats per report: comma, BOM, CRLF, shuffled lower-case header, multi-member gzip', async () => {
    const id = await setUp({ fileFormats: { 'App Crashes': { delimiter: ',', bom: true, crlf: true, shuffleColumns: true, lowerCaseHeader: true, gzipMembers: 3 } } });
    const segment = (await segmentsOf(firstInstance(id, 'App Crashes').id))[0];
    const file = await h.download(segment.attributes.url);
    expect(file.text.startsWith('\uFEFF')).toBe(true);
    expect(file.text).toContain('\r\n');
    expect(file.text.split('\r\n')[0]).not.toContain('\t');
    const parsed = parseSegment(file.text);
    expect([...parsed.header].sort()).toEqual(['app apple identifier', 'app name', 'app version', 'crashes', 'date', 'device', 'platform version', 'unique devices']);
    expect(parsed.header).not.toEqual(['date', 'app name', 'app apple identifier', 'app version', 'device', 'platform version', 'crashes', 'unique devices']);
  });

  test('a large instance is split into segments by maxRowsPerSegment (its speed is a bench matter)', async () => {
    const id = await setUp({ rowsScale: 900, maxRowsPerSegment: 40_000 }, 3);
    const instance = firstInstance(id, 'App Sessions Detailed');
    expect(instance.segmentIds.length).toBeGreaterThanOrEqual(3);
    expect(h.fake.prepareSegmentFiles({ requestId: id, reportName: 'App Sessions Detailed', granularity: 'DAILY' })).toBeGreaterThan(1_000_000);
    let rows = 0;
    for (const segment of await segmentsOf(instance.id)) rows += parseSegment((await h.download(segment.attributes.url)).text).rows.length;
    expect(rows).toBeGreaterThan(100_000);
  });
});

describe('signed URLs', () => {
  test('re-signed on every listing, valid 300 s of fake time, 403 XML when expired', async () => {
    const id = await setUp();
    const instance = firstInstance(id, 'App Crashes');
    const first = (await segmentsOf(instance.id))[0].attributes.url as string;
    expect(new URL(first).origin).toBe(h.fake.segmentBaseUrl);
    expect(new URL(first).pathname).toMatch(new RegExp(`^/reports/${APP_ID}/APP_CRASHES_PRIMARY/DAILY/ONGOING/\\d{8}/\\d{13}/0\\.csv\\.gz$`));
    expect(new URL(first).searchParams.get('X-Amz-Expires')).toBe('300');
    h.fake.clock.advanceMinutes(5);
    expect((await h.download(first)).status).toBe(200);
    const second = (await h.api(`/v1/analyticsReportSegments/${instance.segmentIds[0]}`)).json.data.attributes.url as string;
    expect(second).not.toBe(first);
    h.fake.clock.advanceMinutes(1);
    const expired = await h.download(first);
    expect(expired.status).toBe(403);
    expect(expired.text).toMatch(/<Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/);
    expect((await h.download(second)).status).toBe(200);
  });

  test('tampered URLs and an Authorization header are refused with S3 XML', async () => {
    const id = await setUp();
    const url = (await segmentsOf(firstInstance(id, 'App Crashes').id))[0].attributes.url as string;
    const signature = new URL(url).searchParams.get('X-Amz-Signature') as string;
    const forged = url.replace(signature, `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`);
    expect((await h.download(forged)).text).toContain('<Code>SignatureDoesNotMatch</Code>');
    const otherPath = url.replace('/0.csv.gz', '/1.csv.gz');
    expect((await h.download(otherPath)).status).toBe(403);
    expect((await h.download(url.split('?')[0] as string)).status).toBe(403);
    const withAuth = await h.download(url, { Authorization: `Bearer ${h.token()}` });
    expect(withAuth.status).toBe(403);
    expect(withAuth.text).toContain('<Error><Code>AccessDenied</Code>');
    expect((await h.download(url)).status).toBe(200);
  });

  test('Range requests resume a download', async () => {
    const id = await setUp();
    const url = (await segmentsOf(firstInstance(id, 'App Sessions Standard').id))[0].attributes.url as string;
    const full = await h.download(url);
    const res = await fetch(url, { headers: { Range: 'bytes=10-' } });
    expect(res.status).toBe(206);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(full.bytes.subarray(10));
  });
});

describe('faults', () => {
  test('truncated, reset and corrupted downloads; wrong checksum and size in listings; zero segments', async () => {
    const id = await setUp();
    const instance = firstInstance(id, 'App Sessions Standard');
    const [segment] = await segmentsOf(instance.id);
    const { url, checksum, sizeInBytes } = segment.attributes;
    h.fake.faults.truncateNextDownloads = 1;
    const short = Buffer.from(await (await fetch(url)).arrayBuffer());
    expect(short.length).toBeLessThan(sizeInBytes);
    h.fake.faults.resetNextDownloads = 1;
    await expect(fetch(url).then((r) => r.arrayBuffer())).rejects.toThrow();
    h.fake.faults.corruptBodyNext = 1;
    const corrupted = Buffer.from(await (await fetch(url)).arrayBuffer());
    expect(corrupted.length).toBe(sizeInBytes);
    expect(createHash('md5').update(corrupted).digest('hex')).not.toBe(checksum);
    expect(createHash('md5').update((await h.download(url)).bytes).digest('hex')).toBe(checksum);

    h.fake.faults.corruptChecksumNext = 1;
    h.fake.faults.wrongSizeNext = 1;
    const [faulty] = await segmentsOf(instance.id);
    expect(faulty.attributes.checksum).not.toBe(checksum);
    expect(faulty.attributes.sizeInBytes).not.toBe(sizeInBytes);
    const [healed] = await segmentsOf(instance.id);
    expect([healed.attributes.checksum, healed.attributes.sizeInBytes]).toEqual([checksum, sizeInBytes]);

    h.fake.faults.zeroSegmentInstances = true;
    expect(await segmentsOf(instance.id)).toEqual([]);
    h.fake.faults.zeroSegmentInstances = false;
    expect((await segmentsOf(instance.id)).length).toBe(instance.segmentIds.length);
    expect(h.fake.stats().downloads).toBe(4);
  });
});

/** Latest-wins totals computed only from what the API and S3 serve, as a correct client would. */
async function totalsFromFiles(reportName: string, granularity: Granularity, metric: string, money = false) {
  const info = fakeReportCatalogue().find((r) => r.name === reportName);
  const best = new Map<string, { processingDate: string; total: number; seen: boolean }>();
  const naive = new Map<string, number>();
  const requests = await h.all(`/v1/apps/${APP_ID}/analyticsReportRequests`);
  for (const request of requests) {
    const reports = await h.all(`/v1/analyticsReportRequests/${request.id}/reports?filter%5Bname%5D=${encodeURIComponent(reportName)}`);
    for (const report of reports) {
      for (const instance of await h.all(`/v1/analyticsReports/${report.id}/instances?filter%5Bgranularity%5D=${granularity}&limit=200`)) {
        const perDate = new Map<string, { total: number; seen: boolean }>();
        for (const segment of await segmentsOf(instance.id)) {
          const { header, rows } = parseSegment((await h.download(segment.attributes.url)).text);
          const dateIndex = header.indexOf((info?.dateColumn ?? '').toLowerCase());
          const metricIndex = header.indexOf(metric.toLowerCase());
          for (const row of rows) {
            const date = row[dateIndex] as string;
            const entry = perDate.get(date) ?? { total: 0, seen: false };
            const cell = row[metricIndex] ?? '';
            if (cell !== '') {
              const value = money ? Math.round(Number(cell) * 100) : Number(cell);
              entry.total += value;
              entry.seen = true;
              naive.set(date, (naive.get(date) ?? 0) + value);
            }
            perDate.set(date, entry);
          }
        }
        for (const [date, entry] of perDate) {
          const current = best.get(date);
          if (!current || instance.attributes.processingDate > current.processingDate) best.set(date, { processingDate: instance.attributes.processingDate, ...entry });
        }
      }
    }
  }
  const totals = new Map<string, number>();
  for (const date of [...best.keys()].sort()) {
    const entry = best.get(date);
    if (entry?.seen) totals.set(date, money ? entry.total / 100 : entry.total);
  }
  return { totals, naive };
}

describe('latestTotals oracle', () => {
  test.each([
    ['App Downloads Standard', 'DAILY', 'Counts', false],
    ['App Sessions Standard', 'DAILY', 'Unique Devices', false],
    ['App Store Purchases Detailed', 'DAILY', 'Proceeds in USD', true],
    ['App Crashes', 'WEEKLY', 'Crashes', false],
  ] as const)('%s %s %s equals the newest-processingDate sum over the downloaded files', async (reportName, granularity, metric, money) => {
    await setUp({ snapshotBackfillDays: 12 }, 12);
    h.fake.createRequest(APP_ID, 'ONE_TIME_SNAPSHOT');
    h.fake.clock.advanceDays(3);
    const { totals, naive } = await totalsFromFiles(reportName, granularity, metric, money);
    const expected = h.fake.latestTotals({ appId: APP_ID, reportName, granularity, metric });
    expect(expected.size).toBeGreaterThan(granularity === 'DAILY' ? 10 : 1);
    expect(totals).toEqual(expected);
    if (granularity === 'DAILY') {
      const overCounted = [...expected].filter(([date, total]) => (naive.get(date) ?? 0) * (money ? 0.01 : 1) > total + 0.001);
      expect(overCounted.length).toBeGreaterThan(0);
    }
  });

  test('restated vintages differ, so the winner matters', async () => {
    await setUp({}, 8);
    const instances = h.fake.instances({ reportName: 'App Sessions Standard', granularity: 'DAILY' });
    const date = instances.find((i) => i.dates.length > 1)?.dates.at(-1) as string;
    const vintages = instances.filter((i) => i.dates.includes(date));
    expect(vintages.length).toBeGreaterThan(1);
    const sums = new Set<number>();
    for (const vintage of vintages) {
      let sum = 0;
      for (const segment of await segmentsOf(vintage.id)) {
        const { header, rows } = parseSegment((await h.download(segment.attributes.url)).text);
        for (const row of rows) if (row[0] === date) sum += Number(row[header.indexOf('sessions')] || 0);
      }
      sums.add(sum);
    }
    expect(sums.size).toBe(vintages.length);
  });

  test('scope everProduced keeps Dates whose instances have expired', async () => {
    await setUp({}, 45);
    const query = { appId: APP_ID, reportName: 'App Opt In', granularity: 'DAILY', metric: 'Users Opting-In' } as const;
    const existing = h.fake.latestTotals(query);
    const ever = h.fake.latestTotals({ ...query, scope: 'everProduced' });
    expect(ever.size).toBeGreaterThan(existing.size);
    for (const [date, total] of existing) expect(ever.get(date)).toBe(total);
    expect(() => h.fake.latestTotals({ ...query, metric: 'Nope' })).toThrow(/not a metric/);
  });
});
