// What a tile says about its own numbers: how fresh they are, whether recent days may still
// change (Apple restates), and the plain-language remarks main attached.
import type { TileResult } from '../../../shared/dashboards';
import { formatDay } from '../sync/format';

export function TileNotes({ result }: { result: TileResult }) {
  return (
    <div className="tile-notes">
      <p className="muted">{result.dataUpTo ? <>Data up to {formatDay(result.dataUpTo)}</> : 'No data loaded for this tile yet'}</p>
      {result.restatingFrom && (
        <p className="tile-restating" role="note">
          Still being restated from {formatDay(result.restatingFrom)}: Apple may revise these days.
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
