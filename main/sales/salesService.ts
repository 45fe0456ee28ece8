// Sales and Trends for the IPC layer: the team's vendor number (asked once, checked with Apple),
// the kinds kept, status and per-date outcomes, and sync jobs with progress and summary events.

import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { OrchardError } from '../../shared/errors';
import { salesKindKey, VENDOR_NUMBER_PATTERN, type SalesDateView, type SalesProgress, type SalesReportKind, type SalesRunProgress, type SalesStatus, type SalesSummary, type SalesTotals } from '../../shared/sales';
import type { KeyInfo } from '../../shared/keys';
import type { KeyService } from '../credentials';
import type { Logger } from '../logging/logger';
import type { AscSession } from '../session/ascSession';
import { createJobRegistry } from '../sync/jobRegistry';
import type { Warehouse } from '../warehouse';
import { pacificToday } from './salesDates';
import { allKinds, keptKinds, type SalesSettingsStore } from './salesSettings';
import { syncMoney } from './moneySync';
import { createVersionBook } from './salesVersions';
import { salesProblems } from './salesProblems';
import { checkVendorNumber } from './vendorCheck';

export interface SalesServiceDeps {
  warehouse: Pick<Warehouse, 'sales'>;
  session: AscSession;
  keys: Pick<KeyService, 'list'>;
  settings: SalesSettingsStore;
  dataDir: string;
  now: () => Date;
  logger: Logger;
  onProgress: (p: SalesProgress) => void;
  onFinished: (s: SalesSummary) => void;
}

export interface SalesService {
  status(keyId?: string): Promise<SalesStatus>;
  setVendor(input: { keyId?: string; vendorNumber: string }): Promise<SalesStatus>;
  setKept(input: { keyId?: string; kinds: string[] }): Promise<SalesStatus>;
  start(input: { keyId?: string; finance?: boolean }): Promise<{ jobId: string; done: Promise<SalesSummary> }>;
  cancel(jobId: string): boolean;
  dates(input: { keyId?: string; kind: SalesReportKind }): Promise<SalesDateView[]>;
  /** Replaces the rates of `source` with the CSV's rows (checked); the file main loads them from is deleted after. */
  importFxRates(input: { csv: string; source: string }): Promise<{ rows: number }>;
  setReportingCurrency(currency: string): Promise<void>;
  /** Money per currency over the last `days` days Apple has published (ending at the newest one), with the days still missing named. */
  totals(input: { keyId?: string; days: number; appId?: string }): Promise<SalesTotals>;
  close(): Promise<void>;
}

/** User-supplied files (rates, imported tables) live here, inside the data folder. */
export const IMPORTS_FOLDER = 'imports';

const zero = () => ({ 'loaded': 0, 'no-sales': 0, 'not-yet': 0, 'gone': 0, 'error': 0 });

