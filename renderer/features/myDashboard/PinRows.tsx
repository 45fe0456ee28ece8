// A tile's rows as a plain table behind a disclosure: the numbers the chart is drawn from.
import type { PinRunResult } from '../../../shared/pins';
import type { CellValue } from '../../../shared/workbench';

/** Rows shown in the tile; the whole result opens in the workbench. */
const SHOWN_ROWS = 200;

function cell(value: CellValue): string {
  if (value === null) return 'NULL';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function PinRows({ result, title }: { result: PinRunResult; title: string }) {
  const shown = result.rows.slice(0, SHOWN_ROWS);
  return (
    <details className="pin-rows">
      <summary>
        Rows ({result.totalRows.toLocaleString('en-US')}
        {result.totalRows > shown.length ? `, first ${shown.length} shown` : ''})
      </summary>
      <div className="pin-rows-scroll">
        <table className="table" aria-label={`Rows of ${title}`}>
          <thead>
            <tr>
              {result.columns.map((c) => (
                <th key={c.name} scope="col">{c.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row, i) => (
              <tr key={i}>
                {row.map((value, j) => (
                  <td key={j}>{cell(value)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
