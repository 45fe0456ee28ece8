// The SQL workbench as a user sees it: the editor, the Run and Cancel buttons, the status line,
// the result grid and the side panels, found by role and accessible name.
import { expect, type Locator, type Page } from '@playwright/test';

export class WorkbenchPage {
  readonly editor: Locator;
  readonly status: Locator;
  readonly grid: Locator;
  readonly queryTabs: Locator;

  constructor(readonly page: Page) {
    this.editor = page.getByRole('textbox', { name: 'SQL editor' });
    this.status = page.getByRole('status', { name: 'Query status' });
    this.grid = page.getByRole('grid', { name: 'Query results' });
    this.queryTabs = page.getByRole('tablist', { name: 'Query tabs' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'SQL Workbench' }).click();
    await expect(this.editor).toBeVisible();
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** Replaces the editor's text, typed key by key (so completion can pop up). */
  async type(sql: string): Promise<void> {
    await this.editor.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.type(sql);
  }

  /** Replaces the editor's text in one go (no completion), for long or multi-line SQL. */
  async paste(sql: string): Promise<void> {
    await this.editor.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.insertText(sql);
  }

  async runWithKeyboard(): Promise<void> {
    await this.editor.press('ControlOrMeta+Enter');
  }

  async expectRows(text: RegExp | string): Promise<void> {
    await expect(this.status).toContainText(text, { timeout: 30_000 });
  }

  row(number: number): Locator {
    return this.grid.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: number.toLocaleString('en-US'), exact: true }) });
  }

  /** A column's header; its name reads "<column> <TYPE>". */
  columnHeader(name: string): Locator {
    return this.grid.getByRole('columnheader', { name: new RegExp(`^${name} `) });
  }

  async sortBy(name: string): Promise<void> {
    await this.columnHeader(name).getByRole('button', { name, exact: true }).click();
  }

  async goToRow(number: number): Promise<void> {
    await this.page.getByLabel('Go to row').fill(String(number));
    await this.button('Go').click();
  }

  sidePanel(name: 'Catalogue' | 'Data' | 'History' | 'Saved'): Locator {
    return this.page.getByRole('tablist', { name: 'Side panel' }).getByRole('tab', { name });
  }

  treeItem(name: string): Locator {
    return this.page.getByRole('tree', { name: 'Catalogue' }).getByRole('treeitem', { name, exact: true });
  }
}
