// Settings › Lake folder: where Orchard publishes the warehouse as a Parquet lake, Publish now with
// its progress and Cancel, and how the last publish ended. The folder is chosen by main (a native
// dialog); this screen never sends a path.
import { useCallback, useEffect, useState } from 'react';
import type { OrchardError } from '../../../shared/errors';
import type { LakeStatus } from '../../../shared/ipc/lakeCommands';
import { asOrchardError, useClient } from '../../ipc/ClientContext';
import { ProgressBar } from '../sync/ProgressBar';
import { lastPublishLine, progressDetail, progressValue } from './lakeSettingsText';

const CHOOSER_NOTE = {
  dialog: null,
  environment: 'There is no folder dialog in the browser: Choose folder uses the folder Orchard was started with (ORCHARD_LAKE_DIR).',
  none: 'There is no folder dialog in the browser: start Orchard with ORCHARD_LAKE_DIR set to the lake folder, or use the desktop app.',
} as const;

export function LakeSettings({ onError }: { onError: (e: OrchardError) => void }) {
  const client = useClient();
  const [status, setStatus] = useState<LakeStatus | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const reload = useCallback(() => {
    client.invoke('lake:status', {}).then(setStatus, (e: unknown) => onError(asOrchardError(e)));
  }, [client, onError]);

  useEffect(() => {
    reload();
    const offProgress = client.on('lake:progress', (running) => setStatus((s) => (s ? { ...s, running } : s)));
    const offFinished = client.on('lake:finished', reload);
    return () => {
      offProgress();
      offFinished();
    };
  }, [client, reload]);

  const act = async (work: () => Promise<LakeStatus | undefined>) => {
    setBusy(true);
    try {
      const next = await work();
      if (next) setStatus(next);
    } catch (e) {
      onError(asOrchardError(e));
    } finally {
      setBusy(false);
    }
  };
  const publish = () => act(async () => {
    await client.invoke('lake:publish', {});
    return client.invoke('lake:status', {});
  });

  if (!status) return null;
  if (status.unavailable) {
    return (
      <fieldset className="card" aria-label="Lake folder">
        <legend>Lake folder</legend>
        <p className="muted">Publishing is off while Orchard shows a published lake. {status.unavailable}</p>
      </fieldset>
    );
  }
  const { running, last, folder } = status;
  const note = CHOOSER_NOTE[status.chooser];
  return (
    <fieldset className="card" aria-label="Lake folder" data-state={running ? 'publishing' : 'idle'}>
      <legend>Lake folder</legend>
      <p className="muted">
        Publishes the warehouse as a Parquet lake (Hive-partitioned files DuckDB, Polars, Spark, BigQuery and others read) into a
        folder your team shares, after every successful sync. Each publish writes only what changed and never leaves a half-written lake.
      </p>
      <p>{folder ? <code aria-label="Lake folder path">{folder}</code> : 'Not publishing: no lake folder chosen.'}</p>
      <div className="button-row">
        <button type="button" disabled={busy || running !== null || status.chooser === 'none'} aria-describedby={note ? 'lake-chooser-note' : undefined}
          onClick={() => void act(() => client.invoke('lake:chooseFolder', {}))}>
          {folder ? 'Choose another folder…' : 'Choose folder…'}
        </button>
        {folder && (
          <button type="button" disabled={busy || running !== null} onClick={() => void act(() => client.invoke('lake:clearFolder', {}))}>
            Stop publishing
          </button>
        )}
        {folder && !running && <button type="button" disabled={busy} onClick={() => void publish()}>Publish now</button>}
        {running && (
          <button type="button" onClick={() => client.invoke('lake:cancel', { jobId: running.jobId }).catch((e: unknown) => onError(asOrchardError(e)))}>
            Cancel
          </button>
        )}
      </div>
      {note && <p id="lake-chooser-note" className="muted">{note}</p>}
      {running && (
        <ProgressBar label="Publishing the lake" value={progressValue(running)} detail={progressDetail(running)}
          state={running.phase === 'waiting' ? 'waiting' : 'active'} />
      )}
      {last && !running && (
        <p role="status" aria-label="Last publish" className={last.outcome === 'failed' ? 'error' : 'muted'} data-outcome={last.outcome}>
          {lastPublishLine(last)}
        </p>
      )}
    </fieldset>
  );
}
