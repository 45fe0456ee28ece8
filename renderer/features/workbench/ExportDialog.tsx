// Exports the whole result (not the visible rows) to CSV or Parquet with progress and Cancel.
// The renderer proposes only a file NAME: in the desktop app main then opens the native save
// dialog; in browser mode main writes into Orchard's exports folder and hands back a one-time
// download link, which this dialog follows so the browser saves the file.
import { useEffect, useRef, useState } from 'react';
import { EXPORT_FORMATS, SAFE_NAME, type ExportDone, type ExportFormat, type ExportPlan, type ExportProgress, type SortOrder } from '../../../shared/workbench';
import { asOrchardError, useClient } from '../../ipc/ClientContext';
import { formatBytes, formatCount } from './cellFormat';

interface ExportDialogProps {
  resultId: string;
  name: string;
  orderBy: SortOrder | null;
  totalRows: number;
  onClose: () => void;
}

/** A file name main accepts, made from the tab's title. */
export function exportName(title: string): string {
  const cleaned = title.replace(/[^\p{L}\p{N} _.()-]+/gu, '_').replace(/^[^\p{L}\p{N}]+/u, '').slice(0, 100).trim();
  return SAFE_NAME.test(cleaned) ? cleaned : 'result';
}

const EXTENSIONS: Record<ExportFormat, string> = { csv: '.csv', parquet: '.parquet' };
const PHASES: Record<ExportProgress['phase'], string> = { writing: 'Writing', converting: 'Converting', moving: 'Moving into place' };

/** Lets the browser save the finished file: a same-origin link to the one-time download URL. */
function startDownload(done: ExportDone): void {
  if (!done.download) return;
  const link = document.createElement('a');
  link.href = done.download.url;
  link.download = done.fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

export function ExportDialog({ resultId, name, orderBy, totalRows, onClose }: ExportDialogProps) {
  const client = useClient();
  // CSV opens anywhere (a spreadsheet, a text editor); Parquet is one click away for tools that read it.
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [fileName, setFileName] = useState('');
  const [plan, setPlan] = useState<ExportPlan | null>(null);
  const [edited, setEdited] = useState(false);
  const [exportId, setExportId] = useState<string | null>(null);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [done, setDone] = useState<ExportDone | null>(null);
  const [error, setError] = useState<string | null>(null);
  const nameInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let live = true;
    client.invoke('query:exportTarget', { name: exportName(name), format }).then(
      (target) => {
        if (!live) return;
        setPlan(target);
        if (!edited) setFileName(target.fileName);
      },
      () => undefined,
    );
    if (edited) setFileName((current) => current.replace(/\.(csv|parquet)$/i, EXTENSIONS[format]));
    return () => {
      live = false;
    };
    // Only a format change re-derives the name; typing in the field sets `edited`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, format, name]);

  useEffect(() => client.on('query:exportProgress', (p) => p.exportId === exportId && setProgress(p)), [client, exportId]);

  useEffect(() => {
    nameInput.current?.focus();
  }, []);

  const start = async () => {
    const id = crypto.randomUUID();
    setExportId(id);
    setProgress(null);
    setDone(null);
    setError(null);
    try {
      const result = await client.invoke('query:export', { exportId: id, resultId, format, fileName, ...(orderBy ? { orderBy } : {}) });
      setDone(result);
      startDownload(result);
    } catch (e) {
      const failure = asOrchardError(e);
      // A cancelled save dialog explains itself; Cancel export gets the short wording.
      setError(failure.code === 'CANCELLED' && failure.message.startsWith('Stopped') ? 'Export cancelled; no file was written.' : failure.message);
    } finally {
      setExportId(null);
    }
  };

  const running = exportId !== null;
  const written = progress?.rowsWritten ?? 0;
  return (
    <div
      className="wb-dialog"
      role="dialog"
      aria-labelledby="wb-export-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !running) {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <h2 id="wb-export-title">Export the whole result</h2>
      <p className="muted">
        {formatCount(totalRows)} rows{orderBy ? `, sorted by ${orderBy.column}${orderBy.desc ? ' (descending)' : ''}` : ''}.
      </p>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!running) void start();
        }}
      >
        <fieldset className="wb-formats" disabled={running}>
          <legend>Format</legend>
          {EXPORT_FORMATS.map((f) => (
            <label key={f} className="check">
              <input type="radio" name="wb-export-format" value={f} checked={format === f} onChange={() => setFormat(f)} />
              {f === 'csv' ? 'CSV' : 'Parquet'}
            </label>
          ))}
        </fieldset>
        <label>
          File name
          <input
            ref={nameInput}
            value={fileName}
            disabled={running}
            spellCheck={false}
            onChange={(e) => {
              setEdited(true);
              setFileName(e.target.value);
            }}
          />
        </label>
        <p className="muted">
          {plan?.delivery === 'save-dialog'
            ? 'Next you choose where to save it.'
            : 'Orchard writes it to the exports folder in its data folder, then your browser downloads it.'}
        </p>
        <div className="wb-dialog-actions">
          {running ? (
            <button type="button" onClick={() => exportId && void client.invoke('query:cancelExport', { exportId })}>
              Cancel export
            </button>
          ) : (
            <button type="submit" className="primary" disabled={fileName.trim() === ''}>
              Export
            </button>
          )}
          <button type="button" onClick={onClose} disabled={running}>
            Close
          </button>
        </div>
      </form>
      {running && (
        <div className="progress">
          <div className="progress-label">
            <span>{progress ? PHASES[progress.phase] : 'Starting'}…</span>
            <span>
              {formatCount(written)} of {formatCount(totalRows)} rows
            </span>
          </div>
          <progress aria-label="Export progress" max={Math.max(1, totalRows)} value={written} />
        </div>
      )}
      {done && (
        <p role="status" className="ok">
          Exported {formatCount(done.rows)} rows ({formatBytes(done.bytes)}) to <code>{done.path}</code>
          {done.download ? <>; your browser downloads it as <code>{done.fileName}</code>.</> : null}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
