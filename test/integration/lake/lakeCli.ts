// Builds the CLI once into a temp folder (not dist/, which other tests use at the same time) and
// runs it as a child process; `onStderr` may SIGKILL it the moment its progress says so.
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(__dirname, '../../..');

export interface LakeCliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export async function buildLakeCli(): Promise<string> {
  const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'orchard-lake-cli-')), 'cli.js');
  await build({
    entryPoints: [path.join(ROOT, 'main/cli/cliMain.ts')], outfile: out, bundle: true, platform: 'node', format: 'cjs',
    target: 'node20', external: ['electron', '@duckdb/node-api', '@duckdb/node-bindings', '@napi-rs/keyring'],
    define: { ORCHARD_VERSION: '"test"' }, logLevel: 'warning',
  });
  return out;
}

export function runLakeCli(cli: string, args: string[], onStderr?: (text: string) => boolean): Promise<LakeCliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: ROOT, env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => {
      stderr += c;
      if (!killed && onStderr?.(stderr)) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
