import { writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogFields, Logger } from '../../../main/logging/logger';
import { DOWNLOADS_HEADER, createWorkspace, downloadsRow, segmentText, type Workspace } from './support';
import { failure } from '../../support/failure';
import { withProvenance } from '../../support/rowProvenance';

const PURCHASES = 'App Store Purchases Standard';
const PURCHASES_HEADER = ['Date', 'App Name', 'App Apple Identifier', 'Purchase Type', 'Territory', 'Purchases', 'Proceeds in USD'];
const purchase = (date: string, territory: string, proceeds: string) => [date, 'A', '1476097583', 'IAP', territory, '1', proceeds];

let ws: Workspace;
afterEach(async () => {
  await ws.cleanup();
});


/** Two downloads instances (one of three segments: two share a header, one is comma-separated and reordered) and two purchases instances. */
async function mixedBatch(prefix = '') {
  return Promise.all([
    ws.input({ instanceId: `${prefix}d1`, processingDate: '2024-04-01', texts: [
      segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-03-31', 1), downloadsRow('2024-03-31', 2)]),
      segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-03-31', 4)]),
      segmentText(['Counts', 'Date', 'App Apple Identifier'], [['8', '2024-03-30', '1476097583']], { delimiter: ',' }),
    ] }),
    ws.input({ instanceId: `${prefix}p1`, reportName: PURCHASES, processingDate: '2024-04-01', texts: [
      segmentText(PURCHASES_HEADER, [purchase('2024-03-31', 'US', '0.10'), purchase('2024-03-31', 'DE', '0.20')]),
    ] }),
    ws.input({ instanceId: `${prefix}d2`, processingDate: '2024-04-02', texts: [
      segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-04-01', 16)]),
      '',
    ] }),
    ws.input({ instanceId: `${prefix}p2`, reportName: PURCHASES, processingDate: '2024-04-02', granularity: 'WEEKLY', texts: [
      segmentText(PURCHASES_HEADER, [purchase('2024-03-25', 'FR', '1.50')]),
    ] }),
  ]);
}

