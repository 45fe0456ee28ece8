import { describe, expect, it } from 'vitest';
import { parseCli, UsageError } from '../../../main/cli/cliArgs';

describe('parseCli', () => {
  it('parses a sync with a one-run key file', () => {
    expect(
      parseCli(['sync', '--app', '1476097583', '--key-file', 'AuthKey_ABC.p8', '--issuer-id', 'u', '--reports', 'App Downloads Standard, App Sessions Standard', '--granularity', 'daily,WEEKLY', '--concurrency', '6']),
    ).toEqual({
      name: 'sync',
      appId: '1476097583',
      key: { kind: 'file', keyFile: 'AuthKey_ABC.p8', issuerId: 'u', keyId: undefined, individual: false },
      reports: ['App Downloads Standard', 'App Sessions Standard'],
      granularities: ['DAILY', 'WEEKLY'],
      concurrency: 6,
      recreateStopped: false,
      snapshot: false,
      dataDir: undefined,
      baseUrl: undefined,
    });
  });

  it('parses status with a stored key and query with a format', () => {
    expect(parseCli(['status', '--app', '1', '--key', 'Team'])).toMatchObject({ name: 'status', key: { kind: 'stored', ref: 'Team' } });
    expect(parseCli(['query', '--format', 'csv', 'select 1'])).toEqual({ name: 'query', sql: 'select 1', format: 'csv', dataDir: undefined, baseUrl: undefined });
    expect(parseCli([])).toEqual({ name: 'help' });
  });

  it.each([
    [['sync'], /--app/],
    [['sync', '--app', 'abc'], /numeric/],
    [['sync', '--app', '1', '--key-file', 'k.p8'], /--issuer-id/],
    [['sync', '--app', '1', '--key', 'x', '--key-file', 'k.p8', '--individual'], /either/],
    [['sync', '--app', '1', '--granularity', 'HOURLY'], /HOURLY/],
    [['sync', '--app', '1', '--concurrency', '0'], /concurrency/],
    [['query'], /one SQL/],
    [['query', '--format', 'xml', 'select 1'], /format/],
    [['frobnicate'], /Unknown command/],
    [['sync', '--app', '1', '--bogus'], /bogus/],
  ])('refuses %j with a clear reason', (argv, reason) => {
    expect(() => parseCli(argv)).toThrow(UsageError);
    expect(() => parseCli(argv)).toThrow(reason);
  });
});
