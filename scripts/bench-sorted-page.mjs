// `node scripts/bench-sorted-page.mjs`: the workbench's first page of a freshly sorted result
// (ORDER BY … LIMIT, answered before the sorted copy exists) ÷ a deep page of the same sort
// (which waits for the whole sorted copy), over BENCH_ROWS rows (default 5 million). A
// measurement, not a test: it prints the times and their ratio and never fails on time.
import { build } from 'esbuild';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const ROWS = Number(process.env.BENCH_ROWS ?? 5_000_000);
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

const outfile = path.join(root, 'dist', 'bench', 'sorted-page.cjs');
await build({
  stdin: { contents: "export { openWarehouse } from './main/warehouse';", resolveDir: root, loader: 'ts' },
  outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20',
  external: ['@duckdb/node-api', '@duckdb/node-bindings'], logLevel: 'warning',
});
const { openWarehouse } = await import(outfile);
const dir = await mkdtemp(path.join(os.tmpdir(), 'orchard-bench-sort-'));
const warehouse = await openWarehouse({ dataDir: dir });
try {
  const result = await warehouse.query.runQuery(
    `SELECT range AS id, 'T' || (range % 175) AS territory, hash(range) % 100000 AS counts FROM range(${ROWS})`,
  );
  const first = [];
  const deep = [];
  for (const [i, column] of ['counts', 'territory', 'id'].entries()) {
    const orderBy = { column, desc: i % 2 === 0 };
    let t0 = process.hrtime.bigint();
    await warehouse.query.fetchPage(result.resultId, { offset: 0, limit: 500, orderBy });
    first.push(ms(t0));
    t0 = process.hrtime.bigint();
    // Queued behind the background copy (or building it): the old cost of every first page.
    await warehouse.query.fetchPage(result.resultId, { offset: ROWS - 500, limit: 500, orderBy });
    deep.push(ms(t0));
  }
  const sum = (values) => values.reduce((a, b) => a + b, 0);
  console.log(`sorted first page over ${ROWS.toLocaleString('en-US')} rows: ${first.map((t) => t.toFixed(0)).join(', ')} ms`);
  console.log(`deep page (waits for the full sorted copy): ${deep.map((t) => t.toFixed(0)).join(', ')} ms`);
  console.log(`first page ÷ full sort: ${(sum(first) / sum(deep)).toFixed(3)}`);
} finally {
  await warehouse.close();
  await rm(dir, { recursive: true, force: true });
}
