// The Insights dashboards' own read connections: one for tiles, one for the small lookups beside
// them (which columns exist, how fresh the data is), so a page's first tile does not wait for
// those. A tile never queues behind a workbench query, a metadata read or a sync's writes (DuckDB
// reads a committed snapshot), and interrupting a cancelled tile (connection.interrupt() stops
// whatever runs on the connection) can only ever hit another tile.
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryFailed } from './errors';
import type { ConnectionLane } from './lane';
import type { InsightsReader, InsightsRows } from './types';

function readOn(connection: DuckDBConnection): (sql: string) => Promise<InsightsRows> {
  return async (sql) => {
    try {
      const reader = await connection.runAndReadAll(sql);
      return { columns: reader.columnNames(), rows: reader.getRowsJson() as InsightsRows['rows'] };
    } catch (error) {
      throw queryFailed(error, sql);
    }
  };
}

export function createInsightsReader(tiles: ConnectionLane, lookups: ConnectionLane): InsightsReader {
  return {
    session: (task, signal) => tiles.run((connection) => task(readOn(connection)), signal),
    lookup: (sql) => lookups.run((connection) => readOn(connection)(sql)),
  };
}
