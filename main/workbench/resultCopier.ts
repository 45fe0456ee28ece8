// Writes a stored result to a CSV or Parquet file with DuckDB's own COPY of the warehouse's stored
// result (QueryService.exportResult), into a file inside the data folder; the export service moves
// it to where the user asked.
import type { ExportFormat, QueryColumn, SortOrder } from '../../shared/workbench';
import type { QueryService } from '../warehouse';

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
    copy: (resultId, source, target, { signal, onProgress }) =>
      query.exportResult(resultId, target, {
        signal,
        onProgress: (fraction) => onProgress({ phase: 'writing', rowsWritten: Math.round(fraction * source.totalRows) }),
      }),
  };
}
