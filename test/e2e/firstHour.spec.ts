// Issue 10's first hour in a real browser, on the demo's apps in the fake App Store Connect
// (requests made days before Orchard first sees them, so data is waiting): add the key, pick an app, and sync with progress
// that visibly advances; no "waiting for Apple" for an app with data; every screen names the app;
// a cancelled run says "Cancelled" in neutral colours; a link without its token says so.
// With ORCHARD_DOCS_SCREENSHOTS=1 the Overview and mid-run Sync screenshots go to docs/images.
import path from 'node:path';
import type { Page } from '@playwright/test';
import { REPO_ROOT, test as base, expect } from './support/orchardFixture';
import { DEMO_APPS } from '../fake-asc';
import { makeTestApiKey, type TestApiKey } from '../support/testKeys';
import { SECTIONS } from '../../renderer/app/sections';
import { AppsScreen, OverviewScreen, RequestsScreen, Shell, SyncScreen } from './pages/orchardPages';

const SHOTS = process.env.ORCHARD_DOCS_SCREENSHOTS === '1' ? path.join(REPO_ROOT, 'docs', 'images') : path.join(REPO_ROOT, 'test-results', 'screenshots');
/** Sections whose screen shows one app's data: their heading names it. */
const APP_SECTIONS = new Set(['overview', 'insights', 'requests', 'reports', 'instances', 'sync']);

/** Days of data waiting at Apple: two weeks for the README's screenshots, less to keep the test quick. */
const HISTORY_DAYS = process.env.ORCHARD_DOCS_SCREENSHOTS === '1' ? 14 : 6;
const DAY_MS = 86_400_000;

// The demo's apps on the fake: the first two with ONGOING requests made days before Orchard
// first sees them (so data is waiting), the third without; an Admin key to add by hand.
const test = base.extend<{ demoKey: TestApiKey }>({
  demoKey: async ({ fakeAsc }, use) => {
    const key = makeTestApiKey();
    fakeAsc.registerKey({ keyId: key.keyId, issuerId: key.issuerId, publicKeyPem: key.publicKeyPem, role: 'ADMIN' });
    const createdAt = new Date(fakeAsc.clock.now().getTime() - HISTORY_DAYS * DAY_MS);
    for (const [index, app] of DEMO_APPS.entries()) {
      fakeAsc.addApp(app);
      if (index < 2) fakeAsc.createRequest(app.id, 'ONGOING', { createdAt });
    }
    await use(key);
  },
});

async function addKey(page: Page, key: TestApiKey): Promise<void> {
  const form = page.getByRole('form', { name: 'Add an API key' });
  await form.getByLabel('…or paste the key').fill(key.privateKeyPem);
  await form.getByLabel('Key ID').fill(key.keyId);
  await form.getByLabel('Issuer ID', { exact: true }).fill(key.issuerId);
  await form.getByLabel('Label (optional)').fill('Demo team');
  await form.getByRole('button', { name: 'Add key' }).click();
  await expect(page.getByRole('list', { name: 'API keys' }).getByRole('status')).toHaveText(/^Works/);
  // The form empties and says where the key is kept.
  await expect(form.getByLabel('Key ID')).toHaveValue('');
  await expect(form.getByRole('status', { name: 'Key stored' })).toContainText(`Key ${key.keyId} stored`);
}

/**
 * Records every distinct value the overall progress shows (the card's data-progress), pushed from
 * a MutationObserver in the page: nothing polls, so the services in this process keep the CPU.
 */
