import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrchardError } from '../../../shared/errors';
import { withProvenance } from '../../support/rowProvenance';
import { DOWNLOADS_HEADER, createWorkspace, downloadsRow, segmentText, type Workspace } from './support';

let ws: Workspace;
beforeEach(async () => {
  ws = await createWorkspace();
});
afterEach(async () => {
  await ws.cleanup();
});

async function expectOrchardError(promise: Promise<unknown>, code: string): Promise<OrchardError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(OrchardError);
  expect((error as OrchardError).code).toBe(code);
  return error as OrchardError;
}

describe('typed columns', () => {
  it('types dates, counts, money, averages and keeps versions as text', async () => {
    const header = ['Date', 'App Name', 'App Apple Identifier', 'Purchase Type', 'Territory', 'Purchases', 'Proceeds in USD', 'Sales in USD', 'Paying Users', 'App Download Date'];
    const rows = [
      ['2024-04-01', 'A', '1476097583', 'IAP', 'US', '3', '0.10', '0.70', '2', ''],
      ['2024-04-01', 'A', '1476097583', 'IAP', 'DE', '-1', '0.20', '-0.70', '1', '2024-03-20'],
      ...Array.from({ length: 7 }, () => ['2024-04-01', 'A', '1476097583', 'IAP', 'FR', '1', '0.10', '1.10', '1', '']),
    ];
    await ws.ingest({ reportName: 'App Store Purchases Standard', instanceId: 'p1', texts: [segmentText(header, rows)] });
    const types = await ws.rows(`SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = 'raw' AND table_name = 'app_store_purchases_standard'`);
    const typeOf = new Map(types.map(([name, type]) => [name, type]));
    expect(typeOf.get('date')).toBe('DATE');
    expect(typeOf.get('app_apple_identifier')).toBe('BIGINT');
    expect(typeOf.get('purchases')).toBe('BIGINT');
    expect(typeOf.get('proceeds_in_usd')).toBe('DECIMAL(18,2)');
    expect(typeOf.get('app_download_date')).toBe('DATE');
    expect(typeOf.get('_segment_key')).toBe('UINTEGER');
    expect(await ws.rows(`SELECT data_type FROM duckdb_columns() WHERE schema_name = 'orchard' AND table_name = 'segment_keys' AND column_name = 'processing_date'`))
      .toEqual([['DATE']]);
    expect(await ws.rows(`SELECT typeof(_processing_date) FROM ${withProvenance('raw.app_store_purchases_standard')} LIMIT 1`)).toEqual([['DATE']]);
    // Ten times 0.10 is exactly 1.00 in DECIMAL (a DOUBLE sum would not be).
    expect(await ws.rows('SELECT sum(proceeds_in_usd), sum(sales_in_usd), sum(purchases) FROM raw.app_store_purchases_standard')).toEqual([['1.00', '7.70', '9']]);
    expect(await ws.rows(`SELECT count(*) FROM raw.app_store_purchases_standard WHERE app_download_date IS NULL`)).toEqual([['8']]);
  });

  it('keeps "4.10" as text, reads a DOUBLE average and stores provenance', async () => {
    await ws.ingest({ instanceId: 'v1', texts: [segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-04-01', 5, { version: '4.10' })])] });
    expect(await ws.rows(`SELECT app_version, date, counts, _granularity, _processing_date, _instance_id, _segment_id, _access_type
      FROM ${withProvenance('raw.app_downloads_standard')}`))
      .toEqual([['4.10', '2024-04-01', '5', 'DAILY', '2024-04-02', 'v1', 'v1-s0', 'ONGOING']]);
    const header = ['Date', 'App Name', 'App Apple Identifier', 'Device', 'Territory', 'Counts', 'Avg Install Duration'];
    await ws.ingest({ reportName: 'App Install Performance', instanceId: 'ip1', texts: [segmentText(header, [['2024-04-01', 'A', '1', 'iPhone', 'US', '4', '1234.5']])] });
    expect(await ws.rows('SELECT avg_install_duration, typeof(avg_install_duration) FROM raw.app_install_performance')).toEqual([[1234.5, 'DOUBLE']]);
  });
});

describe('headers', () => {
  const reordered = ['counts', ' TERRITORY ', 'date', 'App Apple Identifier', 'App Version'];
  const cases: [string, string][] = [
    ['BOM', segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-04-01', 7)], { bom: true })],
    ['CRLF', segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-04-01', 7)], { eol: '\r\n' })],
    ['commas', segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-04-01', 7)], { delimiter: ',' })],
    ['case, spaces and order', segmentText(reordered, [['7', 'US', '2024-04-01', '1476097583', '1.0']])],
  ];
  it.each(cases)('maps a header with %s', async (_label, text) => {
    await ws.ingest({ instanceId: 'h1', texts: [text] });
    expect(await ws.rows('SELECT date, territory, counts, app_apple_identifier FROM raw.app_downloads_standard'))
      .toEqual([['2024-04-01', 'US', '7', '1476097583']]);
  });

  it('adds an unknown column as VARCHAR, leaves missing columns NULL and turns empty fields into NULL', async () => {
    const header = ['Date', 'App Apple Identifier', 'Counts', 'Brand New Column'];
    await ws.ingest({ instanceId: 'x1', texts: [segmentText(header, [['2024-04-01', '1', '', 'hello'], ['2024-04-01', '1', '3', '']])] });
    expect(await ws.rows('SELECT counts, brand_new_column, device, pre_order FROM raw.app_downloads_standard ORDER BY counts NULLS FIRST'))
      .toEqual([[null, 'hello', null, null], ['3', null, null, null]]);
    expect(await ws.rows(`SELECT data_type FROM duckdb_columns() WHERE table_name = 'app_downloads_standard' AND schema_name = 'raw' AND column_name = 'brand_new_column'`))
      .toEqual([['VARCHAR']]);
    // The view was rebuilt with the new column.
    expect(await ws.rows('SELECT brand_new_column FROM app_downloads_standard WHERE brand_new_column IS NOT NULL')).toEqual([['hello']]);
  });

  it('skips header lines repeated inside a segment, typed or all-text', async () => {
    const repeated = `${segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-04-01', 1)])}${segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-04-01', 2)])}`;
    await ws.ingest({ instanceId: 'r1', texts: [repeated] });
    expect(await ws.rows('SELECT sum(counts), count(*) FROM raw.app_downloads_standard')).toEqual([['3', '2']]);
    const textOnly = `${segmentText(['Name', 'Kind'], [['a', 'b']])}${segmentText(['Name', 'Kind'], [['c', 'd']])}`;
    await ws.ingest({ reportName: 'Some Future Report', instanceId: 'r2', texts: [textOnly] });
    expect(await ws.rows('SELECT name, kind FROM raw.some_future_report ORDER BY name')).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('loads several segments with different column orders and delimiters into one instance', async () => {
    const first = segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-04-01', 1)]);
    const second = segmentText(['Counts', 'Date', 'App Apple Identifier'], [['10', '2024-03-31', '1476097583']], { delimiter: ',' });
    const result = await ws.ingest({ instanceId: 'm1', texts: [first, second, ''] });
    expect(result.rows).toBe(2);
    expect(await ws.rows(`SELECT _segment_id, date, counts FROM ${withProvenance('raw.app_downloads_standard')} ORDER BY _segment_id`))
      .toEqual([['m1-s0', '2024-04-01', '1'], ['m1-s1', '2024-03-31', '10']]);
  });
});

describe('unknown reports', () => {
  it('loads every column as text except a recognised date column', async () => {
    const header = ['Event Date', 'Widget', 'Total'];
    const result = await ws.ingest({ reportName: 'Brand-New Report (Beta)', instanceId: 'u1', texts: [segmentText(header, [['2024-04-01', 'w', '12']])] });
    expect(result.rows).toBe(1);
    expect(await ws.rows(`SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = 'raw' AND table_name = 'brand_new_report_beta' ORDER BY column_index`))
      .toEqual([['event_date', 'DATE'], ['widget', 'VARCHAR'], ['total', 'VARCHAR'], ['_segment_key', 'UINTEGER'],
        ['_latest', 'UTINYINT']]);
    expect(await ws.rows('SELECT event_date, total FROM main.brand_new_report_beta')).toEqual([['2024-04-01', '12']]);
  });
});

describe('re-ingest and failures', () => {
  it('replaces an instance’s rows instead of adding to them', async () => {
    const text = segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-04-01', 1), downloadsRow('2024-03-31', 2)]);
    await ws.ingest({ instanceId: 'i1', texts: [text] });
    await ws.ingest({ instanceId: 'i1', texts: [text] });
    expect(await ws.rows('SELECT count(*), sum(counts) FROM raw.app_downloads_standard')).toEqual([['2', '3']]);
    const segments = await ws.warehouse.metadata.listSegments('i1');
    expect(segments.map((s) => [s.segmentId, s.state, s.rowCount])).toEqual([['i1-s0', 'ingested', 2]]);
    expect(await ws.rows(`SELECT state, row_count, segment_count, table_name FROM orchard.instances WHERE instance_id = 'i1'`))
      .toEqual([['ingested', '2', 1, 'app_downloads_standard']]);
  });

  it('rolls back a malformed segment and keeps the previous rows', async () => {
    await ws.ingest({ instanceId: 'i1', texts: [segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-04-01', 5)])] });
    const good = segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-04-01', 6)]);
    const bad = segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-04-01', 1), downloadsRow('2024-04-31', 1)]);
    const error = await expectOrchardError(ws.ingest({ instanceId: 'i1', texts: [good, bad] }), 'BAD_INPUT');
    expect(error.message).toMatch(/i1-s1/);
    expect(error.message).toMatch(/line 3, column "Date"/);
    expect(error.details?.file).toMatch(/\.csv\.gz$/);
    expect(await ws.rows(`SELECT sum(counts), min(_segment_id) FROM ${withProvenance('raw.app_downloads_standard')}`)).toEqual([['5', 'i1-s0']]);
    expect(await ws.rows(`SELECT row_count FROM orchard.instances WHERE instance_id = 'i1'`)).toEqual([['1']]);
  });

  it('refuses rows with a wrong number of fields, a count that is not a number and a non-gzip file', async () => {
    const tooMany = segmentText(DOWNLOADS_HEADER, [[...downloadsRow('2024-04-01', 1), 'extra']]);
    await expectOrchardError(ws.ingest({ instanceId: 'b1', texts: [tooMany] }), 'BAD_INPUT');
    const text = segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-04-01', 1).map((v, i) => (i === 11 ? 'many' : v))]);
    const error = await expectOrchardError(ws.ingest({ instanceId: 'b2', texts: [text] }), 'BAD_INPUT');
    expect(error.message).toMatch(/column "Counts"/);
    const plain = await ws.writeSegment('plain.csv.gz', 'x');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(plain, 'not gzip at all');
    await expectOrchardError(ws.warehouse.ingestInstance({ reportName: 'App Downloads Standard', accessType: 'ONGOING', instanceId: 'b3',
      granularity: 'DAILY', processingDate: '2024-04-02', segments: [{ segmentId: 's', filePath: plain, checksum: 'c', sizeInBytes: 1 }] }), 'BAD_INPUT');
    // Every attempt rolled back, even the CREATE TABLE and the metadata rows.
    expect(await ws.rows(`SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'raw'`)).toEqual([['0']]);
    expect(await ws.rows('SELECT count(*) FROM orchard.instances')).toEqual([['0']]);
    expect(await ws.rows('SELECT count(*) FROM orchard.segment_keys')).toEqual([['0']]);
  });

  it('refuses segment files outside the workspace', async () => {
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const { gzipSync } = await import('node:zlib');
    const outside = await mkdtemp(`${ws.dir}-outside`);
    const file = `${outside}/x.csv.gz`;
    await writeFile(file, gzipSync(segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-04-01', 1)])));
    const error = await expectOrchardError(ws.warehouse.ingestInstance({ reportName: 'App Downloads Standard', accessType: 'ONGOING', instanceId: 'o1',
      granularity: 'DAILY', processingDate: '2024-04-02', segments: [{ segmentId: 's', filePath: file, checksum: 'c', sizeInBytes: 1 }] }), 'BAD_INPUT');
    expect(error.message).toMatch(/Permission|disabled/);
    await rm(outside, { recursive: true, force: true });
  });

  it('rejects invalid requests before touching the database', async () => {
    await expectOrchardError(ws.ingest({ instanceId: 'z', processingDate: '02/04/2024', texts: ['x'] }), 'BAD_INPUT');
    await expectOrchardError(ws.warehouse.ingestInstance({ reportName: 'App Downloads Standard', accessType: 'ONGOING', instanceId: 'z',
      granularity: 'DAILY', processingDate: '2024-04-02', segments: [] }), 'BAD_INPUT');
  });

  it('cancels a running ingest, rolls it back and stays usable', async () => {
    await ws.ingest({ instanceId: 'c1', texts: [segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-04-01', 5)])] });
    const many = Array.from({ length: 200_000 }, (_, i) => downloadsRow('2024-04-01', i % 50, { territory: `T${i % 97}` }));
    const controller = new AbortController();
    const running = ws.ingest({ instanceId: 'c1', texts: [segmentText(DOWNLOADS_HEADER, many)] }, controller.signal);
    setImmediate(() => controller.abort());
    await expectOrchardError(running, 'CANCELLED');
    expect(await ws.rows('SELECT count(*), sum(counts) FROM raw.app_downloads_standard')).toEqual([['1', '5']]);
    await ws.ingest({ instanceId: 'c2', processingDate: '2024-04-03', texts: [segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-04-02', 1)])] });
    expect(await ws.rows('SELECT count(*) FROM raw.app_downloads_standard')).toEqual([['2']]);
  });
});
