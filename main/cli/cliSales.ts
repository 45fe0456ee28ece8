// `orchard sync --sales [--finance] [--vendor N]` and `orchard status --sales`: Sales and Trends
// (and Finance) over the same services as the app, with progress on stderr, a summary, the
// per-date outcomes, and the CLI's exit codes (0 success, 1 partial, 2 usage or credentials).
import { OrchardError } from '../../shared/errors';
import { salesKindKey, VENDOR_NUMBER_PATTERN, type SalesDateOutcome } from '../../shared/sales';
import type { AscClient } from '../asc';
import type { Logger } from '../logging/logger';
import { createSalesSettings, keptKinds } from '../sales/salesSettings';
import { syncMoney } from '../sales/moneySync';
import { salesProblems } from '../sales/salesProblems';
import { createVersionBook } from '../sales/salesVersions';
import type { SettingsStore } from '../settings/settingsStore';
import type { Warehouse } from '../warehouse';
import type { SalesDateRow } from '../warehouse/sales';
import { openWarehouseWithHealth } from '../sync/warehouseAccess';
import { createConfSettingsStore } from '../settings/confSettingsStore';
import { DEFAULT_SETTINGS, type OrchardSettings } from '../settings/orchardSettings';
import { listenForStop } from './cliSignals';
import { kindNameOf } from '../../shared/salesKindNames';
import { countLabel, plural } from '../sync/wording';

export interface SalesCliOptions {
  client: AscClient;
  warehouse: Warehouse;
  settings: SettingsStore<Record<string, unknown>>;
  /** The key's team; undefined for an Individual key. */
  issuerId: string | undefined;
  vendor?: string;
  finance: boolean;
  signal: AbortSignal;
  logger: Logger;
  write: (line: string) => void;
}

/** The vendor number from the flag (remembered for the team) or from the app's settings. */
function vendorFor(options: Pick<SalesCliOptions, 'settings' | 'issuerId' | 'vendor'>): string {
  if (options.issuerId === undefined) {
    throw new OrchardError('UNSUPPORTED', 'Sales and finance reports need a Team key: Apple does not let Individual keys read them.');
  }
  const settings = createSalesSettings(options.settings);
  if (options.vendor !== undefined) {
    if (!VENDOR_NUMBER_PATTERN.test(options.vendor)) throw new OrchardError('BAD_INPUT', '--vendor takes the 6 to 12 digit vendor number.');
    const team = settings.team(options.issuerId);
    settings.saveTeam(options.issuerId, { finance: 'unknown', ...team, vendorNumber: options.vendor });
    return options.vendor;
  }
  const stored = settings.team(options.issuerId)?.vendorNumber;
  if (stored === undefined) {
    throw new OrchardError('BAD_INPUT', 'Give --vendor <number>: find it in App Store Connect → Payments and Financial Reports, under your team name.');
  }
  return stored;
}

export async function runSalesSync(options: SalesCliOptions): Promise<number> {
  const vendorNumber = vendorFor(options);
  const settings = createSalesSettings(options.settings);
  const stored = settings.read();
  const versions = createVersionBook({ overrides: stored.versionOverrides, learned: stored.learnedVersions, saveLearned: settings.saveLearned });
  let last = 0;
  // As for `orchard sync`: people want one line a second, tests and log-scrapers may want every event.
  const interval = Number(process.env.ORCHARD_PROGRESS_INTERVAL_MS ?? 1000);
  const result = await syncMoney(
    { client: options.client, store: options.warehouse.sales, versions, dataDir: options.warehouse.dataDir, now: () => new Date(), logger: options.logger },
    {
      vendorNumber, kinds: keptKinds(settings.team(options.issuerId ?? '')), finance: options.finance, signal: options.signal,
      onProgress: (p) => {
        if (p.done !== p.total && Date.now() - last < interval) return;
        last = Date.now();
        options.write(`[sales] ${kindNameOf(p.kind)} ${countLabel(p.done)}/${plural(p.total, 'date')} · ${countLabel(p.outcomes.loaded)} loaded, ${countLabel(p.outcomes['no-sales'])} no sales, ${countLabel(p.outcomes['not-yet'])} not yet, ${countLabel(p.outcomes.gone)} past retention, ${countLabel(p.outcomes.error)} failed`);
      },
      onFinanceStart: () => options.write('[finance] fetching fiscal months…'),
    },
  );
  const { outcome, outcomes } = result;
  // Counts what the warehouse holds from this run: a batch a cancel stopped before it loaded is not in them.
  options.write(`Sales sync ${outcome}: ${plural(outcomes.loaded, 'date')} loaded (${plural(result.loadedFiles, 'new or changed file')}), ${countLabel(outcomes['no-sales'])} with no sales, ${countLabel(outcomes['not-yet'])} not published yet, ${countLabel(outcomes.gone)} past retention, ${countLabel(outcomes.error)} failed.`);
  if (result.keptNotLoaded > 0) options.write(`  ${plural(result.keptNotLoaded, 'file')} ${result.keptNotLoaded === 1 ? 'was' : 'were'} fetched and kept but not loaded yet: the next sync loads ${result.keptNotLoaded === 1 ? 'it' : 'them'} without asking Apple again.`);
  for (const e of result.errors) options.write(`  problem: ${e.what}: ${e.message}`);
  return outcome === 'succeeded' ? 0 : outcome === 'cancelled' ? 130 : 1;
}

