// The warehouse's Sales and Trends store: tables, per-date ledger and views, behind one interface
// so the sales sync never touches DuckDB objects. Writes go through the warehouse's writer lane.

import type { ConnectionLane } from '../lane';
import { loadFinanceFile, type FinanceLoadFile } from './financeLoad';
import { loadSalesFiles, type SalesLoadFile, type SalesLoadResult } from './salesLoad';
import { readSalesDates, recordSalesDates, type SalesDateRecord, type SalesDateRow } from './salesLedger';
import { ensureSalesTables } from './salesTables';
import { createSalesViews } from './salesViews';
import { importFxRates, setReportingCurrency } from './fxRates';
import { readSalesTotals, type SalesTotalsWindow } from './salesTotals';
import type { SalesTotals } from '../../../shared/sales';

export type { SalesLoadFile, SalesLoadResult, SalesDateRecord, SalesDateRow, FinanceLoadFile, SalesTotalsWindow };
export { financeHeader } from './financeLoad';

/** The ledger detail of a finance month loaded from a file without `Total_*` trailer lines. */
export const UNCHECKED_FINANCE = 'unchecked: the file has no Total_ trailer lines to add its rows up against';

export interface SalesStore {
  /** Loads files (each replacing its period's rows) and records their dates, in ONE transaction. */
  load(files: readonly SalesLoadFile[], records: readonly SalesDateRecord[], signal?: AbortSignal): Promise<SalesLoadResult[]>;
  /** Records dates that brought no file (no sales, not yet, gone, error). */
  record(records: readonly SalesDateRecord[]): Promise<void>;
  dates(vendorNumber: string): Promise<SalesDateRow[]>;
  /**
   * Money per currency over the last `days` published days (ending at the newest daily report
   * loaded or confirmed a zero), the days in or after them still missing, and the apps to pick from.
   */
  totals(vendorNumber: string, window: SalesTotalsWindow): Promise<SalesTotals>;
  /** Replaces the rates of `source` with a checked CSV file's rows (inside the data folder). */
  importFxRates(filePath: string, source: string): Promise<{ rows: number }>;
  setReportingCurrency(currency: string): Promise<void>;
  /** Loads one finance file and records its month, in one transaction; refused if it disagrees with its trailer. */
  loadFinance(file: FinanceLoadFile, record: SalesDateRecord, signal?: AbortSignal): Promise<{ rows: number; checked: boolean }>;
}

/** Creates the schema (idempotent; not on a read-only warehouse) and returns the store. */
export async function openSalesStore(lanes: { writer: ConnectionLane; reader: ConnectionLane }, options: { readOnly: boolean }): Promise<SalesStore> {
  if (!options.readOnly) {
    await lanes.writer.transaction(async (connection) => {
      await ensureSalesTables(connection);
      await createSalesViews(connection);
    });
  }
  return {
    load(files, records, signal) {
      return lanes.writer.transaction(async (connection) => {
        const results = await loadSalesFiles(connection, files);
        const rowsByPath = new Map(results.map((r) => [r.filePath, r.rows]));
        await recordSalesDates(connection, records.map((r) => {
          const match = files.find((f) => f.reportType === r.reportType && f.frequency === r.frequency && f.periodStart === r.periodStart);
          return match === undefined ? r : { ...r, rowCount: rowsByPath.get(match.filePath) ?? 0 };
        }));
        return results;
      }, signal);
    },
    record(records) {
      return lanes.writer.transaction((connection) => recordSalesDates(connection, records));
    },
    importFxRates(filePath, source) {
      return lanes.writer.transaction((connection) => importFxRates(connection, filePath, source));
    },
    setReportingCurrency(currency) {
      return lanes.writer.transaction((connection) => setReportingCurrency(connection, currency));
    },
    loadFinance(file, record, signal) {
      return lanes.writer.transaction(async (connection) => {
        const loaded = await loadFinanceFile(connection, file);
        // Never silently: a month with no trailer to add up to says so in its ledger row.
        const detail = loaded.checked ? record.detail : [record.detail, UNCHECKED_FINANCE].filter(Boolean).join('; ');
        await recordSalesDates(connection, [{ ...record, rowCount: loaded.rows, ...(detail ? { detail } : {}) }]);
        return loaded;
      }, signal);
    },
    totals(vendorNumber, window) {
      return lanes.reader.run((connection) => readSalesTotals(connection, vendorNumber, window));
    },
    dates(vendorNumber) {
      return lanes.reader.run((connection) => readSalesDates(connection, vendorNumber));
    },
  };
}
