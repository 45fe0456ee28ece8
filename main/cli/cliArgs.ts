// Parses the headless CLI's command line into a typed command, or a usage error (exit code 2).
import { parseArgs } from 'node:util';
import { GRANULARITIES, type Granularity } from '../../shared/ascTypes';
import { REPORT_CATALOGUE } from '../../shared/reportCatalogue';
import { EXIT_CODES_TEXT } from './cliExit';

export const USAGE = `Usage:
  orchard sync    (--app <appId> [--app <appId> …] | --all-apps) [key] [--base-url URL] [--data-dir DIR]
                  [--reports "Name A,Name B"] [--granularity DAILY,WEEKLY,MONTHLY] [--concurrency N]
                  [--recreate-stopped] [--snapshot]
  orchard sync    --sales [--finance] [--vendor N] [key] [--data-dir DIR]   (Sales and Trends, Finance; with or without --app)
  orchard status  [--data-dir DIR] [--app <appId> [key] [--base-url URL]]   (this computer; Apple too with --app)
  orchard status  --sales [--data-dir DIR]   (every Sales and Trends / Finance date and what became of it)
  orchard query   [--data-dir DIR] [--format table|csv|json|jsonl] [--raw-csv] "<SQL>"
                  (CSV text cells starting with = + - @ TAB CR get a leading '; --raw-csv leaves them as they are)
  orchard rebuild [--data-dir DIR]   (reload every downloaded file into the warehouse; no call to Apple)
  orchard verify  [--data-dir DIR] [--warehouse]   (check every downloaded file against its recorded MD5;
                  --warehouse also reads every block of the warehouse)
  orchard publish --lake DIR [--data-dir DIR]   (the warehouse as a Hive-partitioned Parquet lake: new snapshot, changed partitions only)
  orchard query   --lake DIR [--format table|csv|json|jsonl] "<SQL>"   (the lake's current snapshot, read-only; no key, no warehouse)
key: --key-id K --issuer-id I --key-file AuthKey_K.p8 [--individual]   (used for this run only, never stored)
     or --key <label or key ID of a key stored by the app>   (default: the app's default key)
${EXIT_CODES_TEXT}`;

/** 'csv-raw': `--format csv --raw-csv`, CSV without the formula guard (for scripts). */
export type QueryFormat = 'table' | 'csv' | 'csv-raw' | 'json' | 'jsonl';
const FORMATS: readonly QueryFormat[] = ['table', 'csv', 'json', 'jsonl'];

export type KeyChoice =
  | { kind: 'file'; keyId?: string; issuerId?: string; individual: boolean; keyFile: string }
  | { kind: 'stored'; ref?: string };

interface Common {
  dataDir?: string;
  baseUrl?: string;
}

export type CliCommand =
  | ({ name: 'sync'; appIds: string[]; allApps: boolean; key: KeyChoice; reports?: string[]; granularities?: Granularity[]; concurrency?: number; recreateStopped: boolean; snapshot: boolean } & SalesFlags & Common)
  | ({ name: 'status'; appId?: string; key: KeyChoice; sales: boolean } & Common)
  | ({ name: 'query'; sql: string; format: QueryFormat; lake?: string } & Common)
  | ({ name: 'publish'; lake: string } & Common)
  | ({ name: 'rebuild' } & Common)
  | ({ name: 'verify'; warehouse: boolean } & Common)
  | { name: 'help' };

/** `--sales` syncs Sales and Trends, `--finance` Finance too; `--vendor` sets the team's vendor number. */
interface SalesFlags {
  sales: boolean;
  finance: boolean;
  vendor?: string;
}

export class UsageError extends Error {}

const OPTIONS = {
  app: { type: 'string', multiple: true },
  'all-apps': { type: 'boolean', default: false },
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
  'raw-csv': { type: 'boolean', default: false },
  sales: { type: 'boolean', default: false },
  finance: { type: 'boolean', default: false },
  vendor: { type: 'string' },
  warehouse: { type: 'boolean', default: false },
  lake: { type: 'string' },
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
    if (!(FORMATS as readonly string[]).includes(v.format ?? '')) throw new UsageError('--format must be table, csv, json or jsonl.');
    if (v['raw-csv'] && v.format !== 'csv') throw new UsageError('--raw-csv goes with --format csv.');
    return { name, sql: rest[0], format: v['raw-csv'] ? 'csv-raw' : (v.format as QueryFormat), ...(v.lake ? { lake: v.lake } : {}), ...common };
  }
  if (name === 'rebuild' || name === 'verify') {
    if (rest.length) throw new UsageError(`Unexpected argument "${rest[0]}".`);
    return name === 'verify' ? { name, warehouse: v.warehouse ?? false, ...common } : { name, ...common };
  }
  if (name === 'publish') {
    if (rest.length) throw new UsageError(`Unexpected argument "${rest[0]}".`);
    if (!v.lake?.trim()) throw new UsageError('publish needs --lake <folder> (a new or empty folder, or an existing lake).');
    return { name, lake: v.lake, ...common };
  }
  if (name !== 'sync' && name !== 'status') throw new UsageError(`Unknown command "${name}".`);
  if (rest.length) throw new UsageError(`Unexpected argument "${rest[0]}".`);
  const apps = v.app ?? [];
  if (apps.some((a) => !/^\d{1,20}$/.test(a))) throw new UsageError('--app takes the app’s numeric Apple ID (e.g. 1476097583).');
  const key = keyChoice(v);
  if (name === 'status') {
    if (apps.length > 1) throw new UsageError('status takes one --app.');
    return { name, ...(apps[0] ? { appId: apps[0] } : {}), key, sales: v.sales ?? false, ...common };
  }
  const money: SalesFlags = { sales: (v.sales ?? false) || (v.finance ?? false), finance: v.finance ?? false, ...(v.vendor ? { vendor: v.vendor } : {}) };
  if (v.vendor !== undefined && !/^\d{6,12}$/.test(v.vendor)) throw new UsageError('--vendor takes the 6 to 12 digit vendor number (App Store Connect → Payments and Financial Reports).');
  if (apps.length === 0 && !v['all-apps'] && !money.sales) throw new UsageError('sync needs --app <numeric Apple ID> (repeat it for several apps), --all-apps or --sales.');
  if (apps.length > 0 && v['all-apps']) throw new UsageError('Use either --app or --all-apps, not both.');
  return {
    name,
    appIds: [...new Set(apps)],
    allApps: v['all-apps'] ?? false,
    key,
    reports: v.reports ? reportNames(v.reports) : undefined,
    granularities: v.granularity ? granularities(v.granularity) : undefined,
    concurrency: v.concurrency ? positiveInt(v.concurrency) : undefined,
    recreateStopped: v['recreate-stopped'] ?? false,
    snapshot: v.snapshot ?? false,
    ...money,
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

/** Names as the catalogue spells them; an unknown one is refused with the list of known names. */
function reportNames(text: string): string[] {
  const known = new Map(REPORT_CATALOGUE.map((r) => [r.name.toLowerCase(), r.name]));
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !known.has(n.toLowerCase()));
  if (unknown.length) {
    throw new UsageError(`Unknown report ${unknown.map((n) => `"${n}"`).join(', ')}. Known reports: ${[...known.values()].sort().join(', ')}.`);
  }
  return names.map((n) => known.get(n.toLowerCase())!);
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
