// Issue 3's user path in a real browser: add a key from its .p8 file, see that it works, list
// the apps it can see and pick one — then prove the private key is in no file Orchard wrote.
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './support/orchardFixture';
import { makeTestApiKey } from '../support/testKeys';

const APPS = [
  { id: '6447000201', name: 'Pocket Garden', bundleId: 'com.example.pocketgarden', sku: 'PG' },
  { id: '6447000202', name: 'Trail Notes', bundleId: 'com.example.trailnotes', sku: 'TN' },
];

test('adds a key from a .p8 file, sees it works, and lists the apps', async ({ app, fakeAsc, orchard }) => {
  const key = makeTestApiKey();
  fakeAsc.registerKey({ keyId: key.keyId, issuerId: key.issuerId, publicKeyPem: key.publicKeyPem, role: 'ADMIN' });
  for (const a of APPS) fakeAsc.addApp(a);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'orchard-p8-'));
  const p8 = path.join(dir, `AuthKey_${key.keyId}.p8`);
  await writeFile(p8, key.privateKeyPem);

  await app.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'API Keys' }).click();
  await expect(app.getByText('No API key yet')).toBeVisible();
  const form = app.getByRole('form', { name: 'Add an API key' });
  await form.getByLabel('Key file (.p8)').setInputFiles(p8);
  await expect(form.getByLabel('Key ID')).toHaveValue(key.keyId);
  await form.getByLabel('Issuer ID', { exact: true }).fill(key.issuerId);
  await form.getByLabel('Label (optional)').fill('Example team');
  await form.getByRole('button', { name: 'Add key' }).click();

  const item = app.getByRole('list', { name: 'API keys' }).getByRole('listitem', { name: `Example team (${key.keyId})` });
  await expect(item).toBeVisible();
  await expect(item.getByRole('status')).toHaveText(/^Works/);
  await expect(item.getByText('Default')).toBeVisible();

  await app.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Apps' }).click();
  const table = app.getByRole('table', { name: 'Apps' });
  for (const a of APPS) await expect(table.getByRole('row', { name: new RegExp(a.name) })).toContainText(a.bundleId);
  await table.getByRole('button', { name: 'Work with Trail Notes' }).click();
  await expect(table.getByRole('row', { name: /Trail Notes/ })).toContainText('Selected');
  await app.screenshot({ path: path.join(__dirname, '..', '..', 'test-results', 'screenshots', 'apps.png') });

  // The private key never reached a file Orchard wrote (settings, database, caches, logs).
  const body = key.privateKeyPem.split('\n').filter((l) => l && !l.startsWith('-----')).join('');
  const probes = [body.slice(0, 40), body.slice(40, 80)];
  const files = await readdir(orchard.dataDir, { recursive: true });
  expect(files.length).toBeGreaterThan(0);
  for (const f of files) {
    const bytes = await readFile(path.join(orchard.dataDir, String(f))).catch(() => null);
    if (!bytes) continue;
    for (const probe of probes) expect(bytes.includes(probe), `${String(f)} holds key material`).toBe(false);
  }

  await app.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'API Keys' }).click();
  const answer = (accept: boolean) =>
    new Promise<string>((resolve) =>
      app.once('dialog', (d) => {
        const message = d.message();
        void (accept ? d.accept() : d.dismiss()).then(() => resolve(message));
      }),
    );

  // Adding the same key ID again is refused until the user confirms replacing the stored key.
  await form.getByLabel('Key file (.p8)').setInputFiles(p8);
  await form.getByLabel('Issuer ID', { exact: true }).fill(key.issuerId);
  await form.getByLabel('Label (optional)').fill('Example team');
  await form.getByRole('button', { name: 'Add key' }).click();
  await expect(form.getByRole('alert')).toContainText(`already has a key with ID ${key.keyId}`);
  const replaceAsked = answer(true);
  await form.getByRole('button', { name: 'Replace the stored key' }).click();
  expect(await replaceAsked).toContain(`Replace the stored private key of ${key.keyId}?`);
  await expect(form.getByRole('status')).toContainText(`Key ${key.keyId} stored`);
  await expect(item).toBeVisible();

  // Removing asks first, naming the key; dismissing keeps it, accepting deletes it from the keychain.
  const dismissed = answer(false);
  await item.getByRole('button', { name: 'Remove' }).click();
  expect(await dismissed).toContain(`Remove key ${key.keyId}?`);
  await expect(item).toBeVisible();
  expect(await orchard.secretStore.get(key.keyId)).not.toBeNull();
  const accepted = answer(true);
  await item.getByRole('button', { name: 'Remove' }).click();
  await accepted;
  await expect(item).toHaveCount(0);
  await expect(app.getByText('No API key yet')).toBeVisible();
  expect(await orchard.secretStore.get(key.keyId)).toBeNull();
});

