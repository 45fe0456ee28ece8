// Money on the Overview: the selected app's estimated proceeds of the last 30 days from Sales and
// Trends, one figure per currency (never added across currencies), with "data up to". Silent when
// sales are not set up (the Sales section asks for the vendor number).
import { useEffect, useState } from 'react';
import type { SalesTotals } from '../../../shared/sales';
import { useClient } from '../../ipc/ClientContext';
import { money } from '../sales/salesText';

export function MoneyStrip({ appId }: { appId: string }) {
  const client = useClient();
  const [totals, setTotals] = useState<SalesTotals | null>(null);
  useEffect(() => {
    let live = true;
    setTotals(null);
    client.invoke('sales:status', {})
      .then((status) => (status.vendorNumber ? client.invoke('sales:totals', { days: 30, appId }) : null))
      .then((t) => live && setTotals(t), () => undefined);
    return () => {
      live = false;
    };
  }, [client, appId]);
  if (!totals || totals.currencies.length === 0) return null;
  const shown = totals.currencies.slice(0, 4);
  return (
    <div className="summary-item" aria-label="Proceeds, last 30 days">
      <span className="summary-label">Proceeds, last 30 days{totals.dataUpTo ? ` · data up to ${totals.dataUpTo}` : ''}</span>
      <span>
        {shown.map((c) => money(c.proceeds, c.currency)).join(' · ')}
        {totals.currencies.length > shown.length ? ` · +${totals.currencies.length - shown.length} more currencies` : ''}
      </span>
    </div>
  );
}