/** Per report kind: outcome counts, data up to, and the dates still missing (not yet, failed). */
export function salesStatusText(rows: readonly SalesDateRow[]): string {
  if (rows.length === 0) return 'No sales report date asked for yet: run `orchard sync --sales --vendor <number>`.';
  const kinds = new Map<string, SalesDateRow[]>();
  for (const r of rows) {
    const key = salesKindKey({ reportType: r.reportType, reportSubType: r.reportSubType, frequency: r.frequency as 'DAILY' });
    kinds.set(key, [...(kinds.get(key) ?? []), r]);
  }
  const lines: string[] = [];
  const problems = salesProblems(rows);
  for (const [key, list] of kinds) {
    const count = (o: SalesDateOutcome) => list.filter((r) => r.outcome === o).length;
    const upTo = list.filter((r) => r.outcome === 'loaded' || r.outcome === 'no-sales').map((r) => r.reportDate).sort().at(-1);
    const unchecked = problems.filter((p) => p.state === 'unchecked' && key.startsWith(`${p.kind}/`)).length;
    lines.push(`${kindNameOf(key)}: ${count('loaded')} loaded${unchecked ? ` (${unchecked} unchecked)` : ''}, ${count('no-sales')} no sales, ${count('not-yet')} not yet, ${count('gone')} gone, ${count('error')} failed${upTo ? ` · data up to ${upTo}` : ''}`);
    for (const r of list.filter((x) => x.outcome === 'not-yet')) lines.push(`  ${r.reportDate}  not yet${r.detail ? `  (${r.detail.slice(0, 120)})` : ''}`);
    // A failure is shown whole: a damaged local copy says whether Apple can still send it.
    for (const r of list.filter((x) => x.outcome === 'error')) lines.push(`  ${r.reportDate}  failed  ${r.detail ?? ''}`);
  }
  return lines.join('\n');
}

/** `orchard sync --sales`: opens the warehouse, runs the sales (and finance) sync, Ctrl-C aware. */
export async function salesSyncCommand(
  options: Pick<SalesCliOptions, 'client' | 'settings' | 'issuerId' | 'finance' | 'vendor'>,
  deps: { dataDir: string; logger: Logger },
): Promise<number> {
  const { warehouse, health } = await openWarehouseWithHealth({ dataDir: deps.dataDir, logger: deps.logger, damaged: 'report' });
  const stop = listenForStop('the sales sync');
  try {
    if (warehouse.readOnly) throw new OrchardError('READ_ONLY', `${health.message} Nothing was synced.`);
    const code = await runSalesSync({ ...options, warehouse, signal: stop.signal, logger: deps.logger, write: (line) => process.stderr.write(`${line}\n`) });
    return stop.signal.aborted ? stop.exitCode() : code;
  } finally {
    stop.dispose();
    await warehouse.close();
  }
}

/** `orchard status --sales`: every vendor the settings know, with its dates' outcomes. */
export async function salesStatusCommand(deps: { dataDir: string; logger: Logger }): Promise<number> {
  const settings = createSalesSettings(createConfSettingsStore<OrchardSettings>({ dir: deps.dataDir, defaults: DEFAULT_SETTINGS }));
  const vendors = [...new Set(Object.values(settings.read().teams).map((t) => t.vendorNumber))];
  const { warehouse } = await openWarehouseWithHealth({ dataDir: deps.dataDir, logger: deps.logger, damaged: 'report' });
  try {
    if (vendors.length === 0) process.stdout.write(`${salesStatusText([])}\n`);
    for (const vendor of vendors) process.stdout.write(`Vendor ${vendor}\n${salesStatusText(await warehouse.sales.dates(vendor))}\n`);
    return 0;
  } finally {
    await warehouse.close();
  }
}