async function recordProgress(page: Page): Promise<number[]> {
  const seen: number[] = [];
  await page.exposeFunction('orchardProgressSeen', (value: number) => {
    if (value !== seen.at(-1)) seen.push(value);
  });
  await page.evaluate(() => {
    const report = (window as unknown as { orchardProgressSeen: (v: number) => void }).orchardProgressSeen;
    new MutationObserver(() => {
      const value = document.querySelector('[aria-label="Sync progress"]')?.getAttribute('data-progress');
      if (value !== null && value !== undefined) report(Number(value));
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-progress'] });
  });
  return seen;
}

async function inBothThemes(page: Page, capture: (theme: 'light' | 'dark') => Promise<void>): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await capture(theme);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** README screenshots show the demo, not this test's version string and temp data folder. */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.addStyleTag({ content: '.facts { display: none !important; }' });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), animations: 'disabled' });
}

const waitingForApple = /^(Requested|First seen by Orchard).*24–48 hours/;

test('the first hour: key, app, a sync whose progress advances, the app named everywhere, a cancelled run', async ({ app, demoKey }) => {
  test.setTimeout(300_000);
  const [garden, trail] = DEMO_APPS;
  if (!garden || !trail) throw new Error('the demo seeds apps');
  const shell = new Shell(app);
  const overview = new OverviewScreen(app);
  const steps = app.getByRole('region', { name: 'Getting started' });

  // Step 1 of 4: nothing done, the key is the next step.
  await expect(steps.getByRole('status', { name: 'Steps done' })).toHaveText('0 of 4 steps done');
  await steps.getByRole('button', { name: 'Add an API key' }).click();
  await addKey(app, demoKey);
  await shell.open('Overview');
  await expect(steps.getByRole('status', { name: 'Steps done' })).toHaveText('1 of 4 steps done');
  await expect(steps.getByRole('listitem', { name: /Add an App Store Connect API key.*\(done\)$/ })).toBeVisible();
  await steps.getByRole('button', { name: 'Choose an app' }).click();
  await new AppsScreen(app).pick(garden.name);

  // A month of data waits at Apple, but Orchard has not listed it: no "Apple needs 24–48 hours".
  await shell.open('Overview');
  await expect(app.getByRole('heading', { level: 1 })).toHaveText(`Overview — ${garden.name}`);
  await expect(overview.notice(/^First seen by Orchard just now — not synced yet/)).toBeVisible();
  await expect(overview.notice(waitingForApple)).toHaveCount(0);
  await expect(steps.getByRole('status', { name: 'Steps done' })).toHaveText('2 of 4 steps done');
  await shell.open('Requests');
  const ongoing = new RequestsScreen(app).row('Ongoing');
  await expect(ongoing).toContainText('First seen by Orchard just now');
  await expect(ongoing).toContainText('Not synced yet');
  await expect(ongoing).not.toContainText('24–48 hours');

  // The first sync: the overall bar advances in many steps and never goes back.
  await shell.open('Sync');
  await expect(app.getByRole('heading', { level: 1 })).toHaveText(`Sync — ${garden.name}`);
  await expect(app.getByText(`for ${garden.name};`)).toBeVisible();
  const seen = await recordProgress(app);
  await app.getByRole('button', { name: 'Sync now' }).click();
  const sync = new SyncScreen(app);
  await expect(sync.progress()).toHaveAttribute('data-progress', /^([3-9]\d|100)$/, { timeout: 120_000 });
  if ((await sync.progress().getAttribute('data-phase')) !== 'finished') await inBothThemes(app, (theme) => screenshot(app, `sync-${theme}`));
  await expect(sync.progress()).toHaveAttribute('data-phase', 'finished', { timeout: 180_000 });
  expect(seen.length, `progress values seen: ${seen.join(', ')}`).toBeGreaterThanOrEqual(5);
  expect(seen).toEqual([...seen].sort((a, b) => a - b));
  expect(seen.at(-1)).toBe(100);
  await expect(sync.progress().getByRole('progressbar', { name: 'Downloading' })).toHaveAttribute('aria-valuetext', /^([\d,]+) \/ \1 instances · [\d,]+ files · /);
  await expect(app.getByRole('list', { name: 'Sync history' }).getByRole('listitem').first()).toHaveAttribute('data-outcome', 'succeeded');
  // Counts read as written: plurals resolved, thousands separated (the demo loads over 1,000 rows).
  await expect(sync.progress().getByRole('status')).toHaveText(/^Sync finished: [\d,]+ instances loaded, \d{1,3}(,\d{3})+ rows, [\d,]+ files downloaded\.$/);

  // With data loaded, the ongoing request is active — never "waiting for Apple".
  await shell.open('Overview');
  await expect(app.getByRole('region', { name: 'Report requests' }).getByRole('listitem').filter({ hasText: /^Ongoing:/ })).toContainText('Active — newest data processed');
  await expect(overview.notice(waitingForApple)).toHaveCount(0);
  await expect(steps.getByRole('status', { name: 'Steps done' })).toHaveText('3 of 4 steps done');
  await expect(steps.getByRole('button', { name: 'Open the SQL workbench' })).toHaveClass(/primary/);
  await expect(app.getByRole('heading', { name: 'Data by category' })).toBeVisible();
  await inBothThemes(app, (theme) => screenshot(app, `overview-${theme}`));

  // Every screen names the app: the switcher everywhere, the heading on each screen about the app.
  const switcher = app.getByRole('combobox', { name: 'App', exact: true });
  for (const section of SECTIONS) {
    await shell.open(section.label);
    await expect(switcher.locator('option:checked')).toHaveText(garden.name);
    if (APP_SECTIONS.has(section.id)) await expect(app.getByRole('heading', { level: 1 })).toHaveText(`${section.label} — ${garden.name}`);
  }

  // Switching apps by name, then cancelling its first sync mid-way: "Cancelled", neutral, not 100 %.
  await shell.open('Sync');
  await switcher.selectOption({ label: trail.name });
  await expect(app.getByRole('heading', { level: 1 })).toHaveText(`Sync — ${trail.name}`);
  await app.getByRole('button', { name: 'Sync now' }).click();
  await expect(sync.progress()).toHaveAttribute('data-phase', 'downloading', { timeout: 120_000 });
  await app.getByRole('button', { name: 'Cancel sync' }).click();
  await expect(sync.progress()).toHaveAttribute('data-outcome', 'cancelled', { timeout: 60_000 });
  await expect(sync.progress().getByRole('heading', { name: 'Cancelled' })).toBeVisible();
  await expect(sync.progress().getByRole('status')).toContainText(/^Sync cancelled: [\d,]+ instances? loaded, .* before it stopped; the rest resumes next time\.$/);
  const overall = sync.progress().getByRole('progressbar', { name: 'Overall' });
  await expect(overall).not.toHaveAttribute('aria-valuenow', '100');
  await expect(overall).toHaveAttribute('aria-valuetext', /^Stopped at \d+%$/);
  const colours = await app.evaluate(() => {
    const css = getComputedStyle(document.documentElement);
    const fill = document.querySelector('[aria-label="Sync progress"] .progress-fill');
    const probe = (name: string) => {
      const el = document.createElement('span');
      el.style.color = css.getPropertyValue(name);
      document.body.append(el);
      const colour = getComputedStyle(el).color;
      el.remove();
      return colour;
    };
    return { fill: fill ? getComputedStyle(fill).backgroundColor : '', muted: probe('--muted'), danger: probe('--danger') };
  });
  expect(colours.fill).toBe(colours.muted);
  expect(colours.fill).not.toBe(colours.danger);
  await expect(app.getByRole('list', { name: 'Sync history' }).getByRole('listitem').first()).toHaveAttribute('data-outcome', 'cancelled');
});

test('browser mode without its token, or with an earlier run\'s, shows one page that says which link to open', async ({ orchard, browser }) => {
  for (const url of [`${orchard.bridge.url}/`, `${orchard.bridge.url}/#token=an-earlier-runs-token`]) {
    const page = await browser.newPage();
    await page.goto(url);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link is not valid');
    await expect(page.getByText('Open the URL printed in the terminal')).toBeVisible();
    await expect(page.getByText('Welcome to Orchard')).toHaveCount(0);
    await page.close();
  }
  // The printed URL still works in a fresh tab.
  const page = await browser.newPage();
  await page.goto(orchard.bridge.launchUrl);
  await expect(page.locator('.shell[data-state="ready"]')).toBeVisible();
  await page.close();
});

test('the "not valid" page recovers when the new URL is pasted into the same tab', async ({ orchard, browser }) => {
  const page = await browser.newPage();
  await page.goto(`${orchard.bridge.url}/#token=an-earlier-runs-token`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link is not valid');
  // Same origin, new fragment: the browser loads nothing by itself, only fires hashchange.
  await page.goto(orchard.bridge.launchUrl);
  await expect(page.locator('.shell[data-state="ready"]')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'This link is not valid' })).toHaveCount(0);
  await page.close();
});
