// The Instances screen: one report's instances over time, and one instance's segments with the
// SQL that shows its rows in the workbench.
import type { InstanceDetail, InstancesView } from '../../shared/browse';
import { OrchardError } from '../../shared/errors';
import type { MetadataStore } from '../warehouse';
import { quoteIdent, sqlString } from '../warehouse/sql';
import { emptyCounts, instanceRowsSql, toInstanceRow, toInstanceView } from './instancesModel';
import type { RequestLog } from './requestLog';
import { classifyContext } from './reportService';
import type { ReadRows } from './warehouseRows';

export interface InstanceServiceDeps {
  metadata: Pick<MetadataStore, 'listSegments'>;
  rows: ReadRows;
  log: RequestLog;
  now: () => Date;
}

export interface InstanceService {
  list(appId: string, reportName: string): Promise<InstancesView>;
  detail(appId: string, instanceId: string): Promise<InstanceDetail>;
}

export function instanceSql(tableName: string, instanceId: string): string {
  return `SELECT * FROM raw.${quoteIdent(tableName)}
WHERE _segment_key IN (SELECT segment_key FROM orchard.segment_keys WHERE instance_id = ${sqlString(instanceId)}) LIMIT 1000`;
}

export function createInstanceService(deps: InstanceServiceDeps): InstanceService {
  return {
    async list(appId, reportName) {
      const ctx = classifyContext(deps.log, appId, deps.now());
      const instances = (await deps.rows(instanceRowsSql(appId, { reportName }))).map((r) => toInstanceView(toInstanceRow(r), ctx));
      const counts = emptyCounts();
      for (const i of instances) counts[i.state] += 1;
      return { appId, reportName, instances, counts };
    },
    async detail(appId, instanceId) {
      const row = (await deps.rows(instanceRowsSql(appId, { instanceId }))).map(toInstanceRow)[0];
      if (row === undefined) throw new OrchardError('NOT_FOUND', 'Orchard has not listed this instance for this app; sync to refresh the list.');
      const segments = await deps.metadata.listSegments(instanceId);
      return {
        instance: toInstanceView(row, classifyContext(deps.log, appId, deps.now())),
        tableName: row.tableName,
        segments: segments.map((s) => ({
          segmentId: s.segmentId,
          checksum: s.checksum,
          sizeInBytes: s.sizeInBytes,
          state: s.state,
          rowCount: s.rowCount,
          ...(s.ingestedAt ? { ingestedAt: s.ingestedAt } : {}),
          ...(s.error ? { error: s.error } : {}),
        })),
        sql: instanceSql(row.tableName, instanceId),
      };
    },
  };
}
