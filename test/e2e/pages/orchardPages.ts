// Page objects for the browse and sync screens: each names what a user sees and does there, so
// the specs read as the user's path and survive layout changes.
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import type { TestApiKey } from '../../support/testKeys';

const SCREENSHOTS = path.resolve(__dirname, '..', '..', '..', 'test-results', 'screenshots');

export class Shell {
  constructor(readonly page: Page) {}

  nav(section: string): Locator {
    return this.page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: section, exact: true });
  }

  async open(section: string): Promise<void> {
    await this.nav(section).click();
    await expect(this.page.getByRole('heading', { level: 1, name: new RegExp(`^${section}`) })).toBeVisible();
  }

  async screenshot(name: string): Promise<void> {
    // 'disabled' ends CSS transitions (progress bars, switches) at their final state.
    await this.page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
  }
}

export class KeysScreen {
  constructor(readonly page: Page) {}

  async addByPaste(key: TestApiKey, label: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Add an API key' });
    await form.getByLabel('…or paste the key').fill(key.privateKeyPem);
    await form.getByLabel('Key ID').fill(key.keyId);
    await form.getByLabel('Issuer ID', { exact: true }).fill(key.issuerId);
    await form.getByLabel('Label (optional)').fill(label);
    await form.getByRole('button', { name: 'Add key' }).click();
    await expect(this.page.getByRole('list', { name: 'API keys' }).getByRole('status')).toHaveText(/^Works/);
  }
}

export class AppsScreen {
  constructor(readonly page: Page) {}

  async pick(name: string): Promise<void> {
    const table = this.page.getByRole('table', { name: 'Apps' });
    await table.getByRole('button', { name: `Work with ${name}` }).click();
    await expect(table.getByRole('row', { name: new RegExp(name) })).toContainText('Selected');
  }
}

export class OverviewScreen {
  constructor(readonly page: Page) {}

  readonly attention = () => this.page.getByRole('list', { name: 'What needs attention' });

  notice(text: string | RegExp): Locator {
    return this.attention().getByRole('listitem').filter({ hasText: text });
  }
}

export class RequestsScreen {
  constructor(readonly page: Page) {}

  readonly table = () => this.page.getByRole('table', { name: 'Report requests' });

  row(type: 'Ongoing' | 'History snapshot'): Locator {
    return this.table().getByRole('row', { name: `${type} request` });
  }
}

export class ReportsScreen {
  constructor(readonly page: Page) {}

  readonly list = () => this.page.getByRole('list', { name: 'Reports' });

  async search(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: 'Search reports' }).fill(text);
  }

  row(name: string): Locator {
    return this.list().getByRole('listitem', { name, exact: true });
  }

  includeSwitch(name: string): Locator {
    return this.page.getByRole('switch', { name: `Include ${name} in sync` });
  }
}

export class SyncScreen {
  constructor(readonly page: Page) {}

  readonly progress = () => this.page.getByLabel('Sync progress');

  async waitForFinish(): Promise<void> {
    await expect(this.progress()).toHaveAttribute('data-phase', 'finished', { timeout: 30_000 });
  }
}

export class InstancesScreen {
  constructor(readonly page: Page) {}

  readonly timeline = () => this.page.getByRole('group', { name: 'Instances by processing date' });
  readonly detail = () => this.page.getByRole('region', { name: 'Instance details' });

  cells(state: 'downloaded' | 'pending' | 'expired' | 'failed'): Locator {
    return this.timeline().locator(`button[data-state="${state}"]`);
  }
}
