// `npm test`: type check, build, unit + integration tests (vitest), end-to-end tests
// (Playwright in Chromium), then one plain summary line: "N passed, N failed, N skipped".
// Set ORCHARD_TEST_SKIP_E2E=1 to run only the Node suites.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const reports = path.join(root, 'test-results', 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const started = Date.now();
const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];

function run(label, cmd, args, env = {}) {
  process.stdout.write(`\n=== ${label}: ${cmd} ${args.join(' ')}\n`);
  const t0 = Date.now();
  // Windows runs npm and npx through .cmd shims, which spawn only through a shell.
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' });
  process.stdout.write(`=== ${label} ${res.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  if (res.status !== 0) failedSteps.push(label);
  return res.status === 0;
}

/** The real-keychain test needs a D-Bus session with an unlocked gnome-keyring; wrap when we can. */
function keyringWrapped(cmd, args) {
  const wrapper = path.join(root, 'scripts', 'with-keyring.sh');
  const canWrap = process.platform === 'linux' && existsSync(wrapper) && existsSync('/usr/bin/dbus-run-session');
  return canWrap ? ['bash', [wrapper, cmd, ...args]] : [cmd, args];
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const typesOk = ['node', 'web', 'e2e'].map((p) => run(`typecheck (${p})`, npx, ['tsc', '-p', `tsconfig.${p}.json`])).every(Boolean);
const built = run('build', 'npm', ['run', '--silent', 'build']);

const vitestJson = path.join(reports, 'vitest.json');
run('unit + integration', ...keyringWrapped(npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]));
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
  totals.passed += r.numPassedTests ?? 0;
  totals.failed += r.numFailedTests ?? 0;
  totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}

if (process.env.ORCHARD_TEST_SKIP_E2E !== '1' && built) {
  const pwJson = path.join(reports, 'playwright.json');
  run('end-to-end (Chromium)', npx, ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
  if (existsSync(pwJson)) {
    const report = JSON.parse(readFileSync(pwJson, 'utf8'));
    for (const line of skippedWithReasons(report)) process.stdout.write(`skipped: ${line}\n`);
    const s = report.stats ?? {};
    totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
    totals.failed += s.unexpected ?? 0;
    totals.skipped += s.skipped ?? 0;
  }
}

/** Playwright's list reporter hides skip reasons; a skip must never be silent, so print them. */
function skippedWithReasons(report) {
  const out = [];
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'skipped') continue;
        const reason = (t.annotations ?? []).find((a) => a.type === 'skip')?.description ?? 'no reason given';
        out.push(`${[...titles, spec.title].filter(Boolean).join(' › ')} — ${reason}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  for (const suite of report.suites ?? []) walk(suite, []);
  return out;
}

if (!typesOk && totals.failed === 0) totals.failed += 1;
if (failedSteps.length && totals.failed === 0) totals.failed += failedSteps.length;
process.stdout.write(`\nTest suite took ${((Date.now() - started) / 1000).toFixed(0)} s.${failedSteps.length ? ` Failed steps: ${failedSteps.join(', ')}.` : ''}\n`);
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(totals.failed === 0 && failedSteps.length === 0 && totals.passed > 0 ? 0 : 1);
