// `npm start`: runs the Electron app on the built output (package.json main = dist/main.js).
// The `electron` package fetches its binary on first use; where that is impossible (no network,
// blocked downloads) this prints ONE line pointing to browser mode and exits with code 1, so
// scripts and CI notice that the app did not start. Extra arguments are passed to the app.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The binary's path, or null. Resolved in a child so the downloader's own output stays hidden. */
function findElectronBinary() {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(String(require('electron')))"], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 10 * 60_000,
  });
  const binary = probe.status === 0 ? probe.stdout.trim() : '';
  return binary && existsSync(binary) ? binary : null;
}

const binary = findElectronBinary();
if (!binary) {
  process.stderr.write(
    'Orchard: the Electron binary is not available on this machine (it is downloaded from GitHub on first use). Run "npm run web" to use Orchard in your browser ("npm run web -- --demo" to try it with generated demo data).\n',
  );
  process.exit(1);
}

if (!existsSync(path.join(root, 'dist', 'main.js'))) {
  process.stderr.write('Orchard: dist/main.js is missing. Run "npm run build" first (npm start does).\n');
  process.exit(1);
}

const env = { ...process.env };
// Set by some tools (and inherited from Electron-run scripts), it would make Electron act as Node.
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
child.on('error', (err) => {
  process.stderr.write(`Orchard: could not start Electron (${err.message}).\n`);
  process.exit(1);
});
