// Reads every block of every table of the warehouse (a hash of every column of every row), so a
// damaged block is found before a query or a sync meets it: `orchard verify --warehouse` and the
// check a rebuild makes before it copies the current warehouse.
import { isDamage, duckdbMessage } from '../warehouse/errors';
import { quoteIdent } from '../warehouse/sql';
import { WAREHOUSE_CATALOG, type Warehouse } from '../warehouse';

export interface WarehouseScan {
  tables: number;
  rows: number;
  /** Tables whose blocks failed DuckDB's checksum (or could not be read), with DuckDB's words. */
  damaged: { table: string; message: string }[];
}

export async function scanWarehouse(warehouse: Pick<Warehouse, 'metadata'>, onTable?: (done: number, total: number) => void): Promise<WarehouseScan> {
  const scan: WarehouseScan = { tables: 0, rows: 0, damaged: [] };
  let tables: { schema: string; name: string }[];
  try {
    const listed = await warehouse.metadata.read(`SELECT schema_name AS s, table_name AS t FROM duckdb_tables() WHERE database_name = '${WAREHOUSE_CATALOG}' ORDER BY 1, 2`);
    tables = listed.map((r) => ({ schema: String(r.s), name: String(r.t) }));
  } catch (error) {
    return { ...scan, damaged: [{ table: '(catalog)', message: damageText(error) }] };
  }
  for (const [index, { schema, name }] of tables.entries()) {
    const table = `${quoteIdent(schema)}.${quoteIdent(name)}`;
    try {
      // hash() needs every value, so every data block of every column is read and checksummed.
      const rows = await warehouse.metadata.read(`SELECT COUNT(*) AS n, bit_xor(hash(COLUMNS(*))) FROM ${table}`);
      scan.rows += Number(rows[0]?.n ?? 0);
    } catch (error) {
      if (!isDamage(damageText(error))) throw error;
      scan.damaged.push({ table: `${schema}.${name}`, message: damageText(error) });
    }
    scan.tables += 1;
    onTable?.(index + 1, tables.length);
  }
  return scan;
}

/** DuckDB's own message, kept by the OrchardError that wraps it. */
function damageText(error: unknown): string {
  const details = (error as { details?: { duckdb?: unknown } } | null)?.details;
  return typeof details?.duckdb === 'string' ? details.duckdb : duckdbMessage(error);
}
