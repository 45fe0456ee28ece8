// Exports a whole stored result (not the visible page) to CSV or Parquet. DuckDB may only write
// inside the data folder (the warehouse's sandbox), so the file is written under
// `<dataDir>/exports/.partial/` and then moved to the target main chose (exportTarget.ts): an
// interrupted or failed export never leaves a half-written file there. Each export has an ID for
// Cancel, and reports throttled progress.
import { copyFile, mkdir, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { OrchardError } from '../../shared/errors';
import type { ExportDone, ExportFormat, ExportProgress, SortOrder } from '../../shared/workbench';
import type { Logger } from '../logging/logger';
import { EXPORTS_FOLDER, exportFileName, extensionOf, type ExportTarget } from './exportTarget';
import type { ResultCopier } from './resultCopier';
import type { ResultSource } from './queryRuns';

const PROGRESS_EVERY_MS = 200;

export interface ExportRequest {
  exportId: string;
  resultId: string;
  format: ExportFormat;
  /** Proposed by the renderer: a plain name, never a path. */
  fileName: string;
  orderBy?: SortOrder | undefined;
}

export interface ExportServiceDeps {
  dataDir: string;
  copier: ResultCopier;
  sourceOf: (resultId: string) => ResultSource | undefined;
  /** Where the file goes: a native save dialog's choice, or a new file in the exports folder. */
  chooseTarget: (fileName: string, format: ExportFormat) => Promise<ExportTarget>;
  /** Browser mode: how the browser fetches the finished file (a one-time download URL). */
  handOver?: (filePath: string, fileName: string) => NonNullable<ExportDone['download']>;
  onProgress: (progress: ExportProgress) => void;
  logger: Logger;
}

export interface ExportService {
  start(request: ExportRequest): Promise<ExportDone>;
  cancel(exportId: string): boolean;
  cancelAll(): void;
  /** Waits for running exports to stop (after cancelAll, on shutdown). */
  drain(): Promise<void>;
}

/** Same disk: an atomic rename. Another disk: copy beside the target, then rename over it. */
async function moveInto(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const beside = `${to}.orchard-partial`;
    try {
      await copyFile(from, beside);
      await rename(beside, to);
    } finally {
      await unlink(beside).catch(() => undefined);
      await unlink(from).catch(() => undefined);
    }
  }
}

function asExportError(error: unknown): OrchardError {
  if (error instanceof OrchardError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/No space left|ENOSPC|disk is full/i.test(message)) return new OrchardError('DISK_FULL', `The disk is full: ${message}`);
  if (/EACCES|EPERM|read-only/i.test(message)) return new OrchardError('FORBIDDEN', `Orchard may not write there: ${message}`);
  return new OrchardError('INTERNAL', `The export failed: ${message}`);
}

export function createExportService(deps: ExportServiceDeps): ExportService {
  const jobs = new Map<string, { controller: AbortController; done: Promise<unknown> }>();
  const partialDir = path.join(deps.dataDir, EXPORTS_FOLDER, '.partial');

  async function execute(request: ExportRequest, signal: AbortSignal): Promise<ExportDone> {
    const source = deps.sourceOf(request.resultId);
    if (source === undefined) throw new OrchardError('NOT_FOUND', 'This result was released; run the query again before exporting.');
    const fileName = exportFileName(request.fileName, request.format);
    await mkdir(partialDir, { recursive: true });
    const reserved = await deps.chooseTarget(fileName, request.format);
    const target = reserved.path;
    const partial = path.join(partialDir, `${request.exportId}${extensionOf(request.format)}`);
    let last = 0;
    const progress = (phase: ExportProgress['phase'], rowsWritten: number, force = false) => {
      const now = performance.now();
      if (!force && now - last < PROGRESS_EVERY_MS) return;
      last = now;
      deps.onProgress({ exportId: request.exportId, phase, rowsWritten, totalRows: source.totalRows });
    };
    let moved = false;
    try {
      progress('writing', 0, true);
      const { rows } = await deps.copier.copy(
        request.resultId,
        source,
        { filePath: partial, format: request.format, orderBy: request.orderBy },
        { signal, onProgress: (p) => progress(p.phase, p.rowsWritten, p.phase === 'converting') },
      );
      if (signal.aborted) throw new OrchardError('CANCELLED', 'Stopped: the export was cancelled.');
      progress('moving', rows, true);
      await moveInto(partial, target);
      moved = true;
      const { size } = await stat(target);
      deps.logger.info('workbench.exported', { format: request.format, rows, bytes: size, method: deps.copier.method });
      const download = deps.handOver?.(target, path.basename(target));
      return { exportId: request.exportId, path: target, fileName: path.basename(target), rows, bytes: size, method: deps.copier.method, ...(download ? { download } : {}) };
    } finally {
      await rm(partial, { force: true });
      if (!moved) await reserved.abandon();
    }
  }

  return {
    start(request) {
      if (jobs.has(request.exportId)) return Promise.reject(new OrchardError('CONFLICT', 'This export ID is already in use.'));
      const controller = new AbortController();
      const done = execute(request, controller.signal).catch((error: unknown) => {
        throw controller.signal.aborted ? new OrchardError('CANCELLED', 'Stopped: the export was cancelled; no file was written.') : asExportError(error);
      });
      jobs.set(request.exportId, { controller, done: done.catch(() => undefined) });
      void done.finally(() => jobs.delete(request.exportId)).catch(() => undefined);
      return done;
    },
    cancel(exportId) {
      const job = jobs.get(exportId);
      job?.controller.abort();
      return job !== undefined;
    },
    cancelAll() {
      for (const job of jobs.values()) job.controller.abort();
    },
    async drain() {
      await Promise.all([...jobs.values()].map((job) => job.done));
    },
  };
}
