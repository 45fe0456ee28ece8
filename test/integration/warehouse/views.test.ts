import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withProvenance } from '../../support/rowProvenance';
import { DOWNLOADS_HEADER, createWorkspace, downloadsRow, segmentText, type Workspace } from './support';

let ws: Workspace;
beforeEach(async () => {
  ws = await createWorkspace();
});
afterEach(async () => {
  await ws.cleanup();
});

const daily = (instanceId: string, processingDate: string, rows: string[][], extra: Record<string, string> = {}) =>
  ws.ingest({ instanceId, processingDate, ...extra, texts: [segmentText(DOWNLOADS_HEADER, rows)] });

describe('latest-wins views', () => {
  it('shows each day from the newest instance that restated it (Apple’s 2-day example)', async () => {
    // processingDate 04-01 holds 03-30 (final) and 03-31 (partial); 04-02 restates 03-31 and adds 04-01;
    // 04-03 restates 04-01 and adds 04-02.
    await daily('i1', '2024-04-01', [downloadsRow('2024-03-30', 10), downloadsRow('2024-03-31', 5), downloadsRow('2024-03-31', 1, { territory: 'GB' })]);
    await daily('i2', '2024-04-02', [downloadsRow('2024-03-31', 8), downloadsRow('2024-04-01', 3)]);
    await daily('i3', '2024-04-03', [downloadsRow('2024-04-01', 6), downloadsRow('2024-04-02', 2)]);
    expect(await ws.rows(`SELECT date, sum(counts), count(*), min(_instance_id) FROM ${withProvenance('main.app_downloads_standard')} GROUP BY 1 ORDER BY 1`)).toEqual([
      ['2024-03-30', '10', '1', 'i1'],
      // The GB row of the older vintage disappears with it: partitions are replaced, never merged.
      ['2024-03-31', '8', '1', 'i2'],
      ['2024-04-01', '6', '1', 'i3'],
      ['2024-04-02', '2', '1', 'i3'],
    ]);
    // Summing every vintage would have over-counted; the raw table keeps them all.
    expect(await ws.rows('SELECT sum(counts) FROM raw.app_downloads_standard')).toEqual([['35']]);
  });

  it('does not care about ingest order', async () => {
    await daily('i3', '2024-04-03', [downloadsRow('2024-04-01', 6)]);
    await daily('i1', '2024-04-01', [downloadsRow('2024-04-01', 1)]);
    await daily('i2', '2024-04-02', [downloadsRow('2024-04-01', 4)]);
    expect(await ws.rows('SELECT sum(counts) FROM app_downloads_standard')).toEqual([['6']]);
  });

  it('keys on app and granularity: other apps and weekly rows are not superseded, and each granularity has its own view', async () => {
    await daily('a1', '2024-04-01', [downloadsRow('2024-03-31', 5, { app: '111' })]);
    await daily('b1', '2024-04-02', [downloadsRow('2024-03-31', 7, { app: '222' })]);
    await ws.ingest({ instanceId: 'w1', granularity: 'WEEKLY', processingDate: '2024-04-05',
      texts: [segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-03-31', 40, { app: '111' })])] });
    await ws.ingest({ instanceId: 'm1', granularity: 'MONTHLY', processingDate: '2024-04-05',
      texts: [segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-03-01', 90, { app: '111' })])] });
    expect(await ws.rows(`SELECT app_apple_identifier, _granularity, date, counts FROM ${withProvenance('app_downloads_standard')} ORDER BY 1, 2, 3`)).toEqual([
      ['111', 'DAILY', '2024-03-31', '5'],
      ['222', 'DAILY', '2024-03-31', '7'],
    ]);
    expect(await ws.rows(`SELECT app_apple_identifier, _granularity, date, counts FROM ${withProvenance('weekly.app_downloads_standard')}`)).toEqual([
      ['111', 'WEEKLY', '2024-03-31', '40'],
    ]);
    expect(await ws.rows(`SELECT app_apple_identifier, _granularity, date, counts FROM ${withProvenance('monthly.app_downloads_standard')}`)).toEqual([
      ['111', 'MONTHLY', '2024-03-01', '90'],
    ]);
  });

  it('breaks a same-day tie for ONGOING, then for the greater instance ID', async () => {
    await daily('zz-snapshot', '2024-04-02', [downloadsRow('2024-04-01', 1)], { accessType: 'ONE_TIME_SNAPSHOT' });
    await daily('aa-ongoing', '2024-04-02', [downloadsRow('2024-04-01', 2)]);
    expect(await ws.rows(`SELECT counts, _instance_id FROM ${withProvenance('app_downloads_standard')}`)).toEqual([['2', 'aa-ongoing']]);
    await daily('ab-ongoing', '2024-04-02', [downloadsRow('2024-04-01', 3)]);
    expect(await ws.rows(`SELECT counts, _instance_id FROM ${withProvenance('app_downloads_standard')}`)).toEqual([['3', 'ab-ongoing']]);
  });

  it('keeps undated rows of every vintage apart', async () => {
    const header = ['App Name', 'App Apple Identifier', 'App Version', 'Crashes'];
    await ws.ingest({ reportName: 'App Crashes', instanceId: 'c1', processingDate: '2024-04-01', texts: [segmentText(header, [['A', '1', '1.0', '3']])] });
    await ws.ingest({ reportName: 'App Crashes', instanceId: 'c2', processingDate: '2024-04-02', texts: [segmentText(header, [['A', '1', '1.0', '4']])] });
    expect(await ws.rows(`SELECT _instance_id, crashes FROM ${withProvenance('app_crashes')} ORDER BY 1`)).toEqual([['c1', '3'], ['c2', '4']]);
  });

  it('keys an unknown report without app or date columns on granularity and processing date', async () => {
    const text = (value: string) => segmentText(['Thing', 'Value'], [['x', value]]);
    await ws.ingest({ reportName: 'Mystery', instanceId: 'm1', processingDate: '2024-04-01', texts: [text('1')] });
    await ws.ingest({ reportName: 'Mystery', instanceId: 'm2', processingDate: '2024-04-01', accessType: 'ONE_TIME_SNAPSHOT', texts: [text('2')] });
    await ws.ingest({ reportName: 'Mystery', instanceId: 'm3', processingDate: '2024-04-02', texts: [text('3')] });
    expect(await ws.rows(`SELECT _instance_id, value FROM ${withProvenance('mystery')} ORDER BY 1`)).toEqual([['m1', '1'], ['m3', '3']]);
  });
});

describe('winners maintained at ingest', () => {
  it('falls back to the older vintage when a re-ingested instance no longer holds a day', async () => {
    await daily('i1', '2024-04-01', [downloadsRow('2024-03-30', 10), downloadsRow('2024-03-31', 5)]);
    await daily('i2', '2024-04-02', [downloadsRow('2024-03-30', 11), downloadsRow('2024-03-31', 8)]);
    expect(await ws.rows('SELECT sum(counts) FROM app_downloads_standard')).toEqual([['19']]);
    await daily('i2', '2024-04-02', [downloadsRow('2024-03-31', 9)]);
    expect(await ws.rows(`SELECT CAST(date AS VARCHAR), counts, _instance_id FROM ${withProvenance('app_downloads_standard')} ORDER BY 1`)).toEqual([
      ['2024-03-30', '10', 'i1'],
      ['2024-03-31', '9', 'i2'],
    ]);
    expect(await ws.rows(`SELECT instance_id, CAST(day AS VARCHAR), is_latest FROM orchard.vintages ORDER BY 1, 2`)).toEqual([
      ['i1', '2024-03-30', true], ['i1', '2024-03-31', false], ['i2', '2024-03-31', true],
    ]);
  });

  it('after any sequence of batches equals the rule computed from scratch over every vintage', async () => {
    // A fixed pseudo-random sequence: instances restating random days, some in one batch, some re-ingested.
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return Math.floor(seed / 65536) % n;
    };
    const day = (n: number) => `2024-04-${String(1 + n).padStart(2, '0')}`;
    for (let round = 0; round < 6; round += 1) {
      const inputs = await Promise.all(Array.from({ length: 1 + random(3) }, (_, i) => {
        // Ids repeat across rounds: a later batch replaces that instance's rows.
        const id = `r${(round * 3 + i) % 7}`;
        const rows = Array.from({ length: 1 + random(4) }, () => downloadsRow(day(random(6)), 1 + random(50), { app: String(100 + random(2)) }));
        return ws.input({ instanceId: id, processingDate: day(10 + random(4)), accessType: random(3) === 0 ? 'ONE_TIME_SNAPSHOT' : 'ONGOING',
          granularity: random(4) === 0 ? 'WEEKLY' : 'DAILY', texts: [segmentText(DOWNLOADS_HEADER, rows)] });
      }));
      await ws.warehouse.ingestInstances(inputs);
    }
    const fromScratch = `WITH ranked AS (
        SELECT DISTINCT app_apple_identifier, _granularity, date, _processing_date, _access_type, _instance_id FROM ${withProvenance('raw.app_downloads_standard')}
      ), winners AS (
        SELECT * FROM ranked QUALIFY row_number() OVER (PARTITION BY app_apple_identifier, _granularity, date
          ORDER BY _processing_date DESC, (_access_type = 'ONGOING') DESC, _instance_id DESC) = 1
      )
      SELECT t._granularity, t.app_apple_identifier, CAST(t.date AS VARCHAR), sum(t.counts) FROM ${withProvenance('raw.app_downloads_standard')} AS t
      SEMI JOIN winners AS w ON t._instance_id = w._instance_id AND t.app_apple_identifier = w.app_apple_identifier AND t.date = w.date
      GROUP BY ALL ORDER BY ALL`;
    const viewed = `SELECT * FROM (
        SELECT _granularity, app_apple_identifier, CAST(date AS VARCHAR), sum(counts) FROM ${withProvenance('main.app_downloads_standard')} GROUP BY ALL
        UNION ALL
        SELECT _granularity, app_apple_identifier, CAST(date AS VARCHAR), sum(counts) FROM ${withProvenance('weekly.app_downloads_standard')} GROUP BY ALL
      ) ORDER BY ALL`;
    const expected = await ws.rows(fromScratch);
    expect(expected.length).toBeGreaterThan(5);
    expect(await ws.rows(viewed)).toEqual(expected);
  });
});
