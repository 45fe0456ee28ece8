// A tile's rows as a plain table: the "table" chart itself, and, hidden from sight, the data
// behind every drawn chart for screen readers (and for checking the numbers).
import type { TileCell } from '../../../../shared/dashboards';

function cellText(cell: TileCell | undefined): string {
  if (cell === null || cell === undefined) return '—';
  return typeof cell === 'number' ? cell.toLocaleString('en-US', { maximumFractionDigits: 4 }) : cell;
}

export function DataTable({ columns, rows, label, hidden = false }: { columns: readonly string[]; rows: readonly (readonly TileCell[])[]; label: string; hidden?: boolean }) {
  return (
    <div className={hidden ? 'sr-only' : 'tile-table-wrap'}>
      <table className="table tile-table" aria-label={label}>
        <thead>
          <tr>{columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              {columns.map((c, i) => (
                <td key={c} className={typeof row[i] === 'number' ? 'num' : undefined}>{cellText(row[i])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
