import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, openWarehouse } from '../../../main/warehouse';
import { MAX_MEMORY_LIMIT_MB } from '../../../main/warehouse/open';
import { DOWNLOADS_HEADER, createWorkspace, downloadsRow, segmentText, type Workspace } from './support';
import { failure } from '../../support/failure';


describe('opening a workspace', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'orchard-open-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates orchard.duckdb with its schemas once, and keeps data across reopening', async () => {
    const dataDir = path.join(dir, 'nested', 'data');
    const first = await openWarehouse({ dataDir });
    expect(first.path).toBe(path.join(await (await import('node:fs/promises')).realpath(dataDir), 'orchard.duckdb'));
    await first.metadata.upsertApps([{ appId: '1', name: 'Kept' }]);
    await first.close();
    expect(existsSync(path.join(dataDir, 'orchard.duckdb'))).toBe(true);

    const second = await openWarehouse({ dataDir });
    const schemas = await second.query.runQuery(`SELECT schema_name FROM duckdb_schemas() WHERE database_name = 'warehouse' ORDER BY 1`);
    expect((await second.query.fetchPage(schemas.resultId, { offset: 0, limit: 10 })).rows.flat()).toEqual(['main', 'monthly', 'orchard', 'raw', 'sales', 'weekly']);
    const versions = await second.query.runQuery('SELECT max(version) FROM orchard.schema_version');
    expect((await second.query.fetchPage(versions.resultId, { offset: 0, limit: 10 })).rows).toEqual([[SCHEMA_VERSION]]);
    const apps = await second.query.runQuery('SELECT name FROM orchard.apps');
    expect((await second.query.fetchPage(apps.resultId, { offset: 0, limit: 10 })).rows).toEqual([['Kept']]);
    await second.close();
    await second.close();
    expect((await failure(second.query.runQuery('SELECT 1'))).code).toBe('INTERNAL');
  });

  it('caps DuckDB at a quarter of RAM (at most 512MB, so a sync stays under 1 GB) and uses every core', async () => {
    const warehouse = await openWarehouse({ dataDir: path.join(dir, 'data') });
    const info = await warehouse.query.runQuery(`SELECT current_setting('threads')::INTEGER, current_setting('memory_limit')`);
    const [[threads, limit]] = (await warehouse.query.fetchPage(info.resultId, { offset: 0, limit: 1 })).rows as [[number, string]];
    await warehouse.close();
    expect(threads).toBe(os.availableParallelism());
    const quarter = Math.max(256, Math.min(Math.floor(os.totalmem() / 4 / 2 ** 20), MAX_MEMORY_LIMIT_MB));
    // DuckDB prints the limit in its own units (e.g. 4.0 GiB); compare within a rounding step.
    const [, amount = '0', unit = ''] = /^([\d.]+)\s*(\w+)$/.exec(limit) ?? [];
    const mib = Number(amount) * ({ KiB: 1 / 1024, MiB: 1, GiB: 1024, KB: 1000 / 2 ** 20, MB: 1e6 / 2 ** 20, GB: 1e9 / 2 ** 20 }[unit] ?? NaN);
    expect(Math.abs(mib - quarter * (1e6 / 2 ** 20))).toBeLessThan(quarter * 0.06);
  });

  it('refuses a file written by a newer Orchard', async () => {
    const dataDir = path.join(dir, 'data');
    await (await openWarehouse({ dataDir })).close();
    const raw = await DuckDBInstance.create(path.join(dataDir, 'orchard.duckdb'));
    const connection = await raw.connect();
    await connection.run(`INSERT INTO orchard.orchard.schema_version VALUES (99, now()::TIMESTAMP)`);
    connection.closeSync();
    raw.closeSync();
    expect((await failure(openWarehouse({ dataDir }))).code).toBe('UNSUPPORTED');
  });

  it('reports a data folder held by another process as CONFLICT', async () => {
    const dataDir = path.join(dir, 'data');
    await (await openWarehouse({ dataDir })).close();
    const holder = spawn(process.execPath, ['-e', `
      const { DuckDBInstance } = require('@duckdb/node-api');
      DuckDBInstance.create(${JSON.stringify(path.join(dataDir, 'orchard.duckdb'))}).then(() => console.log('locked'));
      process.stdin.resume();`], { cwd: process.cwd(), stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      await once(holder.stdout, 'data');
      const error = await failure(openWarehouse({ dataDir }));
      expect(error.code).toBe('CONFLICT');
    } finally {
      holder.kill();
      await once(holder, 'exit');
    }
  });
});

describe('safety of user SQL', () => {
  let ws: Workspace;
  beforeEach(async () => {
    ws = await createWorkspace();
  });
  afterEach(async () => {
    await ws.cleanup();
  });

  it('cannot read files outside the workspace or reach the network', async () => {
    const q = ws.warehouse.query;
    for (const sql of [
      `SELECT * FROM read_csv('/etc/passwd')`,
      `SELECT * FROM read_text('${ws.dir}/data/../../../etc/hostname')`,
      `SELECT * FROM glob('/*')`,
      `SELECT * FROM read_csv('https://example.com/data.csv')`,
      'INSTALL httpfs',
      'LOAD httpfs',
      'SET enable_external_access = true',
    ]) {
      const error = await failure(q.runQuery(sql));
      expect(error.code, sql).toBe('QUERY_FAILED');
    }
    expect((await failure(q.runQuery(`SELECT * FROM read_csv('/etc/passwd')`))).message).toMatch(/Permission Error/);
    expect(await ws.rows(`SELECT current_setting('enable_external_access'), current_setting('lock_configuration'),
      current_setting('autoinstall_known_extensions'), current_setting('autoload_known_extensions'), current_setting('allow_community_extensions')`))
      .toEqual([[false, true, false, false, false]]);
  });

  it('reads files in the workspace’s imports folder with the built-in csv, parquet and json readers', async () => {
    await ws.ingest({ instanceId: 'i1', texts: [segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-04-01', 3)])] });
    const parquet = path.join(ws.dir, 'data', 'imports', 'sample.parquet');
    const writer = await DuckDBInstance.create(':memory:');
    const connection = await writer.connect();
    await connection.run(`COPY (SELECT 7 AS n, '{"a": [1, 2]}' AS doc) TO '${parquet}' (FORMAT parquet)`);
    connection.closeSync();
    writer.closeSync();
    expect(await ws.rows(`SELECT n, json_extract(doc, '$.a[1]') FROM read_parquet('${parquet}')`)).toEqual([[7, '2']]);
    expect(await ws.rows(`SELECT count(*) FROM read_csv('${ws.cacheDir}/segment-1.csv.gz', delim='\t')`)).toEqual([['1']]);
  });

  it('close() interrupts a running query', async () => {
    const running = ws.warehouse.query.runQuery('SELECT count(*) FROM range(1000000) a, range(1000000) b WHERE a.range + b.range = -1');
    setImmediate(() => void ws.warehouse.close());
    expect((await failure(running)).code).toBe('CANCELLED');
  });
});
