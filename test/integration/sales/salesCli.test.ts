// `orchard sync --sales --finance` as a user runs it (the built CLI as a child process) against the
// fake: a vendor with no subscription events exits 0 with Finance loaded, an immediate re-run exits
// 0 asking only the re-checked recent periods, and a run killed with SIGKILL mid-backfill resumes by
// loading the files it had kept instead of downloading them again.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAsc, type FakeAsc } from '../../fake-asc';
import { ensureCliBuilt, runCli } from '../../support/builtCli';
import { makeTestApiKey, type TestApiKey } from '../../support/testKeys';

let fake: FakeAsc;
let dir: string;
/** One key per test: a year's backfill of every kind takes ~1,900 of a key's hourly 3,500 calls, as with Apple. */
async function newKey(): Promise<{ key: TestApiKey; keyFile: string }> {
  const key = makeTestApiKey();
  fake.registerKey({ keyId: key.keyId, issuerId: key.issuerId, publicKeyPem: key.publicKeyPem, role: 'ADMIN' });
  const keyFile = path.join(dir, `AuthKey_${key.keyId}.p8`);
  await writeFile(keyFile, key.privateKeyPem);
  return { key, keyFile };
}
let credentials: { key: TestApiKey; keyFile: string };

beforeAll(async () => {
  ensureCliBuilt();
  // Real time: the child signs its tokens with its own clock.
  fake = await startFakeAsc({ seed: 7, followWallClock: true });
  fake.addApp({ id: '1476097583', name: 'Example App', bundleId: 'com.example.app', sku: 'EXAMPLE' });
  fake.sales.sellsSubscriptions = false;
  dir = await mkdtemp(path.join(os.tmpdir(), 'orchard-sales-cli-'));
}, 600_000);
afterAll(async () => {
  await fake?.close();
  await rm(dir, { recursive: true, force: true });
});

const syncArgs = (dataDir: string, ...extra: string[]) => ['sync', '--sales', ...extra, '--vendor', fake.sales.vendorNumber, '--key-file', credentials.keyFile, '--issuer-id', credentials.key.issuerId, '--base-url', fake.baseUrl, '--data-dir', dataDir];
const calls = (path: string) => fake.stats().callsByPath[`GET ${path}`] ?? 0;

async function query(dataDir: string, sql: string): Promise<Record<string, unknown>[]> {
  const q = await runCli(['query', '--data-dir', dataDir, '--format', 'jsonl', sql]);
  expect(q.code, q.stderr).toBe(0);
  return q.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** What a re-run must ask again: per kind the most recent periods (3 days, else 1) and any not published yet or failed. */
const RECHECKED = `SELECT count(*) AS n FROM (
  SELECT *, row_number() OVER (PARTITION BY report_type, report_sub_type, frequency ORDER BY report_date DESC) AS rn FROM orchard.sales_dates WHERE frequency <> 'FISCAL_MONTH')
  WHERE rn <= CASE frequency WHEN 'DAILY' THEN 3 ELSE 1 END OR outcome IN ('not-yet', 'error')`;

describe('orchard sync --sales --finance', () => {
  it('a vendor with no subscription events exits 0 with Finance loaded; an immediate re-run exits 0 and asks only recent periods', async () => {
    const dataDir = path.join(dir, 'accept');
    credentials = await newKey();
    const first = await runCli(syncArgs(dataDir, '--finance'));
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/Sales sync succeeded/);
    const finance = await query(dataDir, `SELECT count(*) AS n FROM orchard.sales_dates WHERE report_type = 'FINANCIAL' AND outcome = 'loaded'`);
    expect(Number(finance[0]?.n)).toBeGreaterThan(0);
    const events = await query(dataDir, `SELECT count(*) FILTER (WHERE outcome = 'no-sales') AS none, count(*) FILTER (WHERE outcome = 'loaded') AS loaded FROM orchard.sales_dates WHERE report_type = 'SUBSCRIPTION_EVENT'`);
    expect(Number(events[0]?.none)).toBeGreaterThan(300);
    expect(Number(events[0]?.loaded)).toBe(0);

    const expectedSales = Number((await query(dataDir, RECHECKED))[0]?.n);
    const expectedFinance = Number((await query(dataDir, `SELECT count(*) AS n FROM orchard.sales_dates WHERE report_type = 'FINANCIAL' AND outcome IN ('not-yet', 'error')`))[0]?.n);
    fake.resetStats();
    const again = await runCli(syncArgs(dataDir, '--finance'));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/Sales sync succeeded/);
    expect(calls('/v1/salesReports')).toBe(expectedSales);
    expect(expectedSales).toBeLessThan(40);
    expect(calls('/v1/financeReports')).toBe(expectedFinance);
  }, 600_000);

  it('a run killed with SIGKILL mid-backfill resumes from the files it kept, downloading none of them again', async () => {
    const dataDir = path.join(dir, 'killed');
    credentials = await newKey();
    const killed = await runCli(syncArgs(dataDir), {
      env: { ORCHARD_PROGRESS_INTERVAL_MS: '0' },
      onStderr: (text) => {
        const done = [...text.matchAll(/\[sales\] Daily sales ([\d,]+)\/([\d,]+) dates/g)].at(-1);
        return done !== undefined && Number(done[1]?.replaceAll(',', '')) >= 60;
      },
    });
    expect(killed.signal).toBe('SIGKILL');
    const ledger = await readFile(path.join(dataDir, 'sales', fake.sales.vendorNumber, 'SALES_SUMMARY_DAILY', 'ledger.jsonl'), 'utf8');
    const fetched = new Set(ledger.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { reportDate: string; outcome: string }).filter((e) => e.outcome === 'fetched').map((e) => e.reportDate));
    expect(fetched.size).toBeGreaterThanOrEqual(50);
    const downloadsBefore = new Map(fake.sales.downloads);

    const resumed = await runCli(syncArgs(dataDir));
    expect(resumed.code, resumed.stderr).toBe(0);
    const newest = [...fetched].sort().slice(-3);
    for (const date of fetched) {
      // Kept before the kill: loaded from disk, not downloaded again (the three newest days are re-checked by design).
      if (!newest.includes(date)) expect(fake.sales.downloads.get(`SALES/DAILY/${date}`), date).toBe(downloadsBefore.get(`SALES/DAILY/${date}`));
    }
    const held = await query(dataDir, `SELECT count(*) AS n FROM orchard.sales_dates WHERE report_type = 'SALES' AND frequency = 'DAILY' AND outcome = 'loaded' AND detail LIKE 'loaded from the file kept%'`);
    expect(Number(held[0]?.n)).toBeGreaterThanOrEqual(fetched.size - 3);
    const totals = await query(dataDir, `SELECT CAST(date AS VARCHAR) AS d, currency, CAST(sum(units) AS VARCHAR) AS u FROM sales.daily GROUP BY ALL ORDER BY 1, 2`);
    const days = [...new Set(totals.map((r) => String(r.d)))];
    const truth = days.flatMap((d) => fake.sales.truth(d, d).reduce((m, t) => m.set(t.currency, (m.get(t.currency) ?? 0) + t.units), new Map<string, number>()))
      .flatMap((m, i) => [...m].sort(([a], [b]) => a.localeCompare(b)).map(([c, u]) => ({ d: days[i], currency: c, u: String(u) })));
    expect(totals.map((r) => ({ d: r.d, currency: r.currency, u: String(Number(r.u)) }))).toEqual(truth.map((t) => ({ ...t, u: String(t.u) })));
  }, 600_000);
});
