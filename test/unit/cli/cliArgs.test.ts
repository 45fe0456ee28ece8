import { describe, expect, it } from 'vitest';
import { parseCli, UsageError } from '../../../main/cli/cliArgs';

describe('parseCli', () => {
  it('parses a sync with a one-run key file', () => {
    expect(
      parseCli(['sync', '--app', '1476097583', '--key-file', 'AuthKey_ABC.p8', '--issuer-id', 'u', '--reports', 'App Downloads Standard, App Sessions Standard', '--granularity', 'daily,WEEKLY', '--concurrency', '6']),
    ).toEqual({
      name: 'sync',
      appIds: ['1476097583'],
      allApps: false,
      key: { kind: 'file', keyFile: 'AuthKey_ABC.p8', issuerId: 'u', keyId: undefined, individual: false },
      reports: ['App Downloads Standard', 'App Sessions Standard'],
      granularities: ['DAILY', 'WEEKLY'],
      concurrency: 6,
      recreateStopped: false,
      snapshot: false,
      sales: false,
      finance: false,
      dataDir: undefined,
      baseUrl: undefined,
    });
  });

  it('parses status with a stored key and query with a format', () => {
    expect(parseCli(['status', '--app', '1', '--key', 'Team'])).toMatchObject({ name: 'status', key: { kind: 'stored', ref: 'Team' } });
    expect(parseCli(['query', '--format', 'csv', 'select 1'])).toEqual({ name: 'query', sql: 'select 1', format: 'csv', dataDir: undefined, baseUrl: undefined });
    expect(parseCli([])).toEqual({ name: 'help' });
    expect(parseCli(['query', '--format', 'jsonl', 'select 1'])).toMatchObject({ format: 'jsonl' });
    expect(parseCli(['status'])).toMatchObject({ name: 'status', key: { kind: 'stored' } });
    expect(parseCli(['rebuild', '--data-dir', 'd'])).toEqual({ name: 'rebuild', dataDir: 'd', baseUrl: undefined });
  });

  it('takes several apps, or every app, and report names in the catalogue\'s spelling', () => {
    expect(parseCli(['sync', '--app', '1', '--app', '2', '--app', '1'])).toMatchObject({ appIds: ['1', '2'], allApps: false });
    expect(parseCli(['sync', '--all-apps'])).toMatchObject({ appIds: [], allApps: true });
    expect(parseCli(['sync', '--app', '1', '--reports', 'app downloads standard'])).toMatchObject({ reports: ['App Downloads Standard'] });
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
    [['sync', '--app', '1', '--reports', 'No Such Report'], /Unknown report "No Such Report".*Known reports: .*App Downloads Standard/],
    [['sync', '--app', '1', '--all-apps'], /either/],
    [['status', '--app', '1', '--app', '2'], /one --app/],
  ])('refuses %j with a clear reason', (argv, reason) => {
    expect(() => parseCli(argv)).toThrow(UsageError);
    expect(() => parseCli(argv)).toThrow(reason);
  });
});
