// Writes a stored result to a CSV or Parquet file with DuckDB's own COPY of the warehouse's stored
// result (QueryService.exportResult), into a file inside the data folder; the export service moves
// it to where the user asked. A CSV then passes the formula guard (csvFormulaGuard.ts): text cells
// that start like a spreadsheet formula get a leading ', numbers stay numbers.
import { rm } from 'node:fs/promises';
import { isTextColumnType } from '../../shared/csvSafety';
import type { ExportFormat, QueryColumn, SortOrder } from '../../shared/workbench';
import type { QueryService } from '../warehouse';
import { guardCsvFile } from './csvFormulaGuard';

export interface CopyTarget {
  /** A path inside the data folder (DuckDB may write nowhere else). */
  filePath: string;
  format: ExportFormat;
  orderBy?: SortOrder | undefined;
}

export interface CopyProgress {
  phase: 'writing' | 'converting';
  rowsWritten: number;
}

export interface CopyOptions {
  signal: AbortSignal;
  onProgress: (progress: CopyProgress) => void;
}

export interface ResultCopier {
  readonly method: 'warehouse-copy';
  copy(resultId: string, source: { columns: QueryColumn[]; totalRows: number }, target: CopyTarget, options: CopyOptions): Promise<{ rows: number }>;
}

export function warehouseCopier(query: QueryService): ResultCopier {
  return {
    method: 'warehouse-copy',
    async copy(resultId, source, target, { signal, onProgress }) {
      const progress = { onProgress: (fraction: number) => onProgress({ phase: 'writing', rowsWritten: Math.round(fraction * source.totalRows) }) };
      if (target.format !== 'csv') return query.exportResult(resultId, target, { signal, ...progress });
      // DuckDB writes the plain CSV beside the target; only the guarded copy ever becomes the export.
      const unguarded = `${target.filePath}.unguarded`;
      try {
        const written = await query.exportResult(resultId, { ...target, filePath: unguarded }, { signal, ...progress });
        await guardCsvFile(unguarded, target.filePath, source.columns.map((c) => isTextColumnType(c.type)), {
          signal,
          onRow: (rows) => onProgress({ phase: 'converting', rowsWritten: rows }),
        });
        return written;
      } finally {
        await rm(unguarded, { force: true });
      }
    },
  };
}
