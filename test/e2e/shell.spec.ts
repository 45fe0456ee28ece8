// The app shell in a real browser: sections, keyboard shortcuts, theme, a screenshot, and headings
// that name whom a screen is about.
import { test, expect, REPO_ROOT } from './support/orchardFixture';
import path from 'node:path';
import { makeTestApiKey } from '../support/testKeys';
import { call, EXAMPLE_APP } from './support/syncedApp';

test('navigates between sections and takes a screenshot', async ({ app }) => {
  await expect(app.getByRole('heading', { name: 'Overview' })).toBeVisible();
  await expect(app.getByText('Browser')).toBeVisible();
  const nav = app.getByRole('navigation', { name: 'Sections' });
  for (const name of ['Apps', 'Reports', 'Sync', 'SQL Workbench', 'API Keys', 'Settings']) {
    await nav.getByRole('button', { name }).click();
    await expect(app.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(nav.getByRole('button', { name })).toHaveAttribute('aria-current', 'page');
  }
  await app.keyboard.press('Control+1');
  await expect(app.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await app.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'screenshots', 'shell-overview.png') });
});

test('theme preference switches to dark and survives a reload', async ({ app }) => {
  await app.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Settings' }).click();
  await app.getByRole('radio', { name: 'Dark' }).check();
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
  await app.reload();
  await app.locator('.shell[data-state="ready"]').waitFor();
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(app.getByRole('radio', { name: 'Dark' })).toBeChecked();
});

test.describe('content security policy', () => {
  test.use({ allowedConsoleErrors: [/Content Security Policy/] });

  test('the page runs under the strict Content-Security-Policy', async ({ app, orchard }) => {
  const res = await app.request.get(orchard.bridge.url + '/');
  expect(res.headers()['content-security-policy']).toContain("script-src 'self'");
  // An inline script injected into the page must be refused by the policy, not run.
  const outcome = await app.evaluate(
    () =>
      new Promise<string>((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve(`blocked:${e.violatedDirective}`), { once: true });
        const s = document.createElement('script');
        s.textContent = 'window.__injected = true';
        document.body.appendChild(s);
        setTimeout(() => resolve((window as unknown as { __injected?: boolean }).__injected ? 'ran' : 'silent'), 2000);
      }),
  );
  expect(outcome).toMatch(/^blocked:script-src/);
});
});

test('the Insights heading names whom the numbers cover: the app, or "All apps"', async ({ app, orchard, fakeAsc }) => {
  const key = makeTestApiKey();
  fakeAsc.registerKey({ keyId: key.keyId, issuerId: key.issuerId, publicKeyPem: key.publicKeyPem, role: 'ADMIN' });
  fakeAsc.addApp(EXAMPLE_APP);
  await call(orchard, 'keys:add', { pem: key.privateKeyPem, keyId: key.keyId, issuerId: key.issuerId, individual: false, label: 'Team' });
  await call(orchard, 'apps:select', { appId: EXAMPLE_APP.id });
  await app.reload();
  await app.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Insights' }).click();
  const heading = app.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText(`Insights — ${EXAMPLE_APP.name}`);
  await app.getByRole('radiogroup', { name: 'Apps' }).getByRole('radio', { name: 'All apps' }).click();
  await expect(heading).toHaveText('Insights — All apps');
  // A dashboard tab follows its own controls, which start on the selected app.
  await app.getByRole('tab', { name: 'Acquisition' }).click();
  const apps = app.getByRole('group', { name: 'Dashboard controls' }).getByLabel('Apps', { exact: true });
  await apps.selectOption('selected');
  await expect(heading).toHaveText(`Insights — ${EXAMPLE_APP.name}`);
  await apps.selectOption('all');
  await expect(heading).toHaveText('Insights — All apps');
  await app.getByRole('tab', { name: 'Overview' }).click();
  await expect(heading).toHaveText('Insights — All apps');
});
