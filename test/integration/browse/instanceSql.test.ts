// The SQL an instance opens in the workbench runs on the real warehouse and returns exactly that
// instance's rows; the instance read model agrees with what the sync recorded.
import { afterEach, describe, expect, it } from 'vitest';
import { createInstanceService } from '../../../main/browse/instanceService';
import { createRequestLog } from '../../../main/browse/requestLog';
import { createMemorySettingsStore } from '../../../main/settings/confSettingsStore';
import { DEFAULT_SETTINGS } from '../../../main/settings/orchardSettings';
import { withProvenance } from '../../support/rowProvenance';
import { APP_ID, startSyncHarness, type SyncHarness } from '../sync/syncHarness';

let h: SyncHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('instance SQL', () => {
  it('selects the rows of one instance, as many as the instance loaded', async () => {
    h = await startSyncHarness();
    await h.sync();
    h.fake.clock.advanceDays(5);
    await h.sync({ reportNames: ['App Downloads Standard'] });
    const now = () => h?.fake.clock.now() ?? new Date();
    const instances = createInstanceService({
      metadata: h.warehouse.metadata,
      rows: (sql) => h!.warehouse.metadata.read(sql),
      log: createRequestLog(createMemorySettingsStore(DEFAULT_SETTINGS), now),
      now,
    });
    const list = await instances.list(APP_ID, 'App Downloads Standard');
    expect(list.instances.length).toBeGreaterThan(1);
    expect(list.counts.downloaded).toBe(list.instances.length);
    for (const instance of list.instances.slice(0, 2)) {
      const detail = await instances.detail(APP_ID, instance.instanceId);
      const rows = await h.sql(`SELECT * FROM ${withProvenance(`(${detail.sql})`)}`);
      expect(rows.length).toBe(instance.rowCount);
      expect((await h.sql(detail.sql)).length).toBe(instance.rowCount);
      expect(new Set(rows.map((r) => r._instance_id))).toEqual(new Set([instance.instanceId]));
    }
    await expect(instances.detail(APP_ID, 'no-such-instance')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