describe('ingestInstances', () => {
  it('loads instances of two reports with different layouts in one call, with provenance and per-segment counts', async () => {
    ws = await createWorkspace();
    const results = await ws.warehouse.ingestInstances(await mixedBatch());
    expect(results).toEqual([{ instanceId: 'd1', rows: 4 }, { instanceId: 'p1', rows: 2 }, { instanceId: 'd2', rows: 1 }, { instanceId: 'p2', rows: 1 }]);
    expect(await ws.rows(`SELECT _instance_id, _segment_id, _processing_date, _granularity, date, counts FROM ${withProvenance('raw.app_downloads_standard')} ORDER BY counts`)).toEqual([
      ['d1', 'd1-s0', '2024-04-01', 'DAILY', '2024-03-31', '1'],
      ['d1', 'd1-s0', '2024-04-01', 'DAILY', '2024-03-31', '2'],
      ['d1', 'd1-s1', '2024-04-01', 'DAILY', '2024-03-31', '4'],
      ['d1', 'd1-s2', '2024-04-01', 'DAILY', '2024-03-30', '8'],
      ['d2', 'd2-s0', '2024-04-02', 'DAILY', '2024-04-01', '16'],
    ]);
    expect(await ws.rows(`SELECT _instance_id, _segment_id, _granularity, territory, proceeds_in_usd FROM ${withProvenance('raw.app_store_purchases_standard')} ORDER BY territory`)).toEqual([
      ['p1', 'p1-s0', 'DAILY', 'DE', '0.20'],
      ['p2', 'p2-s0', 'WEEKLY', 'FR', '1.50'],
      ['p1', 'p1-s0', 'DAILY', 'US', '0.10'],
    ]);
    expect(await ws.rows(`SELECT segment_id, state, row_count FROM orchard.segments ORDER BY segment_id`)).toEqual([
      ['d1-s0', 'ingested', '2'], ['d1-s1', 'ingested', '1'], ['d1-s2', 'ingested', '1'],
      ['d2-s0', 'ingested', '1'], ['d2-s1', 'ingested', '0'], ['p1-s0', 'ingested', '2'], ['p2-s0', 'ingested', '1'],
    ]);
    expect(await ws.rows(`SELECT instance_id, table_name, state, segment_count, row_count FROM orchard.instances ORDER BY instance_id`)).toEqual([
      ['d1', 'app_downloads_standard', 'ingested', 3, '4'], ['d2', 'app_downloads_standard', 'ingested', 2, '1'],
      ['p1', 'app_store_purchases_standard', 'ingested', 1, '2'], ['p2', 'app_store_purchases_standard', 'ingested', 1, '1'],
    ]);
    // Both tables' views exist and apply the latest-wins rule across the batch, one granularity each.
    expect(await ws.rows('SELECT sum(counts) FROM app_downloads_standard')).toEqual([['31']]);
    expect(await ws.rows('SELECT sum(proceeds_in_usd) FROM app_store_purchases_standard')).toEqual([['0.30']]);
    expect(await ws.rows('SELECT sum(proceeds_in_usd) FROM weekly.app_store_purchases_standard')).toEqual([['1.50']]);
  });

  it('replaces the rows of every instance of a batch ingested again, with no duplicates', async () => {
    ws = await createWorkspace();
    const batch = await mixedBatch();
    await ws.warehouse.ingestInstances(batch);
    const [d1, p1, d2, p2] = batch;
    if (d1 === undefined || p1 === undefined || d2 === undefined || p2 === undefined) throw new Error('batch missing');
    // The second vintage of d1 lacks its last segment: that segment's rows go and it is no longer 'ingested'.
    const again = [{ ...d1, segments: d1.segments.slice(0, 2) }, p1, d2, p2];
    expect(await ws.warehouse.ingestInstances(again)).toEqual([{ instanceId: 'd1', rows: 3 }, { instanceId: 'p1', rows: 2 }, { instanceId: 'd2', rows: 1 }, { instanceId: 'p2', rows: 1 }]);
    expect(await ws.rows('SELECT count(*), sum(counts) FROM raw.app_downloads_standard')).toEqual([['4', '23']]);
    expect(await ws.rows('SELECT count(*) FROM raw.app_store_purchases_standard')).toEqual([['3']]);
    expect(await ws.rows(`SELECT segment_id, state, row_count FROM orchard.segments WHERE instance_id = 'd1' ORDER BY 1`))
      .toEqual([['d1-s0', 'ingested', '2'], ['d1-s1', 'ingested', '1'], ['d1-s2', 'downloaded', null]]);
  });

  it('rolls the whole batch back when one file is bad, keeps the previous rows and names the file and instance', async () => {
    ws = await createWorkspace();
    await ws.warehouse.ingestInstances(await mixedBatch());
    const [d1, p1] = await mixedBatch('n');
    const bad = await ws.input({ instanceId: 'p1', reportName: PURCHASES, texts: [
      segmentText(PURCHASES_HEADER, [purchase('2024-04-01', 'US', '9.99')]),
      segmentText(PURCHASES_HEADER, [purchase('2024-04-01', 'US', '1.00'), purchase('2024-04-01', 'GB', 'lots')]),
    ] });
    if (d1 === undefined || p1 === undefined) throw new Error('batch missing');
    const error = await failure(ws.warehouse.ingestInstances([d1, p1, bad]));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toMatch(/Segment p1-s1 of App Store Purchases Standard instance p1 .*line 3, column "Proceeds in USD"/);
    expect(error.details).toMatchObject({ instanceId: 'p1', segmentId: 'p1-s1', file: bad.segments[1]?.filePath });
    // Nothing of the batch stayed: not the other table's rows, not the new instances, not the DDL.
    expect(await ws.rows('SELECT count(*), sum(counts) FROM raw.app_downloads_standard')).toEqual([['5', '31']]);
    expect(await ws.rows(`SELECT count(*), sum(proceeds_in_usd) FROM ${withProvenance('raw.app_store_purchases_standard')} WHERE _instance_id = 'p1'`)).toEqual([['2', '0.30']]);
    expect(await ws.rows(`SELECT count(*) FROM orchard.instances WHERE instance_id LIKE 'n%'`)).toEqual([['0']]);
    expect(await ws.rows(`SELECT count(*) FROM orchard.segment_keys WHERE instance_id LIKE 'n%'`)).toEqual([['0']]);
    // Alone, the good instances load.
    expect(await ws.warehouse.ingestInstances([d1, p1])).toEqual([{ instanceId: 'nd1', rows: 4 }, { instanceId: 'np1', rows: 2 }]);
  });

  it('names the damaged file when it shares a read_csv with others', async () => {
    ws = await createWorkspace();
    const good = await ws.input({ instanceId: 'g1', texts: [segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-04-01', 1)])] });
    const broken = await ws.input({ instanceId: 'g2', texts: [segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-04-01', 2)])] });
    const brokenFile = broken.segments[0]?.filePath ?? '';
    await writeFile(brokenFile, 'not gzip at all');
    const error = await failure(ws.warehouse.ingestInstances([good, broken]));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toMatch(/g2-s0 .*instance g2/);
    expect(error.details?.file).toBe(brokenFile);
    expect(await ws.rows(`SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'raw'`)).toEqual([['0']]);
  });

  it('skips repeated headers in all-text files read together and keeps a header column named like the file column', async () => {
    ws = await createWorkspace();
    const header = ['Name', 'Filename', '_orchard_file'];
    const repeated = (a: string, b: string) => `${segmentText(header, [[a, 'x.txt', '1']])}${segmentText(header, [[b, 'y.txt', '2']])}`;
    const inputs = await Promise.all([
      ws.input({ reportName: 'Some Future Report', instanceId: 'f1', texts: [repeated('a', 'b'), repeated('c', 'd')] }),
      ws.input({ reportName: 'Some Future Report', instanceId: 'f2', texts: [repeated('e', 'f')] }),
    ]);
    expect(await ws.warehouse.ingestInstances(inputs)).toEqual([{ instanceId: 'f1', rows: 4 }, { instanceId: 'f2', rows: 2 }]);
    expect(await ws.rows(`SELECT _segment_id, name, filename, orchard_file FROM ${withProvenance('raw.some_future_report')} ORDER BY name`)).toEqual([
      ['f1-s0', 'a', 'x.txt', '1'], ['f1-s0', 'b', 'y.txt', '2'], ['f1-s1', 'c', 'x.txt', '1'],
      ['f1-s1', 'd', 'y.txt', '2'], ['f2-s0', 'e', 'x.txt', '1'], ['f2-s0', 'f', 'y.txt', '2'],
    ]);
  });

  it('loads a file given for two segments once per segment', async () => {
    ws = await createWorkspace();
    const first = await ws.input({ instanceId: 'a1', texts: [segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-04-01', 3)])] });
    const filePath = first.segments[0]?.filePath ?? '';
    const second = { ...first, instanceId: 'a2', segments: [{ segmentId: 'a2-s0', filePath, checksum: 'c', sizeInBytes: 1 }] };
    expect(await ws.warehouse.ingestInstances([first, second])).toEqual([{ instanceId: 'a1', rows: 1 }, { instanceId: 'a2', rows: 1 }]);
    expect(await ws.rows(`SELECT _segment_id, counts FROM ${withProvenance('raw.app_downloads_standard')} ORDER BY 1`)).toEqual([['a1-s0', '3'], ['a2-s0', '3']]);
  });

  it('refuses an instance or segment given twice, and does nothing for an empty batch', async () => {
    ws = await createWorkspace();
    const input = await ws.input({ instanceId: 'x1', texts: [segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-04-01', 1)])] });
    expect((await failure(ws.warehouse.ingestInstances([input, input]))).message).toMatch(/instance x1 is given twice/);
    const renamed = { ...input, instanceId: 'x2' };
    expect((await failure(ws.warehouse.ingestInstances([input, renamed]))).message).toMatch(/segment x1-s0 is given twice/);
    expect((await failure(ws.warehouse.ingestInstances([input, { ...renamed, processingDate: 'soon' }]))).message).toMatch(/1\.processingDate/);
    expect(await ws.warehouse.ingestInstances([])).toEqual([]);
    expect(await ws.rows('SELECT count(*) FROM orchard.instances')).toEqual([['0']]);
  });

  it('logs instances of one batch that share a processing date', async () => {
    const events: [string, LogFields | undefined][] = [];
    const record = (event: string, fields?: LogFields) => void events.push([event, fields]);
    const logger: Logger = { debug: record, info: record, warn: record, error: record };
    ws = await createWorkspace({ logger });
    const text = segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-04-01', 1)]);
    await ws.warehouse.ingestInstances([
      await ws.input({ instanceId: 'o1', texts: [text] }),
      await ws.input({ instanceId: 's1', accessType: 'ONE_TIME_SNAPSHOT', texts: [text] }),
      await ws.input({ instanceId: 'o2', processingDate: '2024-04-03', texts: [text] }),
    ]);
    expect(events.filter(([event]) => event === 'warehouse.same-processing-date').map(([, fields]) => fields)).toEqual([
      { report: 'App Downloads Standard', instanceId: 'o1', processingDate: '2024-04-02', rivals: [{ instanceId: 's1', accessType: 'ONE_TIME_SNAPSHOT' }] },
      { report: 'App Downloads Standard', instanceId: 's1', processingDate: '2024-04-02', rivals: [{ instanceId: 'o1', accessType: 'ONGOING' }] },
    ]);
  });

  it('cancels a batch whose files are loaded but not committed, rolls all of it back and stays usable', async () => {
    const controller = new AbortController();
    let abortOnNextClock = false;
    // The warehouse reads the clock inside the transaction, after loading the files and before committing.
    ws = await createWorkspace({ now: () => {
      if (abortOnNextClock) controller.abort();
      return new Date('2024-04-03T10:00:00Z');
    } });
    await ws.ingest({ instanceId: 'c1', texts: [segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-04-01', 5)])] });
    const text = segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-04-01', 7), downloadsRow('2024-04-02', 8)]);
    const batch = await Promise.all(['c1', 'c2', 'c3'].map((instanceId) => ws.input({ instanceId, texts: [text, text] })));
    abortOnNextClock = true;
    expect((await failure(ws.warehouse.ingestInstances(batch, controller.signal))).code).toBe('CANCELLED');
    abortOnNextClock = false;
    expect(await ws.rows('SELECT count(*), sum(counts) FROM raw.app_downloads_standard')).toEqual([['1', '5']]);
    expect(await ws.rows(`SELECT instance_id, row_count FROM orchard.instances`)).toEqual([['c1', '1']]);
    expect(await ws.warehouse.ingestInstances(batch)).toEqual([{ instanceId: 'c1', rows: 4 }, { instanceId: 'c2', rows: 4 }, { instanceId: 'c3', rows: 4 }]);
  });

  it('interrupts a running batch read', async () => {
    ws = await createWorkspace();
    const many = segmentText(DOWNLOADS_HEADER, Array.from({ length: 100_000 }, (_, i) => downloadsRow('2024-04-01', i % 50, { territory: `T${i % 97}` })));
    const batch = await Promise.all(['r1', 'r2', 'r3'].map((instanceId) => ws.input({ instanceId, texts: [many] })));
    const controller = new AbortController();
    const running = ws.warehouse.ingestInstances(batch, controller.signal);
    setImmediate(() => controller.abort());
    expect((await failure(running)).code).toBe('CANCELLED');
    expect(await ws.rows(`SELECT count(*) FROM orchard.instances`)).toEqual([['0']]);
    const small = await ws.input({ instanceId: 'r4', texts: [segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-04-02', 1)])] });
    expect(await ws.warehouse.ingestInstances([small])).toEqual([{ instanceId: 'r4', rows: 1 }]);
  });
});
