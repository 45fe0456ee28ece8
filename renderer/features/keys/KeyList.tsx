// The stored API keys with their last test result, and the actions on each.
import { useState } from 'react';
import type { ConnectionResult, KeyInfo } from '../../../shared/keys';
import { asOrchardError, useClient } from '../../ipc/ClientContext';
import { beginConfirmation } from '../../ipc/confirmations';
import { connectionText } from './connectionText';

export function KeyList({ keys, onChange, results, onResult }: {
  keys: KeyInfo[];
  onChange: (keys: KeyInfo[]) => void;
  results: Record<string, ConnectionResult>;
  onResult: (keyId: string, r: ConnectionResult) => void;
}) {
  const client = useClient();
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const act = async (keyId: string, action: () => Promise<void>) => {
    setBusy(keyId);
    setMessage(null);
    try {
      await action();
    } catch (err) {
      const failure = asOrchardError(err);
      // CANCELLED: the user said no in the desktop app's own dialog; nothing changed.
      if (failure.code !== 'CANCELLED') setMessage(failure.message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="card">
      <h2>Your keys</h2>
      {message && <p className="error" role="alert">{message}</p>}
      <ul className="key-list" aria-label="API keys">
        {keys.map((key) => {
          const result = results[key.keyId];
          const shown = result ? connectionText(result) : null;
          return (
            <li key={key.keyId} aria-label={`${key.label} (${key.keyId})`}>
              <div className="key-main">
                <strong>{key.label}</strong> <code>{key.keyId}</code>
                {key.isDefault && <span className="badge">Default</span>}
                {key.storage === 'session' && <span className="badge">Session only</span>}
                <div className="muted">
                  {key.keyType === 'team' ? `Team key · issuer ${key.issuerId}` : 'Individual key'}
                  {key.roleHint && ` · ${key.roleHint === 'admin' ? 'Admin' : 'read-only role'}`}
                </div>
                {key.status === 'session-expired' && <div className="error">This session-only key was forgotten when Orchard quit. Add its .p8 again.</div>}
                {shown && <div className={shown.tone === 'ok' ? 'ok' : 'error'} role="status">{shown.text}</div>}
              </div>
              <div className="key-actions">
                <button type="button" disabled={busy !== null} onClick={() => act(key.keyId, async () => onResult(key.keyId, await client.invoke('keys:test', { keyId: key.keyId })))}>
                  {busy === key.keyId ? 'Working…' : 'Test'}
                </button>
                {!key.isDefault && (
                  <button type="button" disabled={busy !== null} onClick={() => act(key.keyId, async () => onChange(await client.invoke('keys:setDefault', { keyId: key.keyId })))}>
                    Make default
                  </button>
                )}
                <button
                  type="button"
                  disabled={busy !== null}
                  onClick={() => {
                    const remove = (confirmation: string) => void act(key.keyId, async () => onChange(await client.invoke('keys:remove', { keyId: key.keyId, confirmation })));
                    beginConfirmation(client, { action: 'keys:remove', keyId: key.keyId }, {
                      runNow: remove,
                      askUser: (ticket) => {
                        if (window.confirm(`Remove key ${key.keyId}? Its private key is deleted from the keychain; the data already downloaded stays.`)) remove(ticket);
                      },
                    }).catch((err: unknown) => setMessage(asOrchardError(err).message));
                  }}
                >
                  Remove
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
