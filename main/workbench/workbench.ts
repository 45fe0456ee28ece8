// The SQL workbench's main-side service: query runs over the warehouse's workbench engine, the
// catalogue, chart aggregates, exports, and the user's tabs, history and saved queries on disk.
import path from 'node:path';
import { OrchardError } from '../../shared/errors';
import type { ExportDone, HistoryEntry, QueryPage, QueryResult, QueryRunReply, SavedQueries, SavedQuery, SortOrder, TabsState, WorkbenchCatalogue, ChartData, ExportFormat, ExportPlan, ExportProgress } from '../../shared/workbench';
import type { Logger } from '../logging/logger';
import type { Warehouse } from '../warehouse';
import { createCatalogueService } from './catalogue';
import { loadChart, type ChartRequest } from './chartData';
import { createExportService, type ExportRequest } from './exportService';
import { chooseWithSaveDialog, exportFileName, reserveInExportsFolder } from './exportTarget';
import type { DesktopDialogs } from '../platform/desktopDialogs';
import { downloadUrlFor, type DownloadTickets } from '../security/downloadTickets';
import { createHistoryStore } from './historyStore';
import { createQueryRuns } from './queryRuns';
import { warehouseCopier } from './resultCopier';
import { createSavedQueryStore } from './savedQueries';
import { createTabStore } from './tabStore';

export const WORKBENCH_FOLDER = 'workbench';
export const SAVED_QUERIES_FOLDER = 'queries';

export interface WorkbenchDeps {
  warehouse: Pick<Warehouse, 'query' | 'dataDir'>;
  onExportProgress: (progress: ExportProgress) => void;
  logger: Logger;
  now: () => Date;
  /** How long a run's quick preview may take before the full run takes over. */
  previewBudgetMs?: number;
  /** Desktop app: exports go where the user chose in the native save dialog. */
  dialogs?: DesktopDialogs;
  /** Browser mode: finished exports are offered as one-time downloads over the bridge. */
  downloads?: DownloadTickets;
}

export interface Workbench {
  run(runId: string, sql: string): Promise<QueryRunReply>;
  wait(runId: string): Promise<QueryResult>;
  cancel(runId: string): boolean;
  page(resultId: string, page: { offset: number; limit: number; orderBy?: SortOrder | undefined }): Promise<QueryPage>;
  release(resultId: string): Promise<void>;
  /** `appId`: the selected app, which the example queries filter on. */
  catalogue(appId?: string): Promise<WorkbenchCatalogue>;
  chart(resultId: string, request: ChartRequest): Promise<ChartData>;
  tabs(): Promise<TabsState>;
  saveTabs(state: TabsState): Promise<void>;
  history(options: { search?: string | undefined; limit?: number | undefined }): Promise<HistoryEntry[]>;
  clearHistory(): Promise<void>;
  savedQueries(): Promise<SavedQueries>;
  saveQuery(name: string, sql: string): Promise<SavedQuery>;
  deleteQuery(name: string): Promise<boolean>;
  exportTarget(name: string, format: ExportFormat): ExportPlan;
  exportResult(request: ExportRequest): Promise<ExportDone>;
  cancelExport(exportId: string): boolean;
  /** Cancels runs and exports, waits for them to stop and for history to be written; the warehouse closes after. */
  close(): Promise<void>;
}

export function createWorkbench(deps: WorkbenchDeps): Workbench {
  const { warehouse, logger } = deps;
  const { query, dataDir } = warehouse;
  const folder = path.join(dataDir, WORKBENCH_FOLDER);
  const history = createHistoryStore(folder, logger);
  const runs = createQueryRuns({
    query,
    now: deps.now,
    ...(deps.previewBudgetMs === undefined ? {} : { previewBudgetMs: deps.previewBudgetMs }),
    onFinished: (entry) => {
      history.add(entry).catch((error: unknown) => logger.warn('workbench.history_not_saved', { error: String(error) }));
    },
  });
  const catalogue = createCatalogueService(query);
  const tabs = createTabStore(folder, logger, () => crypto.randomUUID());
  const saved = createSavedQueryStore(path.join(dataDir, SAVED_QUERIES_FOLDER));
  const { dialogs, downloads } = deps;
  const exports = createExportService({
    dataDir,
    copier: warehouseCopier(query),
    sourceOf: runs.sourceOf,
    chooseTarget: (fileName, format) => (dialogs ? chooseWithSaveDialog(dialogs, fileName, format) : reserveInExportsFolder(dataDir, fileName)),
    ...(downloads && !dialogs ? { handOver: (filePath: string, fileName: string) => downloadUrlFor(downloads, { path: filePath, fileName }) } : {}),
    onProgress: deps.onExportProgress,
    logger,
  });

  return {
    run: runs.run,
    wait: runs.wait,
    cancel: runs.cancel,
    page: (resultId, page) => query.fetchPage(resultId, page),
    async release(resultId) {
      runs.forget(resultId);
      await query.releaseResult(resultId);
    },
    catalogue: (appId) => catalogue.load({ appId }),
    chart(resultId, request) {
      const source = runs.sourceOf(resultId);
      if (source === undefined) return Promise.reject(new OrchardError('NOT_FOUND', 'This result was released; run the query again.'));
      return loadChart(query, source, request);
    },
    tabs: () => tabs.load(),
    saveTabs: (state) => tabs.save(state),
    history: (options) => history.list(options),
    clearHistory: () => history.clear(),
    savedQueries: () => saved.list(),
    saveQuery: (name, sql) => saved.save(name, sql),
    deleteQuery: (name) => saved.remove(name),
    exportTarget: (name, format) => ({ fileName: exportFileName(name, format), delivery: dialogs ? 'save-dialog' : 'download' }),
    exportResult: (request) => exports.start(request),
    cancelExport: (exportId) => exports.cancel(exportId),
    async close() {
      runs.cancelAll();
      exports.cancelAll();
      await Promise.all([exports.drain(), runs.drain()]);
      await history.flush();
    },
  };
}
