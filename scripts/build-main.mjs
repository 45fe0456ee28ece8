// Bundles the Node side with esbuild: the Electron main process and preload, the browser-mode
// bridge and the CLI. Native modules and electron stay external (loaded at run time).
import { build } from 'esbuild';
import { readFileSync, existsSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// conf and electron-store are ESM-only: bundling them lets the CJS output load them everywhere.
const external = ['electron', '@duckdb/node-api', '@duckdb/node-bindings', '@napi-rs/keyring'];
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  external,
  // The release workflow sets ORCHARD_UPDATE_FEED_URL so installers know where to look for a newer version.
  define: {
    ORCHARD_VERSION: JSON.stringify(pkg.version),
    ORCHARD_UPDATE_FEED_URL: JSON.stringify(process.env.ORCHARD_UPDATE_FEED_URL ?? ''),
  },
  logLevel: 'warning',
};

const entries = [
  { in: 'main/web/webMain.ts', out: 'dist/web.js' },
  { in: 'main/app/electronMain.ts', out: 'dist/main.js' },
  { in: 'main/app/preload.ts', out: 'dist/preload.js' },
  { in: 'main/cli/cliMain.ts', out: 'dist/cli.js', banner: '#!/usr/bin/env node' },
].filter((e) => existsSync(e.in));

await Promise.all(
  entries.map((e) =>
    build({ ...common, entryPoints: [e.in], outfile: e.out, ...(e.banner ? { banner: { js: e.banner } } : {}) }),
  ),
);