test('a wrong issuer ID is reported as a 401 with what to check', async ({ app, fakeAsc }) => {
  const key = makeTestApiKey();
  fakeAsc.registerKey({ keyId: key.keyId, issuerId: key.issuerId, publicKeyPem: key.publicKeyPem, role: 'ADMIN' });
  await app.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'API Keys' }).click();
  const form = app.getByRole('form', { name: 'Add an API key' });
  await form.getByLabel('…or paste the key').fill(key.privateKeyPem);
  await form.getByLabel('Key ID').fill(key.keyId);
  await form.getByLabel('Issuer ID', { exact: true }).fill('11111111-2222-3333-4444-555555555555');
  await form.getByRole('button', { name: 'Add key' }).click();
  await expect(app.getByRole('list', { name: 'API keys' }).getByRole('status')).toHaveText(/Wrong issuer ID or key \(401\)/);
});

test('a malformed key is refused before anything is stored', async ({ app }) => {
  await app.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'API Keys' }).click();
  const form = app.getByRole('form', { name: 'Add an API key' });
  await form.getByLabel('…or paste the key').fill('-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----');
  await form.getByLabel('Key ID').fill('ABCDEFGHIJ');
  await form.getByLabel('Issuer ID', { exact: true }).fill('57246542-96fe-1a63-e053-0824d011072a');
  await form.getByRole('button', { name: 'Add key' }).click();
  await expect(form.getByRole('alert')).toContainText(/private key|PKCS#8|\.p8/i);
  await expect(app.getByRole('list', { name: 'API keys' })).toHaveCount(0);
});

test.describe('without a secure store', () => {
  test.use({ keychain: 'unavailable' });

  test('says so plainly and only offers a session-only key', async ({ app, fakeAsc }) => {
    const key = makeTestApiKey();
    fakeAsc.registerKey({ keyId: key.keyId, issuerId: key.issuerId, publicKeyPem: key.publicKeyPem, role: 'ADMIN' });
    await app.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'API Keys' }).click();
    const form = app.getByRole('form', { name: 'Add an API key' });
    await expect(form.getByRole('note')).toContainText('The system keychain is not available');
    await expect(form.getByRole('note')).toContainText('No Secret Service');
    await form.getByLabel('…or paste the key').fill(key.privateKeyPem);
    await form.getByLabel('Key ID').fill(key.keyId);
    await form.getByLabel('Issuer ID', { exact: true }).fill(key.issuerId);
    const sessionOnly = form.getByLabel('Session only (keep in memory, never on disk)');
    await expect(sessionOnly).toBeChecked();
    await sessionOnly.uncheck();
    await expect(form.getByRole('button', { name: 'Add key' })).toBeDisabled();
    await sessionOnly.check();
    await form.getByRole('button', { name: 'Add key' }).click();
    const item = app.getByRole('list', { name: 'API keys' }).getByRole('listitem');
    await expect(item).toContainText('Session only');
    await expect(item.getByRole('status')).toHaveText(/^Works/);
  });
});
