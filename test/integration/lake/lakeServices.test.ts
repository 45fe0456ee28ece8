// `npm run web -- --lake` at the service level: the same services over an opened lake answer every
// Insights dashboard tile as they do over the warehouse, report a read-only lake with its publisher,
// and hold no Apple key.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrchardError } from '../../../shared/errors';
import { DASHBOARD_PAGES } from '../../../shared/dashboards';
import type { CommandInput, CommandName, CommandOutput } from '../../../shared/ipc/contract';
import { createMemorySecretStore } from '../../../main/credentials';
import { lakeDescription, openLake, publishLake, type OpenedLake } from '../../../main/lake';
import { silentLogger } from '../../../main/logging/logger';
import { createNodePlatform } from '../../../main/platform/nodePlatform';
import { createServices, type HostExtras, type Services } from '../../../main/services';
import { startLakeHarness, type LakeHarness } from './lakeHarness';

let h: LakeHarness;
let lake: OpenedLake;
const opened: Services[] = [];

beforeAll(async () => {
  h = await startLakeHarness();
  await h.syncAll();
  await publishLake(h.warehouse, h.lakeDir);
  lake = await openLake(h.lakeDir);
}, 300_000);
afterAll(async () => {
  for (const s of opened) await s.close();
  await lake?.close();
  await h?.close();
});

async function services(dataDir: string, host: HostExtras = {}) {
  const s = await createServices(createNodePlatform({ dataDir, logger: silentLogger, appVersion: 'test', secretStore: createMemorySecretStore(), env: {} }), host);
  opened.push(s);
  return async <N extends CommandName>(command: N, input: CommandInput<N>): Promise<CommandOutput<N>> => {
    const envelope = await s.dispatch(command, input, { transport: 'test' });
    if (!envelope.ok) throw OrchardError.fromPayload(envelope.error);
    return envelope.value as CommandOutput<N>;
  };
}

describe('services over a lake', () => {
  it('list the apps the lake holds rows for, without a key', async () => {
    const overLake = await services(lake.warehouse.dataDir, { lake: { warehouse: lake.warehouse, description: lakeDescription(lake) } });
    const list = await overLake('apps:list', {});
    const truth = (await h.sql('SELECT DISTINCT app_id FROM orchard.vintages')).map((r) => String(r.app_id)).sort();
    expect(truth.length).toBeGreaterThan(0);
    expect(list.apps.map((a) => a.id).sort()).toEqual(truth);
    expect(list.keyId).toBe('');
  });

  it('answer every dashboard tile as the warehouse does, read-only and without a key', async () => {
    const overLake = await services(lake.warehouse.dataDir, { lake: { warehouse: lake.warehouse, description: lakeDescription(lake) } });
    const overWarehouse = await services(h.dataDir);
    const pages = await overLake('insights:dashboards', {});
    expect(pages.map((p) => p.id)).toEqual([...DASHBOARD_PAGES]);
    let withRows = 0;
    for (const page of pages) {
      for (const tile of page.tiles) {
        const group = randomUUID();
        const input = (): CommandInput<'insights:tile'> => ({
          requestId: randomUUID(), group, pageId: page.id, tileId: tile.id,
          controls: { apps: 'all', from: '2025-01-20', to: '2025-03-20', granularity: 'DAILY', filters: {}, compare: 'previous', topN: 8 },
        });
        const [a, b] = await Promise.all([overLake('insights:tile', input()), overWarehouse('insights:tile', input())]);
        const seen = (r: typeof a) => ({ columns: r.columns, rows: r.rows, dataUpTo: r.dataUpTo, restatingFrom: r.restatingFrom, notes: r.notes, compareNote: r.compareNote });
        expect(seen(a), `${page.id}/${tile.id}`).toEqual(seen(b));
        if (a.rows.length) withRows += 1;
      }
    }
    expect(withRows).toBeGreaterThan(5);

    const health = await overLake('warehouse:health', {});
    expect(health.state).toBe('readOnly');
    expect(health.message).toMatch(/read-only Parquet lake .* published by .*@.* at \d{4}-\d{2}-\d{2}T/);
    expect(await overLake('keys:list', {})).toEqual([]);
  }, 300_000);
});
