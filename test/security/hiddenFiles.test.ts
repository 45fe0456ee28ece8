// Issue 21: files main only stages in imports/ (an upload in progress `.upload-*`, an FX-rate table
// `fx-rates-*.csv`) and any hidden name (`exports/.partial/`) cannot be read from user SQL — by a
// file reader, `FROM '…'`, a glob, a list, `..`, or a computed path — while the user's own imports
// still read. Through the real dispatcher, over a real data folder.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from '../support/failure';
import { removeDataDir, seedDataDir, startOrchard, type SecuredOrchard } from './support';

const CSV = 'a,b\n1,2\n';

describe('hidden and staging files are unreadable from SQL', () => {
  let dataDir: string;
  let orchard: SecuredOrchard;
  let imports: string;
  const run = (sql: string) => orchard.call('query:run', { runId: crypto.randomUUID(), sql });
  const refusedAsStaged = async (sql: string) => {
    const error = await failure(run(sql));
    expect(error.code, sql).toBe('QUERY_FAILED');
    expect(error.message, sql).toMatch(/hidden or staging file/);
  };
  beforeAll(async () => {
    dataDir = await seedDataDir();
    orchard = await startOrchard(dataDir);
    imports = path.join(dataDir, 'imports');
    await mkdir(path.join(dataDir, 'exports', '.partial'), { recursive: true });
    await mkdir(imports, { recursive: true });
    await writeFile(path.join(imports, '.upload-x.csv'), CSV);
    await writeFile(path.join(imports, 'fx-rates-1.csv'), CSV);
    await writeFile(path.join(dataDir, 'exports', '.partial', 'half.csv'), CSV);
    // A user's own import, through the real upload path: it becomes user.targets and imports/targets.csv.
    const { uploadId } = await orchard.call('imports:begin', { table: 'targets', format: 'csv', size: CSV.length });
    await orchard.call('imports:chunk', { uploadId, offset: 0, data: Buffer.from(CSV).toString('base64') });
    await orchard.call('imports:finish', { uploadId, replace: false });
  });
  afterAll(async () => {
    await orchard.close();
    await removeDataDir(dataDir);
  });

  it('refuses the staged files by name, absolute or relative, with `..`, in lists and in every place a path is read', async () => {
    const upload = path.join(imports, '.upload-x.csv');
    const fx = path.join(imports, 'fx-rates-1.csv');
    for (const sql of [
      `SELECT * FROM read_csv('${upload}')`,
      `SELECT * FROM read_csv('${fx}')`,
      `SELECT * FROM read_csv('${path.join(imports, 'FX-RATES-1.csv')}')`,
      `SELECT * FROM read_text('${upload}')`,
      `SELECT * FROM read_blob('${fx}')`,
      `SELECT * FROM sniff_csv('${upload}')`,
      `SELECT * FROM '${upload}'`,
      `SELECT * FROM "${fx}"`,
      `DESCRIBE '${upload}'`,
      `SUMMARIZE SELECT * FROM '${fx}'`,
      `SELECT * FROM query_table('${upload}')`,
      `SELECT * FROM histogram('${fx}', a)`,
      `SELECT * FROM histogram("${upload}", a)`,
      `SELECT * FROM query_table("${fx}")`,
      `WITH t AS (SELECT * FROM read_csv('${upload}')) SELECT * FROM t`,
      `SELECT (SELECT count(*) FROM read_csv('${fx}'))`,
      `SELECT * FROM read_csv(['${path.join(imports, 'targets.csv')}', '${upload}'])`,
      `SELECT * FROM read_csv('imports/.upload-x.csv')`,
      `SELECT * FROM 'imports/fx-rates-1.csv'`,
      `SELECT * FROM read_csv('${path.join(dataDir, 'segments')}/../imports/targets.csv')`,
      `SELECT * FROM read_csv('${imports}/./../imports/targets.csv')`,
      `SELECT * FROM read_csv('${path.join(dataDir, 'exports', '.partial', 'half.csv')}')`,
      `EXPLAIN SELECT * FROM read_csv('${upload}')`,
    ]) await refusedAsStaged(sql);
  });

  it('refuses a glob when one of its matches is a staged or hidden file, and lets a narrower one run', async () => {
    for (const pattern of ['*', '*.csv', '[.]u*', '?upload*', '**', '**/*.csv', 'f*']) {
      for (const sql of [
        `SELECT * FROM glob('${path.join(imports, pattern)}')`,
        `SELECT * FROM read_csv('${path.join(imports, pattern)}')`,
        `SELECT * FROM '${path.join(imports, pattern)}'`,
      ]) {
        const error = await failure(run(sql));
        expect(error.message, sql).toMatch(/also matches .*(\.upload-x\.csv|fx-rates-1\.csv)/);
      }
    }
    await refusedAsStaged(`SELECT * FROM glob('${path.join(dataDir, 'exports', '**')}')`);
    const narrower = await run(`SELECT file FROM glob('${path.join(imports, 't*.csv')}')`);
    expect(narrower.firstRows).toEqual([[path.join(imports, 'targets.csv')]]);
  });

  it('refuses a file reader whose path is computed, since only a plain string can be checked', async () => {
    for (const sql of [
      `SELECT * FROM read_csv('${imports}/' || '.upload-x.csv')`,
      `SELECT * FROM read_csv(concat('${imports}/', 'targets.csv'))`,
      `SELECT * FROM read_csv(getvariable('file'))`,
      `SELECT * FROM read_csv(['${imports}/targets.csv', lower('X')])`,
    ]) {
      const error = await failure(run(sql));
      expect(error.message, sql).toMatch(/read_csv\(\) takes its file as a plain string/);
    }
  });

  it('an FX-rate import leaves no fx-rates file behind, loaded or refused', async () => {
    const before = (await readdir(imports)).sort();
    const header = 'currency,target_currency,rate,valid_from,valid_to\n';
    expect(await orchard.call('sales:importFxRates', { csv: `${header}EUR,USD,1.08,2025-01-01,2025-12-31\n`, source: 'Mine' })).toEqual({ rows: 1 });
    await failure(orchard.call('sales:importFxRates', { csv: `${header}euro,USD,-1,2025-01-01,2025-02-01\n`, source: 'Bad' }));
    expect((await readdir(imports)).sort()).toEqual(before);
    expect(before.filter((name) => name.startsWith('fx-rates-'))).toEqual(['fx-rates-1.csv']);
  });

  it('still reads the user’s own import, as a table and as its file', async () => {
    expect((await run('SELECT a, b FROM user.targets')).firstRows).toEqual([['1', '2']]);
    expect((await run(`SELECT a FROM read_csv('${path.join(imports, 'targets.csv')}')`)).firstRows).toEqual([['1']]);
    expect((await run(`SELECT a FROM '${path.join(imports, 'targets.csv')}'`)).firstRows).toEqual([['1']]);
    expect((await run(`SELECT a FROM read_csv(['${path.join(imports, 'targets.csv')}'], header = true)`)).firstRows).toEqual([['1']]);
    expect((await run('SELECT count(*) FROM histogram(user.targets, a)')).firstRows).toEqual([['1']]);
    expect((await run(`SELECT a FROM query_table("${path.join(imports, 'targets.csv')}")`)).firstRows).toEqual([['1']]);
  });
});
