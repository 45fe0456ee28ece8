// `npm run bench:workbench`: the SQL workbench against ten million rows made by DuckDB itself in
// a temporary warehouse. Prints, in one run: (a) first page of SELECT * ÷ SELECT * … LIMIT 1000
// through the workbench's command path, (b) full export to Parquet ÷ DuckDB's own COPY of the
// same query, (c) renderer heap (after GC, in Chromium) before and after scrolling to the last
// row. A measurement, not a test: it never fails on time. Needs `npm run build` (the renderer).
import { build } from 'esbuild';
import { DuckDBInstance } from '@duckdb/node-api';
import { chromium } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const ROWS = Number(process.env.BENCH_ROWS ?? 10_000_000);
const REPEAT = 5;
// Its own schema: a table in `raw` would be taken for an Apple report by the warehouse's migrations.
const TABLE = 'bench.bench_rows';
const QUERY = `SELECT * FROM ${TABLE}`;

const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);
const fmt = (n) => n.toLocaleString('en-US');

/** The main-process modules, bundled from TypeScript for this run. */
async function loadServices() {
  const outfile = path.join(root, 'dist', 'bench', 'workbench-services.cjs');
  await build({
    stdin: {
      contents: `
        export { createServices } from './main/services';
        export { createNodePlatform } from './main/platform/nodePlatform';
        export { silentLogger } from './main/logging/logger';
        export { startBridgeServer } from './main/web/bridgeServer';
        export { createMemorySecretStore } from './main/credentials';`,
      resolveDir: root,
      loader: 'ts',
    },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['@duckdb/node-api', '@duckdb/node-bindings', '@napi-rs/keyring', 'electron'],
    define: { ORCHARD_VERSION: '"bench"' },
    logLevel: 'warning',
  });
  return import(outfile);
}

/** Ten million typed rows in the warehouse file, and DuckDB's own COPY of them as the baseline. */
async function prepare(dataDir, copyTarget) {
  const instance = await DuckDBInstance.create(path.join(dataDir, 'orchard.duckdb'));
  const connection = await instance.connect();
  await connection.run('CREATE SCHEMA IF NOT EXISTS bench');
  await connection.run(`CREATE TABLE ${TABLE} AS
    SELECT range AS id, DATE '2024-01-01' + (range % 730)::INTEGER AS date, 'T' || (range % 175) AS territory,
           (range % 9973)::BIGINT AS counts, (range % 100000 / 100)::DECIMAL(18,2) AS proceeds_usd
    FROM range(${ROWS})`);
  const copyTimes = [];
  for (let i = 0; i < 3; i += 1) {
    const t0 = process.hrtime.bigint();
    await connection.run(`COPY (${QUERY}) TO '${copyTarget}' (FORMAT parquet)`);
    copyTimes.push(ms(t0));
    await rm(copyTarget, { force: true });
  }
  connection.closeSync();
  instance.closeSync();
  return median(copyTimes);
}

async function call(services, command, payload) {
  const envelope = await services.dispatch(command, payload, { transport: 'internal' });
  if (!envelope.ok) throw new Error(`${command}: ${envelope.error.message}`);
  return envelope.value;
}

/** Time to the first rows of a run; the whole result is then awaited and released (not timed). */
async function firstPage(services, sql) {
  const runId = randomUUID();
  const t0 = process.hrtime.bigint();
  const reply = await call(services, 'query:run', { runId, sql });
  const elapsed = ms(t0);
  if (reply.firstRows.length === 0) throw new Error('no first rows');
  const result = reply.result ?? (await call(services, 'query:wait', { runId }));
  await call(services, 'query:release', { resultId: result.resultId });
  return elapsed;
}

/** Median of three full exports of one stored result (DuckDB's COPY baseline is a median of three too). */
async function exportTime(services) {
  const runId = randomUUID();
  const reply = await call(services, 'query:run', { runId, sql: QUERY });
  const result = reply.result ?? (await call(services, 'query:wait', { runId }));
  const times = [];
  let done;
  for (let i = 0; i < 3; i += 1) {
    const t0 = process.hrtime.bigint();
    // Without native dialogs (no Electron) main writes into <data folder>/exports/.
    done = await call(services, 'query:export', { exportId: randomUUID(), resultId: result.resultId, format: 'parquet', fileName: `workbench-${i}` });
    times.push(ms(t0));
    await rm(done.path, { force: true });
  }
  await call(services, 'query:release', { resultId: result.resultId });
  return { elapsed: median(times), rows: done.rows, bytes: done.bytes, method: done.method };
}

