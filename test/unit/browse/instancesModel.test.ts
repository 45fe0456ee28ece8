// How an instance's state is decided: downloaded, failed (retried until it expires), expired by
// Apple's 35-day retention or because its request is gone, otherwise pending.
import { describe, expect, it } from 'vitest';
import { classifyInstance, expiryDate, type InstanceRow } from '../../../main/browse/instancesModel';
import { instanceSql } from '../../../main/browse/instanceService';

const row = (over: Partial<InstanceRow>): InstanceRow => ({
  instanceId: 'i1', reportName: 'App Downloads Standard', tableName: 'app_downloads_standard', requestId: 'q1',
  accessType: 'ONGOING', granularity: 'DAILY', processingDate: '2024-03-01', ingested: false, segmentCount: null,
  rowCount: null, badSegments: 0, ...over,
});
const ctx = (today: string, deleted: string[] = []) => ({ today: new Date(`${today}T08:00:00Z`), deletedRequests: new Set(deleted) });

describe('classifyInstance', () => {
  it('expires 35 days after production', () => {
    expect(expiryDate('2024-03-01')).toBe('2024-04-05');
    expect(classifyInstance(row({}), ctx('2024-04-05')).state).toBe('pending');
    expect(classifyInstance(row({}), ctx('2024-04-06'))).toMatchObject({ state: 'expired', note: expect.stringContaining('2024-04-05') });
  });
  it('a downloaded instance stays downloaded forever, with its rows', () => {
    expect(classifyInstance(row({ ingested: true, rowCount: 1234 }), ctx('2025-01-01'))).toEqual({ state: 'downloaded', note: '1,234 rows loaded into the warehouse.' });
  });
  it('a failed segment marks it failed until it expires; a deleted request makes it expired at once', () => {
    expect(classifyInstance(row({ badSegments: 1, error: 'checksum mismatch' }), ctx('2024-03-10'))).toMatchObject({
      state: 'failed', note: expect.stringContaining('checksum mismatch'),
    });
    expect(classifyInstance(row({ badSegments: 1 }), ctx('2024-05-01')).state).toBe('expired');
    expect(classifyInstance(row({}), ctx('2024-03-02', ['q1']))).toMatchObject({ state: 'expired', note: expect.stringContaining('request was deleted') });
  });
});

describe('instanceSql', () => {
  it('reads one instance of the raw table, quoting what it splices in', () => {
    expect(instanceSql('app_downloads_standard', 'f61799ba-6e37')).toBe(
      `SELECT * FROM raw."app_downloads_standard"
WHERE _segment_key IN (SELECT segment_key FROM orchard.segment_keys WHERE instance_id = 'f61799ba-6e37') LIMIT 1000`,
    );
    expect(instanceSql('we"ird', "it's")).toBe(`SELECT * FROM raw."we""ird"
WHERE _segment_key IN (SELECT segment_key FROM orchard.segment_keys WHERE instance_id = 'it''s') LIMIT 1000`);
  });
});