export function createSalesService(deps: SalesServiceDeps): SalesService {
  const jobs = createJobRegistry();

  /** The key's team: sales belong to a team (vendor), and an Individual key cannot read them. */
  const teamKey = async (keyId?: string): Promise<KeyInfo & { issuerId: string }> => {
    const keys = await deps.keys.list();
    const key = keyId === undefined ? keys.find((k) => k.isDefault) ?? keys[0] : keys.find((k) => k.keyId === keyId);
    if (key === undefined) throw new OrchardError('NOT_FOUND', 'Add an App Store Connect API key first.');
    if (key.keyType === 'individual' || key.issuerId === undefined) {
      throw new OrchardError('UNSUPPORTED', 'Sales and finance reports need a Team key: Apple does not let Individual keys read them. Create a Team key with the Sales and Reports (or Finance, or Admin) role in App Store Connect → Users and Access → Integrations.');
    }
    return { ...key, issuerId: key.issuerId };
  };

  const vendorOf = async (keyId?: string) => {
    const key = await teamKey(keyId);
    const team = deps.settings.team(key.issuerId);
    if (team === undefined) throw new OrchardError('BAD_INPUT', 'Enter your vendor number first (App Store Connect → Payments and Financial Reports).');
    return { key, team };
  };

  const status = async (keyId?: string): Promise<SalesStatus> => {
    const key = await teamKey(keyId);
    const team = deps.settings.team(key.issuerId);
    const kept = new Set(keptKinds(team).map(salesKindKey));
    const rows = team ? await deps.warehouse.sales.dates(team.vendorNumber) : [];
    const running = jobs.running().find((j) => j.appId === key.issuerId);
    return {
      issuerId: key.issuerId, keyLabel: key.label, individual: false, finance: team?.finance ?? 'unknown',
      ...(team ? { vendorNumber: team.vendorNumber } : {}),
      ...(running ? { running: { jobId: running.id } } : {}),
      kinds: allKinds().map((kind) => {
        const mine = rows.filter((r) => r.reportType === kind.reportType && r.reportSubType === kind.reportSubType && r.frequency === kind.frequency);
        const outcomes = zero();
        for (const r of mine) outcomes[r.outcome] += 1;
        const settled = mine.filter((r) => r.outcome === 'loaded' || r.outcome === 'no-sales').map((r) => r.reportDate).sort();
        return { kind, kept: kept.has(salesKindKey(kind)), outcomes, ...(settled.length ? { dataUpTo: settled[settled.length - 1] } : {}) };
      }),
      problems: salesProblems(rows),
    };
  };

  return {
    status,
    async setVendor({ keyId, vendorNumber }) {
      if (!VENDOR_NUMBER_PATTERN.test(vendorNumber)) throw new OrchardError('BAD_INPUT', 'A vendor number is 6 to 12 digits, e.g. 85012345.');
      const key = await teamKey(keyId);
      const { client } = await deps.session.clientFor(key.keyId);
      const { finance } = await checkVendorNumber(client, vendorNumber, deps.now());
      const previous = deps.settings.team(key.issuerId);
      deps.settings.saveTeam(key.issuerId, { ...previous, vendorNumber, finance, checkedAt: deps.now().toISOString() });
      return status(key.keyId);
    },
    async setKept({ keyId, kinds }) {
      const valid = new Set(allKinds().map(salesKindKey));
      const unknown = kinds.filter((k) => !valid.has(k));
      if (unknown.length) throw new OrchardError('BAD_INPUT', `Unknown report kinds: ${unknown.join(', ')}.`);
      const { key, team } = await vendorOf(keyId);
      deps.settings.saveTeam(key.issuerId, { ...team, kept: kinds });
      return status(key.keyId);
    },
    async start({ keyId, finance }) {
      const { key, team } = await vendorOf(keyId);
      const { client } = await deps.session.clientFor(key.keyId);
      const stored = deps.settings.read();
      const versions = createVersionBook({ overrides: stored.versionOverrides, learned: stored.learnedVersions, saveLearned: deps.settings.saveLearned });
      const runJob = async (jobId: string, signal: AbortSignal): Promise<SalesSummary> => {
        // The run's bar as Sales left it: Finance's phase shows it full rather than starting over.
        let overall: SalesRunProgress = { done: 0, total: 0, outcomes: zero() };
        const result = await syncMoney(
          { client, store: deps.warehouse.sales, versions, dataDir: deps.dataDir, now: deps.now, logger: deps.logger },
          {
            vendorNumber: team.vendorNumber, kinds: keptKinds(team), finance: finance === true && team.finance !== 'forbidden', signal,
            onProgress: (p) => {
              overall = p.overall;
              deps.onProgress({ jobId, ...p });
            },
            onFinanceStart: () => deps.onProgress({ jobId, kind: 'FINANCE', done: 0, total: 0, outcomes: zero(), overall }),
          },
        );
        return { jobId, vendorNumber: team.vendorNumber, ...result };
      };
      let resolveDone!: (s: SalesSummary) => void;
      const done = new Promise<SalesSummary>((r) => (resolveDone = r));
      const job = jobs.start(key.issuerId, async ({ id, signal }) => {
        const summary = await runJob(id, signal).catch((error: unknown): SalesSummary => {
          const e = error instanceof OrchardError ? error : new OrchardError('INTERNAL', String(error));
          return { jobId: id, vendorNumber: team.vendorNumber, outcome: signal.aborted ? 'cancelled' : 'failed', outcomes: zero(), loadedFiles: 0, errors: [{ what: 'sync', message: e.message }] };
        });
        deps.logger.info('sales.finished', { outcome: summary.outcome, files: summary.loadedFiles });
        deps.onFinished(summary);
        resolveDone(summary);
      });
      return { jobId: job.id, done };
    },
    cancel: (jobId) => jobs.cancel(jobId),
    async dates({ keyId, kind }) {
      const { team } = await vendorOf(keyId);
      const rows = await deps.warehouse.sales.dates(team.vendorNumber);
      return rows
        .filter((r) => r.reportType === kind.reportType && r.reportSubType === kind.reportSubType && r.frequency === kind.frequency)
        .map((r) => ({ reportDate: r.reportDate, outcome: r.outcome, rows: r.rowCount, detail: r.detail, attempts: r.attempts }));
    },
    async importFxRates({ csv, source }) {
      // Main picks the path: nothing the renderer sends becomes part of it.
      const folder = path.join(deps.dataDir, IMPORTS_FOLDER);
      await mkdir(folder, { recursive: true });
      const filePath = path.join(folder, `fx-rates-${deps.now().toISOString().replace(/[:.]/g, '-')}.csv`);
      await writeFile(filePath, csv, 'utf8');
      // The rows live on in the warehouse; the file only feeds DuckDB's read_csv, and SQL must not find it (sqlPaths.ts).
      try {
        return await deps.warehouse.sales.importFxRates(filePath, source);
      } finally {
        await rm(filePath, { force: true });
      }
    },
    setReportingCurrency: (currency) => deps.warehouse.sales.setReportingCurrency(currency),
    async totals({ keyId, days, appId }) {
      const { team } = await vendorOf(keyId);
      // The window is taken from the data (its newest published day), not from the calendar.
      const today = new Date(pacificToday(deps.now())).toISOString().slice(0, 10);
      return deps.warehouse.sales.totals(team.vendorNumber, { days, today, ...(appId ? { appId } : {}) });
    },
    close: () => jobs.cancelAll(),
  };
}
