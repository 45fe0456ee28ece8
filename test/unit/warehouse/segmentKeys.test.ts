import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEGMENT_KEYS_DDL, assignSegmentKeys, segmentKeyFilter, segmentKeysOf, type KeyedSegment } from '../../../main/warehouse/segmentKeys';

let instance: DuckDBInstance;
let connection: DuckDBConnection;
beforeEach(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  await connection.run('CREATE SCHEMA orchard');
  await connection.run(SEGMENT_KEYS_DDL);
});
afterEach(() => {
  connection.closeSync();
  instance.closeSync();
});

const segment = (segmentId: string, instanceId: string, processingDate = '2024-04-02'): KeyedSegment =>
  ({ segmentId, instanceId, granularity: 'DAILY', processingDate, accessType: 'ONGOING' });

const keyRows = async () => (await connection.runAndReadAll(`SELECT segment_key, segment_id, instance_id, table_name, granularity,
  CAST(processing_date AS VARCHAR), access_type FROM orchard.segment_keys ORDER BY 1`)).getRowsJson();

describe('assignSegmentKeys', () => {
  it('gives new segments keys above the greatest key and writes their provenance once', async () => {
    expect(await assignSegmentKeys(connection, 'app_downloads_standard', [])).toEqual(new Map());
    expect(await assignSegmentKeys(connection, 'app_downloads_standard', [segment('i1-s1', 'i1'), segment('i1-s0', 'i1')]))
      .toEqual(new Map([['i1-s0', 1], ['i1-s1', 2]]));
    // A gap (keys migration 7 or another table used): the next keys go above the greatest one.
    await connection.run(`INSERT INTO orchard.segment_keys VALUES (40, 'x-s0', 'x', 'app_crashes', 'WEEKLY', DATE '2024-04-01', 'ONE_TIME_SNAPSHOT')`);
    expect(await assignSegmentKeys(connection, 'app_crashes', [segment('c1-s0', 'c1')])).toEqual(new Map([['c1-s0', 41]]));
    expect(await keyRows()).toEqual([
      [1, 'i1-s0', 'i1', 'app_downloads_standard', 'DAILY', '2024-04-02', 'ONGOING'],
      [2, 'i1-s1', 'i1', 'app_downloads_standard', 'DAILY', '2024-04-02', 'ONGOING'],
      [40, 'x-s0', 'x', 'app_crashes', 'WEEKLY', '2024-04-01', 'ONE_TIME_SNAPSHOT'],
      [41, 'c1-s0', 'c1', 'app_crashes', 'DAILY', '2024-04-02', 'ONGOING'],
    ]);
  });

  it('keeps a segment’s key when its instance is loaded again, and brings its provenance up to date', async () => {
    await assignSegmentKeys(connection, 'app_downloads_standard', [segment('i1-s0', 'i1'), segment('i1-s1', 'i1'), segment('i2-s0', 'i2')]);
    const again = await assignSegmentKeys(connection, 'app_downloads_standard', [segment('i1-s1', 'i1', '2024-04-05'), segment('i1-s2', 'i1', '2024-04-05')]);
    expect(again).toEqual(new Map([['i1-s1', 2], ['i1-s2', 4]]));
    expect(await keyRows()).toEqual([
      [1, 'i1-s0', 'i1', 'app_downloads_standard', 'DAILY', '2024-04-02', 'ONGOING'],
      [2, 'i1-s1', 'i1', 'app_downloads_standard', 'DAILY', '2024-04-05', 'ONGOING'],
      [3, 'i2-s0', 'i2', 'app_downloads_standard', 'DAILY', '2024-04-02', 'ONGOING'],
      [4, 'i1-s2', 'i1', 'app_downloads_standard', 'DAILY', '2024-04-05', 'ONGOING'],
    ]);
    // Every key an instance's segments ever had in the table, and only that table's.
    expect(await segmentKeysOf(connection, 'app_downloads_standard', ['i1'])).toEqual([1, 2, 4]);
    expect(await segmentKeysOf(connection, 'app_crashes', ['i1'])).toEqual([]);
    expect(await segmentKeysOf(connection, 'app_downloads_standard', [])).toEqual([]);
  });

  it('leaves no key behind when the transaction it ran in rolls back', async () => {
    await connection.run('BEGIN TRANSACTION');
    await assignSegmentKeys(connection, 'app_downloads_standard', [segment('i1-s0', 'i1')]);
    await connection.run('ROLLBACK');
    expect(await keyRows()).toEqual([]);
    expect(await assignSegmentKeys(connection, 'app_downloads_standard', [segment('i2-s0', 'i2')])).toEqual(new Map([['i2-s0', 1]]));
  });
});

describe('segmentKeyFilter', () => {
  it('is a literal IN list over the alias, FALSE when there are no keys', () => {
    expect(segmentKeyFilter([3, 1])).toBe('t._segment_key IN (3, 1)');
    expect(segmentKeyFilter([7], 'r')).toBe('r._segment_key IN (7)');
    expect(segmentKeyFilter([])).toBe('FALSE');
  });
});
