// "Your data": CSV and Parquet files imported into the warehouse's `user` schema, to join ad spend
// or targets with Apple's numbers. A file comes from the picker or a drop on the workbench; main
// loads it. Replacing or dropping a table takes a confirmation ticket from main first (and the
// page's own confirmation in browser mode). Tables can be queried or dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import { importFormatOf, proposedTableName, USER_TABLE_PATTERN, type ImportedTable } from '../../../shared/imports';
import { asOrchardError, useClient } from '../../ipc/ClientContext';
import { beginConfirmation } from '../../ipc/confirmations';
import { formatBytes, formatCount } from './cellFormat';
import { sendFile, type SentFile } from './fileUpload';

interface ImportPanelProps {
  /** A file dropped on the workbench; `nonce` tells two drops of the same file apart. */
  incoming: { file: File; nonce: number } | null;
  onIncomingTaken: () => void;
  /** The user schema changed (a table imported, replaced or dropped); `notice` says how. */
  onChange: (notice: string) => void;
  onOpen: (title: string, sql: string) => void;
}

type Step =
  | { step: 'idle' }
  | { step: 'named'; file: File; table: string }
  | { step: 'sending'; file: File; table: string; fraction: number }
  | { step: 'confirm'; file: File; table: string; ticket: string }
  | { step: 'loading'; file: File; table: string };

