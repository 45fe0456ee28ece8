// Settings › Lake folder in browser mode, where main has no folder dialog: Choose folder takes the
// folder Orchard was started with (ORCHARD_LAKE_DIR), Publish now shows a success line naming the
// snapshot, a sync publishes again by itself, and Stop publishing turns it off.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readCurrentSnapshot } from '../../main/lake';
import { expect, test as base } from './support/orchardFixture';
import { syncAndWait, syncedExampleApp } from './support/syncedApp';
import { Shell } from './pages/orchardPages';

const REPORTS = ['App Downloads Standard'];

/** The usual per-test Orchard, started as `ORCHARD_LAKE_DIR=<folder> npm run web` would be. */
const test = base.extend<{ lakeDir: string }>({
  lakeDir: async ({}, use) => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'orchard-e2e-lake-'));
    await use(path.join(root, 'team lake'));
    await rm(root, { recursive: true, force: true });
  },
  orchardEnv: async ({ lakeDir }, use) => use({ ORCHARD_LAKE_DIR: lakeDir }),
});

test('Settings › Lake folder: choose, publish now, publish after a sync, stop', async ({ app, orchard, fakeAsc, lakeDir }) => {
  test.setTimeout(240_000);
  await syncedExampleApp(orchard, fakeAsc, REPORTS, 3);
  const shell = new Shell(app);
  await shell.open('Settings');
  const lake = app.getByRole('group', { name: 'Lake folder' });
  await expect(lake).toContainText('Not publishing');
  await expect(lake).toContainText('ORCHARD_LAKE_DIR');

  await lake.getByRole('button', { name: 'Choose folder…' }).click();
  await expect(lake.getByLabel('Lake folder path')).toHaveText(lakeDir);

  await lake.getByRole('button', { name: 'Publish now' }).click();
  const last = lake.getByRole('status', { name: 'Last publish' });
  await expect(last).toContainText(/^Published snapshot 1 on .*: \d+ files? written \(.+\); \d+ tables, [\d,]+ rows\.$/, { timeout: 60_000 });
  await expect(lake).toHaveAttribute('data-state', 'idle');
  expect((await readCurrentSnapshot(lakeDir))?.current.snapshot).toBe(1);

  // A sync with new days publishes again by itself; the screen hears of it.
  fakeAsc.clock.advanceDays(1);
  fakeAsc.clock.set(new Date(fakeAsc.clock.now().getTime() - 86_400_000));
  await syncAndWait(orchard, REPORTS, 2);
  await expect(last).toContainText(/^Published snapshot 2 on .* after a sync: /, { timeout: 60_000 });

  await lake.getByRole('button', { name: 'Stop publishing' }).click();
  await expect(lake).toContainText('Not publishing');
  await expect(lake.getByRole('button', { name: 'Publish now' })).toHaveCount(0);
  await shell.screenshot('lake-settings');
});
