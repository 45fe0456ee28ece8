// Asks once for the team's vendor number (no API can discover it) and says where to find it;
// main checks it with Apple before keeping it.
import { useState } from 'react';
import type { OrchardError } from '../../../shared/errors';
import type { SalesStatus } from '../../../shared/sales';
import { asOrchardError, useClient } from '../../ipc/ClientContext';
import { ErrorState } from '../../components/States';

export function VendorForm({ status, onSaved }: { status: SalesStatus; onSaved: (s: SalesStatus) => void }) {
  const client = useClient();
  const [value, setValue] = useState(status.vendorNumber ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<OrchardError | null>(null);
  const [editing, setEditing] = useState(status.vendorNumber === undefined);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await client.invoke('sales:setVendor', { vendorNumber: value.trim() }));
      setEditing(false);
    } catch (e) {
      setError(asOrchardError(e));
    } finally {
      setBusy(false);
    }
  };
  if (!editing) {
    return (
      <p className="button-row">
        <span>Vendor number <strong>{status.vendorNumber}</strong> (team “{status.keyLabel}”)</span>
        <button type="button" className="link" onClick={() => setEditing(true)}>Change</button>
      </p>
    );
  }
  return (
    <form className="card form" aria-label="Vendor number" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <label htmlFor="vendor-number">Vendor number of the team “{status.keyLabel}”</label>
      <input id="vendor-number" inputMode="numeric" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} placeholder="e.g. 85012345" />
      <p className="muted">
        Find it in App Store Connect → Payments and Financial Reports, at the top left under your team name. Orchard checks it with
        one small request to Apple before keeping it.
      </p>
      {error && <ErrorState error={error} />}
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy || value.trim() === ''}>{busy ? 'Checking with Apple…' : 'Check and save'}</button>
      </div>
    </form>
  );
}
