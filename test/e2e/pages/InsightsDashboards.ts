// The Insights dashboards as a user sees them: the page tabs, the shared controls, and each tile
// (found by its title), with the rows it drew read back from its data table.
import { expect, type Locator, type Page } from '@playwright/test';

export class InsightsDashboards {
  readonly tabs: Locator;
  readonly controls: Locator;

  constructor(readonly page: Page) {
    this.tabs = page.getByRole('tablist', { name: 'Insights pages' });
    this.controls = page.getByRole('group', { name: 'Dashboard controls' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Insights', exact: true }).click();
    await expect(this.tabs).toBeVisible();
  }

  async openTab(name: string): Promise<void> {
    await this.tabs.getByRole('tab', { name, exact: true }).click();
    await expect(this.tabs.getByRole('tab', { name, exact: true })).toHaveAttribute('aria-selected', 'true');
  }

  tile(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  /** Waits until no tile of the open page is still loading, and none failed. */
  async settled(): Promise<void> {
    const tiles = this.page.locator('[data-tile]');
    await expect(tiles.first()).toBeVisible({ timeout: 30_000 });
    await expect(this.page.locator('[data-tile][data-state="loading"]')).toHaveCount(0, { timeout: 120_000 });
    await expect(this.page.locator('[data-tile][data-state="error"]')).toHaveCount(0);
  }

  /** The tile's rows as drawn (its data table), each cell's text. */
  async rows(title: string): Promise<string[][]> {
    const table = this.tile(title).getByRole('table', { name: `${title} data` });
    await expect(this.tile(title)).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
    const rows = table.locator('tbody tr');
    const count = await rows.count();
    const out: string[][] = [];
    for (let i = 0; i < count; i += 1) out.push(await rows.nth(i).locator('td').allTextContents());
    return out;
  }

  async headers(title: string): Promise<string[]> {
    return this.tile(title).getByRole('table', { name: `${title} data` }).locator('thead th').allTextContents();
  }

  async choose(label: 'Apps' | 'Date range' | 'Compare with', option: string): Promise<void> {
    await this.controls.getByLabel(label, { exact: true }).selectOption({ label: option });
  }

  /** Opens a filter's list and ticks the first value it offers; returns that value. */
  async filterFirst(filter: string): Promise<string> {
    const picker = this.controls.getByRole('group', { name: 'Filters' }).locator('details', { has: this.page.locator('summary', { hasText: `${filter}:` }) });
    await picker.locator('summary').click();
    const first = picker.getByRole('checkbox').first();
    await expect(first).toBeVisible({ timeout: 30_000 });
    const value = (await picker.locator('label.check').first().textContent()) ?? '';
    await first.check();
    await picker.locator('summary').click();
    return value.trim();
  }
}
