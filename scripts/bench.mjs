// `npm run bench`: bundles each benchmark entry (test/bench/*.ts) with esbuild and runs it in
// turn; each prints its ratios. Benchmarks are measurements, not tests: they never fail on time.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const only = process.argv[2];
const entries = readdirSync(path.join(root, 'test', 'bench')).filter((f) => f.endsWith('Bench.ts') && (!only || f.includes(only)));
let failed = 0;
for (const entry of entries) {
  const outfile = path.join(root, 'dist', 'bench', entry.replace(/\.ts$/, '.cjs'));
  await build({
    entryPoints: [path.join(root, 'test', 'bench', entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['@duckdb/node-api', '@duckdb/node-bindings', '@napi-rs/keyring', 'electron', 'playwright', '@playwright/test', 'playwright-core'],
    logLevel: 'warning',
  });
  process.stdout.write(`\n# ${entry}\n`);
  const res = spawnSync(process.execPath, ['--expose-gc', outfile], { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
