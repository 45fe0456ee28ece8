// "Pin to My dashboard" in the workbench's chart view: pins the tab's saved query with the chart
// settings in use (kind, x, series, split-by, aggregate, top N). The tile runs the saved file, so
// the query must be saved first; later edits of the file show up on the dashboard.
import { useState } from 'react';
import type { PinChart } from '../../../shared/pins';
import { asOrchardError, useClient } from '../../ipc/ClientContext';
import type { ChartConfig } from '../workbench/chartConfig';
import './myDashboard.css';

export function pinChartOf(config: ChartConfig): PinChart {
  return {
    kind: config.kind,
    x: config.x,
    y: config.y,
    aggregate: config.aggregate,
    ...(config.splitBy ? { splitBy: config.splitBy, topN: config.topN } : {}),
  };
}

export function PinToDashboard({ savedName, config }: { savedName: string | undefined; config: ChartConfig | null }) {
  const client = useClient();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [status, setStatus] = useState('');

  if (config === null) return null;
  const start = () => {
    if (savedName === undefined) {
      setStatus('Save the query first (Ctrl/Cmd+S): a tile runs the saved .sql file.');
      return;
    }
    setTitle(savedName);
    setStatus('');
    setOpen(true);
  };
  const pin = async () => {
    if (savedName === undefined || title.trim() === '') return;
    try {
      const pinned = await client.invoke('pins:add', { queryName: savedName, title: title.trim(), chart: pinChartOf(config) });
      setOpen(false);
      setStatus(`Pinned “${pinned.title}” to My dashboard (Insights).`);
    } catch (e) {
      setStatus(`Not pinned: ${asOrchardError(e).message}`);
    }
  };

  return (
    <>
      {open ? (
        <form
          className="pin-form"
          aria-label="Pin to My dashboard"
          onSubmit={(e) => {
            e.preventDefault();
            void pin();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setOpen(false);
            }
          }}
        >
          <input aria-label="Tile title" value={title} maxLength={120} autoFocus onChange={(e) => setTitle(e.target.value)} />
          <button type="submit" className="wb-small primary" disabled={title.trim() === ''}>
            Pin
          </button>
          <button type="button" className="wb-small" onClick={() => setOpen(false)}>
            Cancel
          </button>
          <span className="wb-note">Runs “{savedName}.sql” as saved.</span>
        </form>
      ) : (
        <button type="button" className="wb-small" onClick={start} title="Show this chart of the saved query on Insights › My dashboard">
          Pin to My dashboard
        </button>
      )}
      {status && (
        <span className="wb-note" role="status">
          {status}
        </span>
      )}
    </>
  );
}
