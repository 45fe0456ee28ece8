// `orchard query` opens the warehouse READ_ONLY: two queries on one data folder both run (one is
// held mid-stream while the other runs whole); a writer holding the folder (a sync, the app) makes a
// query exit 3 with the "in use" message instead.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse } from '../../../main/warehouse';
import { CLI, ensureCliBuilt, REPO_ROOT, runCli } from '../../support/builtCli';

let dataDir: string;

beforeAll(async () => {
  ensureCliBuilt();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'orchard-concurrent-query-'));
  await (await openWarehouse({ dataDir })).close();
});
afterAll(async () => rm(dataDir, { recursive: true, force: true }));

/** A query whose output is not read past its first chunk: it waits on stdout with the warehouse open. */
function heldQuery(): { child: ChildProcessWithoutNullStreams; streaming: Promise<string>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [CLI, 'query', '--data-dir', dataDir, '--format', 'csv', 'SELECT range AS n FROM range(100000000)'], { cwd: REPO_ROOT });
  const streaming = new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => {
      child.stdout.pause();
      resolve(chunk.toString());
    });
    child.once('close', (code) => reject(new Error(`the held query ended before it streamed (exit ${code})`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, streaming, exited };
}

describe('orchard query side by side', () => {
  it('runs while another query holds the warehouse open, and that one still ends cleanly', async () => {
    const held = heldQuery();
    try {
      expect(await held.streaming).toMatch(/^n\n0\n1\n/);
      const second = await runCli(['query', '--data-dir', dataDir, '--format', 'jsonl', 'SELECT 42 AS answer']);
      expect(second.code, second.stderr).toBe(0);
      expect(second.stdout.trim()).toBe('{"answer":42}');
      expect(held.child.exitCode).toBeNull();
    } finally {
      // The reader going away ends the held query with exit 0 (`| head`).
      held.child.stdout.destroy();
    }
    expect(await held.exited).toBe(0);
  }, 120_000);

  it('exits 3 with the "in use" message while a writer (a sync, the app) holds the folder', async () => {
    const writer = await openWarehouse({ dataDir });
    try {
      const refused = await runCli(['query', '--data-dir', dataDir, 'SELECT 1']);
      expect(refused.code, refused.stderr).toBe(3);
      expect(refused.stderr).toMatch(/in use by another Orchard/);
    } finally {
      await writer.close();
    }
    const after = await runCli(['query', '--data-dir', dataDir, '--format', 'jsonl', 'SELECT 1 AS one']);
    expect(after.code, after.stderr).toBe(0);
  }, 120_000);
});
