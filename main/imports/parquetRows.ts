// How many rows a Parquet file will produce, read from its footer alone (Thrift compact protocol),
// so an import can be refused before DuckDB expands a tiny file into millions of rows. The answer is
// the larger of the file's num_rows and the sum of its row groups' num_rows: DuckDB reads row groups,
// so a footer that understates the total cannot slip past.
import type { FileHandle } from 'node:fs/promises';
import { OrchardError } from '../../shared/errors';

/** Footers larger than this are not what a spreadsheet export or ad-spend file holds. */
const MAX_FOOTER_BYTES = 16 * 1024 * 1024;
const MAX_DEPTH = 32;

type Value = bigint | boolean | number | Value[] | Map<number, Value>;

function damaged(): OrchardError {
  return new OrchardError('BAD_INPUT', 'This Parquet file is damaged: its footer cannot be read.');
}

/** A reader over one buffer; every read checks bounds, so a crafted footer can only fail. */
function compactReader(bytes: Buffer) {
  let at = 0;
  const byte = () => {
    if (at >= bytes.length) throw damaged();
    return bytes[at++] as number;
  };
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const b = byte();
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
    }
    throw damaged();
  };
  const zigzag = () => {
    const n = varint();
    return (n >> 1n) ^ -(n & 1n);
  };
  const skip = (count: number) => {
    if (count < 0 || at + count > bytes.length) throw damaged();
    at += count;
  };

  const value = (type: number, depth: number): Value => {
    if (depth > MAX_DEPTH) throw damaged();
    switch (type) {
      case 1:
        return true;
      case 2:
        return false;
      case 3:
        return byte();
      case 4:
      case 5:
      case 6:
        return zigzag();
      case 7:
        skip(8);
        return 0;
      case 8: {
        const length = Number(varint());
        skip(length);
        return length;
      }
      case 9:
      case 10: {
        const header = byte();
        const size = header >> 4 === 15 ? Number(varint()) : header >> 4;
        const elementType = header & 0x0f;
        if (size > bytes.length) throw damaged();
        const items: Value[] = [];
        // Booleans inside a list take a byte each.
        for (let i = 0; i < size; i += 1) items.push(elementType === 1 || elementType === 2 ? byte() === 1 : value(elementType, depth + 1));
        return items;
      }
      case 11: {
        const size = Number(varint());
        if (size === 0) return [];
        const types = byte();
        for (let i = 0; i < size; i += 1) {
          value(types >> 4, depth + 1);
          value(types & 0x0f, depth + 1);
        }
        return [];
      }
      case 12:
        return struct(depth + 1);
      default:
        throw damaged();
    }
  };

  const struct = (depth: number): Map<number, Value> => {
    const fields = new Map<number, Value>();
    let id = 0;
    for (;;) {
      const header = byte();
      if (header === 0) return fields;
      const delta = header >> 4;
      id = delta === 0 ? Number(zigzag()) : id + delta;
      fields.set(id, value(header & 0x0f, depth));
    }
  };

  return { struct: () => struct(0) };
}

const asCount = (value: Value | undefined): bigint => (typeof value === 'bigint' && value > 0n ? value : 0n);

/** Rows the file will produce; throws BAD_INPUT when the footer is missing or unreadable. */
export async function parquetRowCount(file: FileHandle, size: number): Promise<number> {
  if (size < 12) throw damaged();
  const tail = Buffer.alloc(8);
  await file.read(tail, 0, 8, size - 8);
  if (tail.toString('latin1', 4) !== 'PAR1') throw damaged();
  const footerLength = tail.readUInt32LE(0);
  if (footerLength > MAX_FOOTER_BYTES || footerLength > size - 12) throw damaged();
  const footer = Buffer.alloc(footerLength);
  await file.read(footer, 0, footerLength, size - 8 - footerLength);
  const metadata = compactReader(footer).struct();
  const groups = metadata.get(4);
  const inGroups = Array.isArray(groups) ? groups.reduce<bigint>((sum, group) => sum + (group instanceof Map ? asCount(group.get(3)) : 0n), 0n) : 0n;
  const declared = asCount(metadata.get(3));
  const rows = declared > inGroups ? declared : inGroups;
  return rows > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(rows);
}
