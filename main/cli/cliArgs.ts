// Parses the headless CLI's command line into a typed command, or a usage error (exit code 2).
import { parseArgs } from 'node:util';
import { GRANULARITIES, type Granularity } from '../../shared/ascTypes';

export const USAGE = `Usage:
  orchard sync   --app <appId> [key] [--base-url URL] [--data-dir DIR] [--reports "Name A,Name B"]
                 [--granularity DAILY,WEEKLY,MONTHLY] [--concurrency N] [--recreate-stopped] [--snapshot]
  orchard status --app <appId> [key] [--base-url URL] [--data-dir DIR]
  orchard query  [--data-dir DIR] [--format table|csv|json] "<SQL>"
key: --key-id K --issuer-id I --key-file AuthKey_K.p8 [--individual]   (used for this run only, never stored)
     or --key <label or key ID of a key stored by the app>   (default: the app's default key)
Exit codes: 0 success, 1 partial (some reports failed), 2 usage or credentials error.`;

export type KeyChoice =
  | { kind: 'file'; keyId?: string; issuerId?: string; individual: boolean; keyFile: string }
  | { kind: 'stored'; ref?: string };

interface Common {
  dataDir?: string;
  baseUrl?: string;
}

export type CliCommand =
  | ({ name: 'sync'; appId: string; key: KeyChoice; reports?: string[]; granularities?: Granularity[]; concurrency?: number; recreateStopped: boolean; snapshot: boolean } & Common)
  | ({ name: 'status'; appId: string; key: KeyChoice } & Common)
  | ({ name: 'query'; sql: string; format: 'table' | 'csv' | 'json' } & Common)
  | { name: 'help' };

export class UsageError extends Error {}

const OPTIONS = {
  app: { type: 'string' },
  key: { type: 'string' },
  'key-id': { type: 'string' },
  'issuer-id': { type: 'string' },
  'key-file': { type: 'string' },
  individual: { type: 'boolean', default: false },
  'base-url': { type: 'string' },
  'data-dir': { type: 'string' },
  reports: { type: 'string' },
  granularity: { type: 'string' },
  concurrency: { type: 'string' },
  'recreate-stopped': { type: 'boolean', default: false },
  snapshot: { type: 'boolean', default: false },
  format: { type: 'string', default: 'table' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export function parseCli(argv: string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values: v, positionals } = parsed;
  const [name, ...rest] = positionals;
  if (v.help || name === undefined || name === 'help') return { name: 'help' };
  const common: Common = { dataDir: v['data-dir'], baseUrl: v['base-url'] };
  if (name === 'query') {
    if (rest.length !== 1 || !rest[0]?.trim()) throw new UsageError('query takes exactly one SQL argument (quote it).');
    if (!['table', 'csv', 'json'].includes(v.format ?? '')) throw new UsageError('--format must be table, csv or json.');
    return { name, sql: rest[0], format: v.format as 'table' | 'csv' | 'json', ...common };
  }
  if (name !== 'sync' && name !== 'status') throw new UsageError(`Unknown command "${name}".`);
  if (rest.length) throw new UsageError(`Unexpected argument "${rest[0]}".`);
  if (!v.app || !/^\d{1,20}$/.test(v.app)) throw new UsageError('--app takes the app’s numeric Apple ID (e.g. 1476097583).');
  const key = keyChoice(v);
  if (name === 'status') return { name, appId: v.app, key, ...common };
  return {
    name,
    appId: v.app,
    key,
    reports: v.reports ? v.reports.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
    granularities: v.granularity ? granularities(v.granularity) : undefined,
    concurrency: v.concurrency ? positiveInt(v.concurrency) : undefined,
    recreateStopped: v['recreate-stopped'] ?? false,
    snapshot: v.snapshot ?? false,
    ...common,
  };
}

function keyChoice(v: { key?: string; 'key-id'?: string; 'issuer-id'?: string; 'key-file'?: string; individual?: boolean }): KeyChoice {
  if (v['key-file']) {
    if (v.key) throw new UsageError('Use either --key or --key-file, not both.');
    if (!v['issuer-id'] && !v.individual) throw new UsageError('--key-file needs --issuer-id (team key) or --individual.');
    return { kind: 'file', keyFile: v['key-file'], keyId: v['key-id'], issuerId: v['issuer-id'], individual: v.individual ?? false };
  }
  if (v['key-id'] || v['issuer-id']) throw new UsageError('--key-id and --issuer-id go with --key-file.');
  return { kind: 'stored', ref: v.key };
}

function granularities(text: string): Granularity[] {
  const list = text.split(',').map((s) => s.trim().toUpperCase());
  const bad = list.filter((g) => !(GRANULARITIES as readonly string[]).includes(g));
  if (bad.length) throw new UsageError(`Unknown granularity ${bad.join(', ')}: use DAILY, WEEKLY or MONTHLY.`);
  return list as Granularity[];
}

function positiveInt(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new UsageError('--concurrency takes a whole number from 1 to 16.');
  return n;
}
