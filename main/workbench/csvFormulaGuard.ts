// Rewrites a CSV file as DuckDB's COPY wrote it (comma, " quotes doubled, \n rows, header first),
// putting a ' before every text cell that starts like a formula (shared/csvSafety.ts). It scans
// bytes: every CSV syntax character is ASCII, so UTF-8 text passes through untouched, and only the
// cells of text columns (and the header's names) are ever changed.
import { createReadStream, createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FORMULA_START_CODES } from '../../shared/csvSafety';

const COMMA = 0x2c;
const QUOTE = 0x22;
const NEWLINE = 0x0a;
const APOSTROPHE = Buffer.from("'");

/**
 * A stream transform for one CSV: `textColumns[i]` says whether column i holds text. The header
 * row's cells are names, so they are all treated as text.
 */
export function createFormulaGuard(textColumns: readonly boolean[], onRow?: (rows: number) => void): Transform {
  const state = { row: 0, column: 0, fieldStart: true, quoted: false, firstInQuotes: false, quoteSeen: false };
  const isText = () => state.row === 0 || textColumns[state.column] === true;

  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const parts: Buffer[] = [];
      let from = 0;
      const insertBefore = (i: number) => {
        parts.push(chunk.subarray(from, i), APOSTROPHE);
        from = i;
      };
      for (let i = 0; i < chunk.length; i += 1) {
        const byte = chunk[i] as number;
        if (state.quoted) {
          if (state.quoteSeen) {
            state.quoteSeen = false;
            // "" inside quotes is a quote character; anything else after a quote ends the quoted part.
            if (byte === QUOTE) continue;
            state.quoted = false;
          } else if (byte === QUOTE) {
            state.quoteSeen = true;
            state.firstInQuotes = false;
            continue;
          } else {
            if (state.firstInQuotes && FORMULA_START_CODES.has(byte) && isText()) insertBefore(i);
            state.firstInQuotes = false;
            continue;
          }
        }
        if (byte === COMMA || byte === NEWLINE) {
          state.column = byte === COMMA ? state.column + 1 : 0;
          if (byte === NEWLINE) {
            state.row += 1;
            if (state.row % 10_000 === 0) onRow?.(state.row - 1);
          }
          state.fieldStart = true;
          continue;
        }
        if (state.fieldStart) {
          state.fieldStart = false;
          if (byte === QUOTE) {
            state.quoted = true;
            state.firstInQuotes = true;
            continue;
          }
          if (FORMULA_START_CODES.has(byte) && isText()) insertBefore(i);
        }
      }
      parts.push(chunk.subarray(from));
      done(null, Buffer.concat(parts));
    },
  });
}

/** Copies `from` to `to` through the guard; `onRow` hears the data rows done every 10,000 rows. */
export async function guardCsvFile(from: string, to: string, textColumns: readonly boolean[], options: { signal: AbortSignal; onRow?: (rows: number) => void }): Promise<void> {
  await pipeline(createReadStream(from), createFormulaGuard(textColumns, options.onRow), createWriteStream(to), { signal: options.signal });
}
