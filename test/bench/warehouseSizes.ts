// Where a warehouse file's bytes go, for the scale bench: blocks per table (pragma_storage_info),
// blocks no table uses (catalog, row-group pointers, index storage), free blocks (pragma
// database_size), and per column of the largest raw table. A column's bytes are the distance from
// each of its segments to the next segment of the same block (the last one takes the block's tail),
// so the columns add up to the table's blocks exactly, slack included.
import type { DuckDBConnection } from '@duckdb/node-api';
import { PROVENANCE_COLUMNS } from '../../main/warehouse/tableLayout';

export interface ColumnBytes {
  column: string;
  compression: string;
  bytes: number;
}

export interface WarehouseSizes {
  blockSize: number;
  totalBlocks: number;
  freeBlocks: number;
  /** Blocks used but holding no table's column data. */
  otherBlocks: number;
  tables: { name: string; rows: number; blocks: number }[];
  /** The raw table with the most blocks, column by column (largest first). */
  largest: { name: string; columns: ColumnBytes[] } | undefined;
}

const sq = (text: string) => `'${text.replaceAll("'", "''")}'`;

async function rows(connection: DuckDBConnection, sql: string): Promise<unknown[][]> {
  return (await connection.runAndReadAll(sql)).getRowsJson() as unknown[][];
}

export async function measureSizes(connection: DuckDBConnection, catalog: string): Promise<WarehouseSizes> {
  const [size] = await rows(connection, `SELECT block_size, total_blocks, free_blocks FROM pragma_database_size() WHERE database_name = ${sq(catalog)}`);
  const [blockSize, totalBlocks, freeBlocks] = (size ?? []).map(Number) as [number, number, number];
  const tables: WarehouseSizes['tables'] = [];
  const used = new Set<string>();
  for (const [schema, table, estimated] of await rows(connection,
    `SELECT schema_name, table_name, estimated_size FROM duckdb_tables() WHERE database_name = ${sq(catalog)} ORDER BY 1, 2`)) {
    const name = `${String(schema)}.${String(table)}`;
    const blocks = await rows(connection, `SELECT DISTINCT block_id FROM pragma_storage_info(${sq(`${catalog}.${name}`)}) WHERE block_id >= 0`);
    for (const [block] of blocks) used.add(String(block));
    tables.push({ name, rows: Number(estimated), blocks: blocks.length });
  }
  tables.sort((a, b) => b.blocks - a.blocks);
  const biggest = tables.find((t) => t.name.startsWith('raw.'));
  let largest: WarehouseSizes['largest'];
  if (biggest !== undefined) {
    const columns = await rows(connection, `WITH s AS (
        SELECT column_name, compression, block_id, block_offset FROM pragma_storage_info(${sq(`${catalog}.${biggest.name}`)}) WHERE block_id >= 0),
      sized AS (SELECT *, coalesce(lead(block_offset) OVER (PARTITION BY block_id ORDER BY block_offset), ${blockSize}) - block_offset AS bytes FROM s)
      SELECT column_name, string_agg(DISTINCT compression, '+' ORDER BY compression), sum(bytes) FROM sized GROUP BY 1 ORDER BY 3 DESC`);
    largest = { name: biggest.name, columns: columns.map(([column, compression, bytes]) => ({ column: String(column), compression: String(compression), bytes: Number(bytes) })) };
  }
  return { blockSize, totalBlocks, freeBlocks, otherBlocks: totalBlocks - freeBlocks - used.size, tables, largest };
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Lines for the bench's output. */
export function describeSizes(sizes: WarehouseSizes): string[] {
  const block = (n: number) => mb(n * sizes.blockSize);
  const raw = sizes.tables.filter((t) => t.name.startsWith('raw.'));
  const others = sizes.tables.filter((t) => !t.name.startsWith('raw.') && t.blocks > 0);
  const lines = [
    `    blocks: ${sizes.totalBlocks} of ${sizes.blockSize / 1024} KB: raw tables ${block(raw.reduce((n, t) => n + t.blocks, 0))}, ` +
      `other tables ${block(others.reduce((n, t) => n + t.blocks, 0))} (${others.map((t) => `${t.name} ${t.blocks}`).join(', ')}), ` +
      `no table's ${block(sizes.otherBlocks)}, free ${block(sizes.freeBlocks)}`,
  ];
  if (sizes.largest !== undefined) {
    const provenance = new Set(PROVENANCE_COLUMNS.map(([name]) => name));
    const total = sizes.largest.columns.reduce((n, c) => n + c.bytes, 0);
    const share = sizes.largest.columns.filter((c) => provenance.has(c.column)).reduce((n, c) => n + c.bytes, 0);
    lines.push(`    ${sizes.largest.name} ${mb(total)}, of which provenance columns ${mb(share)} (${((100 * share) / total).toFixed(0)}%); ` +
      'per column (a block\'s unused tail counts to its last segment): ' +
      sizes.largest.columns.map((c) => `${c.column} ${mb(c.bytes)} ${c.compression}`).join(', '));
  }
  return lines;
}
