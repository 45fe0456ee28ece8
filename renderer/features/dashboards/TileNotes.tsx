// What a tile says about its own numbers: the dates it covers, how fresh they are, whether recent
// periods may still change (Apple restates), why no change is shown (windows not covered alike),
// how many rows a table holds, and the plain-language remarks main attached.
import type { TileResult } from '../../../shared/dashboards';
import { formatDay } from '../sync/format';
import { windowText } from './windowText';

export function TileNotes({ result }: { result: TileResult }) {
  return (
    <div className="tile-notes">
      <p className="muted" data-testid="tile-window">
        {windowText(result)} · {result.dataUpTo ? <>Data up to {formatDay(result.dataUpTo)}</> : 'No data loaded for this tile yet'}
      </p>
      {result.compareNote && <p className="tile-compare-note" role="note">{result.compareNote}</p>}
      {result.totalRows !== undefined && (
        <p className="muted" data-testid="tile-row-count">
          {result.rows.length.toLocaleString('en-US')} of {result.totalRows.toLocaleString('en-US')} rows{result.totalRows > result.rows.length ? ' (Open in SQL for all of them)' : ''}
        </p>
      )}
      {result.restatingFrom && (
        <p className="tile-restating" role="note">
          Still being restated from {formatDay(result.restatingFrom)}: Apple may revise these {result.granularity === 'DAILY' ? 'days' : 'periods'}.
        </p>
      )}
      {result.notes.length > 0 && (
        <ul className="tile-remarks muted">
          {result.notes.map((note) => <li key={note}>{note}</li>)}
        </ul>
      )}
    </div>
  );
}
