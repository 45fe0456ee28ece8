// What the SQL workbench may read: the segment cache, exports and the user's imports folder of the
// data folder, nothing else there (settings, logs, history, saved queries, quarantine), through the
// real dispatcher. And its own result tables stay out of the user's namespace and catalogue.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from '../support/failure';
import { READING_TABLE_FUNCTIONS } from '../../main/warehouse/sqlAllowlist';
import { removeDataDir, seedDataDir, startOrchard, type SecuredOrchard } from './support';

describe('workbench reads through the dispatcher (query:run)', () => {
  let dataDir: string;
  let orchard: SecuredOrchard;
  const run = (sql: string) => orchard.call('query:run', { runId: crypto.randomUUID(), sql });
  beforeAll(async () => {
    dataDir = await seedDataDir();
    orchard = await startOrchard(dataDir);
    // A first run writes the query history, so there is one to try to read.
    await run('SELECT 1');
    for (const folder of ['segments', 'exports', 'imports']) {
      await mkdir(path.join(dataDir, folder), { recursive: true });
      await writeFile(path.join(dataDir, folder, `${folder}.csv`), `folder\n${folder}\n`);
    }
  });
  afterAll(async () => {
    await orchard.close();
    await removeDataDir(dataDir);
  });

  it('refuses files of the data folder outside segments, exports and imports', async () => {
    const at = (relative: string) => path.join(dataDir, relative);
    for (const sql of [
      `SELECT * FROM read_text('${at('settings.json')}')`,
      `SELECT * FROM read_json('${at('settings.json')}')`,
      `SELECT * FROM '${at('settings.json')}'`,
      `SELECT * FROM read_csv('${at('logs/orchard.log')}')`,
      `SELECT * FROM read_text('${at('workbench/history.json')}')`,
      `SELECT * FROM read_text('${at('queries/saved.sql')}')`,
      `SELECT * FROM read_blob('${at('quarantine/bad.csv.gz')}')`,
      `SELECT * FROM glob('${at('*')}')`,
      `SELECT * FROM glob('${at('**/*.json')}')`,
      `SELECT * FROM read_text('${at('*.json')}')`,
      `SELECT * FROM read_text('${at('segments/../settings.json')}')`,
      `SELECT * FROM read_csv('${at('imports/../logs/orchard.log')}')`,
      `SELECT * FROM read_text('${at('orchard.duckdb.tmp/../settings.json')}')`,
      `SELECT * FROM read_text('${path.dirname(dataDir)}/*')`,
    ]) {
      const error = await failure(run(sql));
      expect(error.code, sql).toBe('QUERY_FAILED');
      // A `..` is refused by the gate before DuckDB's folder wall is reached (hiddenFiles.test.ts).
      expect(error.message, sql).toMatch(sql.includes('..') ? /hidden or staging file/ : /Permission Error: Cannot access (file|directory)/);
    }
  });

  it('every file reader on the read-only list is held to the same folders', async () => {
    const readers = [...READING_TABLE_FUNCTIONS].filter((name) => /^(read_|parquet_|sniff_csv$|glob$)/.test(name));
    expect(readers.length).toBeGreaterThan(15);
    const moreArguments: Record<string, string> = { parquet_bloom_probe: ", 'c', 1" };
    for (const name of readers) {
      for (const file of [path.join(dataDir, 'settings.json'), path.join(dataDir, 'imports', '..', 'settings.json')]) {
        const sql = `SELECT * FROM ${name}('${file}'${moreArguments[name] ?? ''})`;
        expect((await failure(run(sql))).message, sql).toMatch(file.includes('..') ? /hidden or staging file/ : /Permission Error: Cannot access (file|directory)/);
      }
    }
  });

  it('reads the segment cache, exports and imports folders', async () => {
    for (const folder of ['segments', 'exports', 'imports']) {
      expect((await run(`SELECT folder FROM read_csv('${path.join(dataDir, folder, `${folder}.csv`)}')`)).firstRows).toEqual([[folder]]);
      expect((await run(`SELECT count(*) FROM glob('${path.join(dataDir, folder, '*')}')`)).firstRows).toEqual([['1']]);
    }
  });

  it('DuckDB keeps its own warehouse file readable (it allows it whatever Orchard sets); it holds only what SELECT already shows', async () => {
    // Pinned so a DuckDB upgrade that changes this is noticed: the README's security model relies
    // on the walls against writing, not on the file sandbox, for orchard.duckdb.
    const own = await run(`SELECT octet_length(content) > 0 FROM read_blob('${path.join(dataDir, 'orchard.duckdb')}')`);
    expect(own.firstRows).toEqual([[true]]);
  });
});

describe('result tables stay out of the user’s namespace', () => {
  let dataDir: string;
  let orchard: SecuredOrchard;
  const run = (sql: string) => orchard.call('query:run', { runId: crypto.randomUUID(), sql });
  beforeAll(async () => {
    dataDir = await seedDataDir();
    orchard = await startOrchard(dataDir);
  });
  afterAll(async () => {
    await orchard.close();
    await removeDataDir(dataDir);
  });

  it('SHOW TABLES, information_schema of the warehouse, duckdb_tables() and the catalogue never list result tables', async () => {
    // Results are alive while these run: a couple from the session and each query's own.
    await run('SELECT * FROM range(3)');
    await run('SELECT 42 AS answer');
    const names = async (sql: string) => (await run(sql)).firstRows.map((row) => String(row[0]));
    for (const sql of [
      'SHOW TABLES',
      'SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database()',
      "SELECT table_name FROM information_schema.tables WHERE table_catalog IN ('warehouse', 'memory')",
      "SELECT table_name FROM duckdb_tables() WHERE database_name IN ('warehouse', 'memory')",
      'SELECT name FROM (SHOW ALL TABLES) WHERE database = current_database()',
    ]) {
      const listed = await names(sql);
      expect(listed.filter((name) => /result_\d+/.test(name)), sql).toEqual([]);
    }
    expect(await names("SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database() AND table_schema = 'orchard'")).toContain('apps');
    expect((await failure(run('SELECT * FROM result_1'))).message).toMatch(/Catalog Error/);
    const catalogue = await orchard.call('query:catalogue', {});
    const relations = catalogue.schemas.flatMap((schema) => schema.relations.map((relation) => `${schema.name}.${relation.name}`));
    expect(relations).toContain('orchard.apps');
    expect(relations.filter((name) => /result_\d+|write_guard/.test(name))).toEqual([]);
    expect(catalogue.schemas.map((schema) => schema.name)).not.toContain('orchard_results');
  });
});
