// Tests that run the built CLI (dist/cli.js) as a child process. `npm test` builds first; when a
// single test file runs alone, build the Node bundles once here.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

export function ensureCliBuilt(): void {
  if (!existsSync(CLI)) execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build-main.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI; `onStderr` may return true (SIGKILL) or a signal name to signal the child at that
 * moment — once: later output keeps arriving until the child exits.
 */
export function runCli(args: string[], opts: { env?: NodeJS.ProcessEnv; onStderr?: (text: string) => boolean | NodeJS.Signals } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    let signalled = false;
    child.stderr.on('data', (c: Buffer) => {
      stderr += c;
      if (signalled) return;
      const verdict = opts.onStderr?.(stderr);
      if (!verdict) return;
      signalled = true;
      child.kill(verdict === true ? 'SIGKILL' : verdict);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
