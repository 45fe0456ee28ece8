// The "add an API key" form: pick the AuthKey_<KEYID>.p8 file (or paste it), give the issuer ID
// for a team key, then Orchard validates, stores the key in the keychain and tests it. On success
// the form empties and says where the key is kept; the test result shows in the key list. A key ID
// Orchard already holds is replaced only after a confirmation from main (Apple hands out a .p8 once).
import { useState, type FormEvent } from 'react';
import type { OrchardError } from '../../../shared/errors';
import type { AddKeyResult, SecureStoreStatus } from '../../../shared/keys';
import { asOrchardError, useClient } from '../../ipc/ClientContext';
import { beginConfirmation } from '../../ipc/confirmations';
import { Toast } from '../../components/Toast';

const KEY_FILE_NAME = /^AuthKey_([A-Za-z0-9]+)\.p8$/;

export function AddKeyForm({ store, onAdded }: { store: SecureStoreStatus; onAdded: (r: AddKeyResult) => void }) {
  const client = useClient();
  const [pem, setPem] = useState('');
  const [fileName, setFileName] = useState<string | undefined>();
  const [keyId, setKeyId] = useState('');
  const [issuerId, setIssuerId] = useState('');
  const [individual, setIndividual] = useState(false);
  const [label, setLabel] = useState('');
  const [sessionOnly, setSessionOnly] = useState(!store.available);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<OrchardError | null>(null);
  /** The key ID main said it already holds: offered for replacing, with a confirmation. */
  const [existing, setExisting] = useState<string | null>(null);
  const [stored, setStored] = useState<string | null>(null);
  // The file input cannot be emptied through state: a new key remounts it.
  const [fileInput, setFileInput] = useState(0);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setFileName(file.name);
    setPem(await file.text());
    const fromName = KEY_FILE_NAME.exec(file.name)?.[1];
    if (fromName) setKeyId(fromName.toUpperCase());
  };

  /** `confirmation`: a ticket for replacing the key ID main reported as existing. */
  const add = async (confirmation?: string) => {
    setBusy(true);
    setError(null);
    setExisting(null);
    setStored(null);
    try {
      const result = await client.invoke('keys:add', {
        pem,
        fileName,
        keyId: keyId.trim() || undefined,
        issuerId: individual ? undefined : issuerId.trim(),
        individual,
        label: label.trim() || undefined,
        sessionOnly: sessionOnly || undefined,
        ...(confirmation === undefined ? {} : { replace: true, confirmation }),
      });
      setPem('');
      setFileName(undefined);
      setKeyId('');
      setIssuerId('');
      setLabel('');
      setIndividual(false);
      setFileInput((n) => n + 1);
      setStored(`Key ${result.key.keyId} stored ${result.key.storage === 'session' ? 'for this session only (in memory, forgotten when Orchard quits)' : 'in the system keychain'}; its test result is in the list.`);
      onAdded(result);
    } catch (err) {
      const failure = asOrchardError(err);
      const heldKeyId = failure.details?.keyId;
      if (failure.code === 'CONFLICT' && typeof heldKeyId === 'string') setExisting(heldKeyId);
      // CANCELLED: the user said no in the desktop app's own dialog; nothing changed.
      if (failure.code !== 'CANCELLED') setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void add();
  };

  const replace = (heldKeyId: string) =>
    beginConfirmation(client, { action: 'keys:replace', keyId: heldKeyId }, {
      runNow: (ticket) => void add(ticket),
      askUser: (ticket) => {
        if (window.confirm(`Replace the stored private key of ${heldKeyId}? Without your copy of the old .p8 file it cannot be restored.`)) void add(ticket);
      },
    }).catch((err: unknown) => setError(asOrchardError(err)));

  return (
    <form className="card form" onSubmit={submit} aria-label="Add an API key">
      <h2>Add an API key</h2>
      <p className="muted">
        In App Store Connect, open Users and Access → Integrations → App Store Connect API, create a key (Admin to request
        reports, or Sales and Reports to read them) and download its <code>.p8</code> file.
      </p>
      <label>
        Key file (.p8)
        <input key={fileInput} type="file" accept=".p8,text/plain" onChange={(e) => void onFile(e.target.files?.[0])} />
      </label>
      <label>
        …or paste the key
        <textarea
          rows={3}
          value={pem}
          placeholder="-----BEGIN PRIVATE KEY-----"
          onChange={(e) => {
            setPem(e.target.value);
            setFileName(undefined);
          }}
          spellCheck={false}
          autoComplete="off"
        />
      </label>
      <label>
        Key ID
        <input value={keyId} onChange={(e) => setKeyId(e.target.value)} placeholder="2X9R4HXF34" autoComplete="off" />
      </label>
      <label className="check">
        <input type="checkbox" checked={individual} onChange={(e) => setIndividual(e.target.checked)} />
        Individual key (no issuer ID)
      </label>
      {!individual && (
        <label>
          Issuer ID
          <input value={issuerId} onChange={(e) => setIssuerId(e.target.value)} placeholder="57246542-96fe-1a63-e053-0824d011072a" autoComplete="off" />
        </label>
      )}
      <label>
        Label (optional)
        <input value={label} onChange={(e) => setLabel(e.target.value)} placeholder="My team" />
      </label>
      {!store.available && (
        <div className="notice" role="note">
          <strong>The system keychain is not available.</strong> {store.reason} Orchard will not store a key in plain text.
          You can use this key for this session only: it stays in memory and is forgotten when Orchard quits.
        </div>
      )}
      <label className="check">
        <input type="checkbox" checked={sessionOnly} onChange={(e) => setSessionOnly(e.target.checked)} />
        Session only (keep in memory, never on disk)
      </label>
      {stored && <p><Toast label="Key stored" onDone={() => setStored(null)}>{stored}</Toast></p>}
      {error && (
        <p className="error" role="alert">
          {error.message}
          {existing && (
            <>
              {' '}
              <button type="button" disabled={busy} onClick={() => void replace(existing)}>
                Replace the stored key
              </button>
            </>
          )}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || !pem.trim() || (!store.available && !sessionOnly)}>
        {busy ? 'Adding…' : 'Add key'}
      </button>
    </form>
  );
}
