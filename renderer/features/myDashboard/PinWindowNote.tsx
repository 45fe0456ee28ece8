// The dates a pinned query's `:from`/`:to` became, said as the built-in tiles say them: "28 days to
// Dec 5, 2025 · Data up to Dec 5, 2025", and the app that holds a "last N" range back.
import type { PinWindow } from '../../../shared/pins';
import { windowText } from '../dashboards/windowText';
import { formatDay } from '../sync/format';

export function PinWindowNote({ placed }: { placed: PinWindow }) {
  return (
    <div className="pin-window">
      <p className="muted pin-note" data-testid="pin-window">
        {windowText(placed)}
        {placed.dataUpTo ? <> · Data up to {formatDay(placed.dataUpTo)}</> : null}
      </p>
      {placed.notes.map((note) => <p key={note} className="muted pin-note" role="note">{note}</p>)}
    </div>
  );
}