/** Heap of the renderer after a forced GC, in MB, through the DevTools protocol. */
async function heap(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

async function rendererMemory(lib, services) {
  const bridge = await lib.startBridgeServer({ dispatch: services.dispatch, events: services.events, staticDir: path.join(root, 'dist', 'renderer') });
  const browser = await chromium.launch({
    executablePath: process.env.ORCHARD_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const cdp = await page.context().newCDPSession(page);
    await page.goto(bridge.launchUrl);
    await page.locator('.shell[data-state="ready"]').waitFor();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'SQL Workbench' }).click();
    const editor = page.getByRole('textbox', { name: 'SQL editor' });
    await editor.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(QUERY);
    await editor.press('ControlOrMeta+Enter');
    const status = page.getByRole('status', { name: 'Query status' });
    await status.getByText(`${fmt(ROWS)} rows`).waitFor({ timeout: 120_000 });
    const grid = page.getByRole('grid', { name: 'Query results' });
    const start = await heap(cdp);
    const steps = 200;
    const t0 = process.hrtime.bigint();
    for (let step = 1; step <= steps; step += 1) {
      const expected = Math.floor(((ROWS - 1) * step) / steps);
      await grid.evaluate((el, s) => {
        el.scrollTop = ((el.scrollHeight - el.clientHeight) * s[0]) / s[1];
      }, [step, steps]);
      // Wait until rows around the new position are drawn with their cells (their page arrived from main).
      await page.waitForFunction((wanted) => {
        const rows = [...document.querySelectorAll('[role="grid"] [role="row"][aria-rowindex]')].filter((r) => r.getAttribute('aria-rowindex') !== '1');
        const near = rows.some((r) => Math.abs(Number(r.getAttribute('aria-rowindex')) - 2 - wanted) < 40);
        return near && !rows.some((r) => r.querySelector('.wb-loading-cell'));
      }, expected);
    }
    const scrollMs = ms(t0);
    const last = await grid.getByRole('row', { name: new RegExp(`^${fmt(ROWS)} `) }).count();
    const end = await heap(cdp);
    const domRows = await grid.getByRole('row').count();
    return { start, end, scrollMs, steps, reachedLast: last > 0, domRows };
  } finally {
    await browser.close();
    await bridge.close();
  }
}

async function main() {
  if (!existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) throw new Error('Build the renderer first: npm run build');
  const lib = await loadServices();
  const work = await mkdtemp(path.join(os.tmpdir(), 'orchard-bench-workbench-'));
  const dataDir = path.join(work, 'data');
  try {
    await mkdir(dataDir, { recursive: true });
    process.stdout.write(`Preparing ${fmt(ROWS)} rows…\n`);
    const copyMs = await prepare(dataDir, path.join(work, 'duckdb-copy.parquet'));
    const platform = lib.createNodePlatform({ dataDir, logger: lib.silentLogger, appVersion: 'bench', secretStore: lib.createMemorySecretStore() });
    const services = await lib.createServices(platform);
    try {
      await firstPage(services, `${QUERY} LIMIT 1000`);
      const full = [];
      const limited = [];
      for (let i = 0; i < REPEAT; i += 1) {
        full.push(await firstPage(services, QUERY));
        limited.push(await firstPage(services, `${QUERY} LIMIT 1000`));
      }
      const exported = await exportTime(services);
      const memory = await rendererMemory(lib, services);

      const firstRatio = median(full) / median(limited);
      const exportRatio = exported.elapsed / copyMs;
      process.stdout.write(`\nSQL workbench, ${fmt(ROWS)} rows (medians of ${REPEAT})\n`);
      process.stdout.write(`(a) first page: SELECT * ${median(full).toFixed(1)} ms ÷ SELECT * LIMIT 1000 ${median(limited).toFixed(1)} ms = ${firstRatio.toFixed(2)}  (goal ≤ 1.5)\n`);
      process.stdout.write(`(b) export to Parquet: workbench ${(exported.elapsed / 1000).toFixed(2)} s ÷ DuckDB COPY ${(copyMs / 1000).toFixed(2)} s = ${exportRatio.toFixed(2)}  (goal ≤ 1.1; ${fmt(exported.rows)} rows, ${mb(exported.bytes)} MB, ${exported.method === 'paged' ? 'paged fallback: the warehouse offers no exportResult yet' : 'COPY of the stored result in the warehouse'})\n`);
      process.stdout.write(`(c) renderer heap after GC: ${mb(memory.start)} MB before, ${mb(memory.end)} MB after scrolling to row ${fmt(ROWS)} in ${memory.steps} steps (${(memory.scrollMs / 1000).toFixed(1)} s) = ${memory.end - memory.start >= 0 ? '+' : ''}${mb(memory.end - memory.start)} MB; last row reached: ${memory.reachedLast}; rows in the DOM: ${memory.domRows}\n`);
    } finally {
      await services.close();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
