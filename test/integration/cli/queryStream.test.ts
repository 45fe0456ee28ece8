// `orchard query` streams: 200M rows piped to a reader that stops after one line cost under
// 256 MB and end the run at once with exit 0; JSON is always whole (or the exit is non-zero) when
// several runs share the machine; and the streaming runner keeps the workbench's second wall:
// inside its transaction DuckDB itself refuses a write to the warehouse.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type OpenWarehouse } from '../../../main/warehouse/open';
import { DuckDBInstance } from '@duckdb/node-api';
import { ConnectionLane } from '../../../main/warehouse/lane';
import { attachResultsDatabase } from '../../../main/warehouse/readOnlyRun';
import { streamPlan } from '../../../main/warehouse/streamQuery';
import { CLI, REPO_ROOT, ensureCliBuilt, runCli } from '../../support/builtCli';

let dataDir: string;

beforeAll(async () => {
  ensureCliBuilt();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'orchard-stream-'));
  await (await openWarehouse({ dataDir })).close();
}, 120_000);
afterAll(async () => rm(dataDir, { recursive: true, force: true }));

/** Peak resident memory (VmHWM) of a live process, in bytes; null once it has exited. */
async function peakRss(pid: number): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  const kb = status === null ? undefined : /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb === undefined ? null : Number(kb) * 1024;
}

describe('orchard query streams', () => {
  it('prints the first of 200M rows at once, under 256 MB, and stops with exit 0 when the reader leaves', async () => {
    const child = spawn(process.execPath, [CLI, 'query', '--data-dir', dataDir, '--format', 'csv', 'SELECT * FROM range(200000000)'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    let text = '';
    await new Promise<void>((resolve) => {
      const onData = (c: Buffer) => {
        text += c;
        if (text.split('\n').length > 2) {
          child.stdout.off('data', onData);
          child.stdout.pause();
          resolve();
        }
      };
      child.stdout.on('data', onData);
    });
    expect(text.split('\n').slice(0, 2)).toEqual(['range', '0']);
    // The reader stalls: the CLI must wait (bounded memory) rather than run ahead. Sample the peak
    // until it has stopped growing for a while, then leave like `head` does.
    let peak = 0;
    for (let still = 0; still < 20; ) {
      const now = await peakRss(child.pid!);
      if (now === null) break;
      still = now > peak ? 0 : still + 1;
      peak = Math.max(peak, now);
      await new Promise((r) => setTimeout(r, 25));
    }
    child.stdout.destroy();
    expect(await exited, stderr).toBe(0);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThan(256 * 2 ** 20);
  }, 120_000);

  it('a real `| head -1` ends the run with exit 0', async () => {
    const run = spawn('bash', ['-c', `"${process.execPath}" "${CLI}" query --data-dir "${dataDir}" "SELECT * FROM range(200000000)" | head -1; echo "status \${PIPESTATUS[0]}"`], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    run.stdout.on('data', (c: Buffer) => (out += c));
    await new Promise((resolve) => run.on('close', resolve));
    expect(out).toBe('range\nstatus 0\n');
  }, 120_000);

  it('JSON output is whole in every one of several concurrent runs', async () => {
    const sql = `SELECT range AS n, 'row number ' || range AS label, range * 1.5 AS x FROM range(4000) ORDER BY n`;
    // One data folder each: a warehouse takes one Orchard at a time (the others would exit 3).
    const dirs = await Promise.all(Array.from({ length: 4 }, async () => {
      const dir = await mkdtemp(path.join(dataDir, 'json-'));
      await (await openWarehouse({ dataDir: dir })).close();
      return dir;
    }));
    for (let round = 0; round < 2; round += 1) {
      const runs = await Promise.all(dirs.map((dir) => runCli(['query', '--data-dir', dir, '--format', 'json', sql])));
      for (const r of runs) {
        expect(r.code, r.stderr).toBe(0);
        const rows = JSON.parse(r.stdout) as { n: number }[];
        expect(rows).toHaveLength(4000);
        expect(rows.at(-1)?.n).toBe(3999);
      }
    }
  }, 300_000);

  it('a failing query after some rows exits non-zero (2), its JSON never passes for whole', async () => {
    const r = await runCli(['query', '--data-dir', dataDir, '--format', 'json', `SELECT CASE WHEN range < 100000 THEN range ELSE error('boom') END AS n FROM range(200000)`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/boom/);
  }, 120_000);
});

describe('the streaming runner', () => {
  let w: OpenWarehouse;
  beforeAll(async () => {
    w = await openWarehouse({ dataDir });
  });
  afterAll(async () => w.close());

  it('keeps the results-only transaction: DuckDB refuses a warehouse write that slipped past the gate', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      await connection.run(`ATTACH '${path.join(dataDir, 'wall.duckdb')}' AS wh`);
      await connection.run('CREATE SEQUENCE wh.main.probe_seq');
      await attachResultsDatabase(connection);
      // Outside the wall the same statement writes (the sequence advances): the test can fail.
      expect((await connection.runAndReadAll(`SELECT nextval('wh.main.probe_seq')`)).getRowsJson()).toEqual([['1']]);
      const lane = new ConnectionLane(connection);
      const sink = { columns: () => undefined, rows: async () => undefined };
      const write = streamPlan(lane, async () => ({ kind: 'query', sql: `SELECT nextval('wh.main.probe_seq')` }), sink);
      await expect(write).rejects.toMatchObject({ code: 'QUERY_FAILED', message: expect.stringMatching(/write to (more than one|multiple) (attached )?database|attached database/i) });
      expect((await connection.runAndReadAll(`SELECT currval('wh.main.probe_seq')`)).getRowsJson()).toEqual([['1']]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('hands rows over chunk by chunk, in the query\'s order', async () => {
    const chunks: number[] = [];
    let last = -1;
    let ordered = true;
    const count = await w.streamQuery('SELECT range AS n FROM range(100000) ORDER BY n DESC', {
      columns: (columns) => expect(columns).toEqual([{ name: 'n', type: 'BIGINT' }]),
      rows: async (rows) => {
        chunks.push(rows.length);
        for (const [n] of rows) {
          if (last !== -1 && Number(n) > last) ordered = false;
          last = Number(n);
        }
      },
    });
    expect(count).toBe(100_000);
    expect(ordered).toBe(true);
    expect(chunks.length).toBeGreaterThan(10);
    await expect(w.streamQuery('DELETE FROM orchard.instances', { columns: () => undefined, rows: async () => undefined })).rejects.toMatchObject({ code: 'QUERY_FAILED' });
  });
});