export function ImportPanel({ incoming, onIncomingTaken, onChange, onOpen }: ImportPanelProps) {
  const client = useClient();
  const picker = useRef<HTMLInputElement>(null);
  const [tables, setTables] = useState<ImportedTable[] | null>(null);
  const [step, setStep] = useState<Step>({ step: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [dropping, setDropping] = useState<{ table: string; ticket: string } | null>(null);

  const reload = useCallback(() => {
    client.invoke('imports:list', {}).then(setTables, (e: unknown) => setError(asOrchardError(e).message));
  }, [client]);
  useEffect(reload, [reload]);

  const choose = useCallback((file: File) => {
    setError(null);
    if (importFormatOf(file.name) === null) {
      setError(`${file.name} is not a CSV or Parquet file (.csv, .tsv, .txt or .parquet).`);
      return;
    }
    setStep({ step: 'named', file, table: proposedTableName(file.name) });
  }, []);

  useEffect(() => {
    if (incoming === null) return;
    choose(incoming.file);
    onIncomingTaken();
  }, [incoming, choose, onIncomingTaken]);

  const finish = async (file: File, table: string, sent: SentFile, ticket: string | undefined) => {
    setStep({ step: 'loading', file, table });
    try {
      const loaded = await sent.finish(ticket !== undefined, ticket);
      setStep({ step: 'idle' });
      onChange(`${ticket !== undefined ? 'Replaced' : 'Imported'} user.${loaded.name}: ${formatCount(loaded.rows)} ${loaded.rows === 1 ? 'row' : 'rows'}.`);
      reload();
    } catch (e) {
      const failure = asOrchardError(e);
      // The table appeared since the list was read: main closed the upload, so confirm and send again.
      if (failure.code === 'CONFLICT' && ticket === undefined) {
        reload();
        confirmReplacing(file, table);
        return;
      }
      // CANCELLED: the user said no in the desktop app's own dialog; nothing changed.
      if (failure.code !== 'CANCELLED') setError(failure.message);
      setStep({ step: 'named', file, table });
    }
  };

  /** Sends the file and loads it; `ticket` (a confirmation for this table) replaces an existing one. */
  const send = async (file: File, table: string, ticket: string | undefined) => {
    const format = importFormatOf(file.name);
    if (format === null) return;
    setError(null);
    setStep({ step: 'sending', file, table, fraction: 0 });
    try {
      const sent = await sendFile(client, { file, table, format, onProgress: (fraction) => setStep({ step: 'sending', file, table, fraction }) });
      await finish(file, table, sent, ticket);
    } catch (e) {
      setError(asOrchardError(e).message);
      setStep({ step: 'named', file, table });
    }
  };

  const confirmReplacing = (file: File, table: string) => {
    beginConfirmation(client, { action: 'imports:replace', table }, {
      runNow: (ticket) => void send(file, table, ticket),
      askUser: (ticket) => setStep({ step: 'confirm', file, table, ticket }),
    }).catch((e: unknown) => {
      setError(asOrchardError(e).message);
      setStep({ step: 'named', file, table });
    });
  };

  const start = (file: File, table: string) => {
    if (tables?.some((t) => t.name === table)) confirmReplacing(file, table);
    else void send(file, table, undefined);
  };

  const askToDrop = (name: string) => {
    setError(null);
    beginConfirmation(client, { action: 'imports:drop', table: name }, {
      runNow: (ticket) => void drop(name, ticket),
      askUser: (ticket) => setDropping({ table: name, ticket }),
    }).catch((e: unknown) => setError(asOrchardError(e).message));
  };

  const drop = async (name: string, confirmation: string) => {
    setDropping(null);
    const dropped = await client.invoke('imports:drop', { table: name, confirmation }).then(
      (reply) => reply.dropped,
      (e: unknown) => {
        const failure = asOrchardError(e);
        if (failure.code !== 'CANCELLED') setError(failure.message);
        return false;
      },
    );
    reload();
    if (dropped) onChange(`Dropped user.${name}.`);
  };

  const busy = step.step === 'sending' || step.step === 'loading';
  const validName = step.step === 'named' && USER_TABLE_PATTERN.test(step.table);

  return (
    <div className="wb-imports">
      <div className="wb-panel-bar">
        <span className="muted">CSV or Parquet → user.*</span>
        <button type="button" className="wb-small" disabled={busy} onClick={() => picker.current?.click()}>
          Import file…
        </button>
        <input
          ref={picker}
          type="file"
          hidden
          aria-label="Choose a CSV or Parquet file to import"
          accept=".csv,.tsv,.txt,.parquet"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) choose(file);
          }}
        />
      </div>
      <p className="wb-note">Or drop a file on the workbench. Files up to 200 MB and 10 million rows; join them with Apple’s numbers in SQL.</p>
      {step.step !== 'idle' && (
        <form
          className="wb-import-form"
          aria-label="Import a file"
          onSubmit={(e) => {
            e.preventDefault();
            if (validName) start(step.file, step.table);
          }}
        >
          <p className="wb-meta">
            {step.file.name} · {formatBytes(step.file.size)}
          </p>
          <label>
            Table name
            <span className="wb-import-name">
              <span className="muted">user.</span>
              <input
                value={step.table}
                disabled={step.step !== 'named'}
                aria-invalid={step.step === 'named' && !validName}
                onChange={(e) => step.step === 'named' && setStep({ ...step, table: e.target.value })}
              />
            </span>
          </label>
          {step.step === 'named' && !validName && <p className="wb-meta wb-failed">A lowercase letter, then lowercase letters, digits or _ (at most 63).</p>}
          {step.step === 'sending' && <p role="status">Sending… {Math.round(step.fraction * 100)}%</p>}
          {step.step === 'loading' && <p role="status">Loading into user.{step.table}…</p>}
          {step.step === 'confirm' && (
            <div role="alertdialog" aria-label={`Replace user.${step.table}?`} className="wb-confirm">
              <p>user.{step.table} already exists. Replace it with this file?</p>
              <button type="button" className="primary wb-small" onClick={() => void send(step.file, step.table, step.ticket)}>
                Replace
              </button>
              <button type="button" className="wb-small" onClick={() => setStep({ step: 'named', file: step.file, table: step.table })}>
                Keep the existing table
              </button>
            </div>
          )}
          {step.step === 'named' && (
            <div className="wb-import-actions">
              <button type="submit" className="primary wb-small" disabled={!validName}>
                Import
              </button>
              <button type="button" className="wb-small" onClick={() => setStep({ step: 'idle' })}>
                Cancel
              </button>
            </div>
          )}
        </form>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      {tables?.length === 0 && step.step === 'idle' && <p className="wb-note">No imported tables yet.</p>}
      <ul className="wb-entries" aria-label="Imported tables">
        {tables?.map((table) => (
          <li key={table.name} className="wb-saved-item">
            <button type="button" className="wb-entry" aria-label={`Query user.${table.name}`} onClick={() => onOpen(table.name, `SELECT * FROM user.${table.name} LIMIT 100;`)}>
              <span>user.{table.name}</span>
              <span className="wb-meta">
                {formatCount(table.rows)} rows · {table.columns} columns
              </span>
            </button>
            {dropping?.table === table.name ? (
              <button type="button" className="wb-small" aria-label={`Confirm dropping user.${table.name}`} onClick={() => void drop(table.name, dropping.ticket)}>
                Drop it
              </button>
            ) : (
              <button type="button" className="wb-small" aria-label={`Drop user.${table.name}`} onClick={() => askToDrop(table.name)}>
                Drop…
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
