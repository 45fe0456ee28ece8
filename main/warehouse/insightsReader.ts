// The Insights dashboards' own read connection. A tile never queues behind a workbench query, a
// metadata read or a sync's writes (DuckDB reads a committed snapshot), and interrupting a
// cancelled tile (connection.interrupt() stops whatever runs on the connection) can only ever hit
// another insights read.
import { queryFailed } from './errors';
import type { ConnectionLane } from './lane';
import type { InsightsReader, InsightsRows } from './types';

export function createInsightsReader(lane: ConnectionLane): InsightsReader {
  return {
    session(task, signal) {
      return lane.run(async (connection) => {
        const read = async (sql: string): Promise<InsightsRows> => {
          try {
            const reader = await connection.runAndReadAll(sql);
            return { columns: reader.columnNames(), rows: reader.getRowsJson() as InsightsRows['rows'] };
          } catch (error) {
            throw queryFailed(error, sql);
          }
        };
        return task(read);
      }, signal);
    },
  };
}
