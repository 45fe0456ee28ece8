// The in-app "new version available" check (issue 23 item 4) against a local release feed: which
// feed is used where, how versions compare, what each feed answer becomes, that a start asks the
// network once, and the whole path through the real services' dispatcher.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../main/credentials';
import { silentLogger } from '../../../main/logging/logger';
import { createNodePlatform } from '../../../main/platform/nodePlatform';
import { createServices } from '../../../main/services';
import { chooseUpdateFeed, compareVersions, createUpdateService, parseVersion } from '../../../main/updates';
import { githubRelease, startLocalFeed, type LocalFeed } from './localFeed';

const NOW = new Date('2026-12-07T09:00:00Z');
let feed: LocalFeed;

beforeAll(async () => {
  feed = await startLocalFeed(githubRelease('v0.2.0'));
});
afterAll(async () => feed.close());

const service = (currentVersion: string, url = feed.url, timeoutMs?: number) =>
  createUpdateService({ feed: { url }, currentVersion, fetch: globalThis.fetch, now: () => NOW, logger: silentLogger, ...(timeoutMs ? { timeoutMs } : {}) });

describe('semantic versions', () => {
  it('order by semver precedence, pre-releases before their release', () => {
    const ordered = ['0.9.9', '0.10.0', '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.2.0', '10.0.0'];
    const byVersion = (a: string, b: string) => compareVersions(parseVersion(a)!, parseVersion(b)!);
    expect([...ordered].reverse().sort(byVersion)).toEqual(ordered);
    expect([...ordered.slice(5), ...ordered.slice(0, 5)].sort(byVersion)).toEqual(ordered);
    expect(compareVersions(parseVersion('v1.2.3')!, parseVersion('1.2.3+build.5')!)).toBe(0);
  });

  it('refuse what is not a version', () => {
    for (const text of ['test', '1.2', 'v1.2.x', '1.2.3.4', '', 'latest']) expect(parseVersion(text)).toBeNull();
  });
});

describe('which feed', () => {
  it('uses ORCHARD_UPDATE_FEED_URL anywhere, and the built-in feed only in the desktop app', () => {
    const builtIn = 'https://api.github.com/repos/example/orchard/releases/latest';
    expect(chooseUpdateFeed({ ORCHARD_UPDATE_FEED_URL: feed.url }, 'browser', '')).toEqual({ url: feed.url });
    expect(chooseUpdateFeed({}, 'electron', builtIn)).toEqual({ url: builtIn });
    expect(chooseUpdateFeed({}, 'browser', builtIn)).toMatchObject({ disabled: expect.any(String) });
    expect(chooseUpdateFeed({}, 'electron', '')).toMatchObject({ disabled: 'no update feed in this build' });
    expect(chooseUpdateFeed({ ORCHARD_UPDATE_FEED_URL: 'off' }, 'electron', builtIn)).toMatchObject({ disabled: 'ORCHARD_UPDATE_FEED_URL=off' });
  });

  it('refuses plain http off this machine and URLs with credentials', () => {
    for (const url of ['http://example.com/feed.json', 'https://user:pw@example.com/feed', 'file:///etc/passwd', 'not a url']) {
      expect(chooseUpdateFeed({ ORCHARD_UPDATE_FEED_URL: url }, 'electron', '')).toMatchObject({ disabled: expect.stringContaining('not an https') });
    }
  });

  it('a service without a feed answers disabled and asks nobody', async () => {
    const before = feed.requests;
    const off = createUpdateService({ feed: { disabled: 'no feed' }, currentVersion: '0.1.0', fetch: globalThis.fetch, now: () => NOW, logger: silentLogger });
    await expect(off.check()).resolves.toEqual({ state: 'disabled' });
    expect(feed.requests).toBe(before);
  });
});

describe('the check against a local feed', () => {
  it('offers a newer release with its page, and says current for the same or an older one', async () => {
    feed.answer = githubRelease('v0.2.0');
    await expect(service('0.1.0').check()).resolves.toEqual({
      state: 'available',
      currentVersion: '0.1.0',
      latestVersion: '0.2.0',
      releaseName: 'Orchard 0.2.0',
      url: 'https://github.com/example/orchard/releases/tag/v0.2.0',
      checkedAt: NOW.toISOString(),
    });
    await expect(service('0.2.0').check()).resolves.toMatchObject({ state: 'current', latestVersion: '0.2.0' });
    await expect(service('0.3.0-beta.1').check()).resolves.toMatchObject({ state: 'current' });
    await expect(service('0.2.0-rc.1').check()).resolves.toMatchObject({ state: 'available', latestVersion: '0.2.0' });
  });

  it('asks the feed once per start; refresh asks again', async () => {
    feed.answer = githubRelease('v0.2.0');
    const updates = service('0.1.0');
    const before = feed.requests;
    await updates.check();
    await updates.check();
    expect(feed.requests).toBe(before + 1);
    feed.answer = githubRelease('v0.3.0');
    await expect(updates.check({ refresh: true })).resolves.toMatchObject({ latestVersion: '0.3.0' });
    expect(feed.requests).toBe(before + 2);
  });

  it.each([
    ['an error status', { status: 404, body: '{"message":"Not Found"}' }, 'HTTP 404'],
    ['text that is not JSON', { status: 200, body: '<html>rate limited</html>' }, 'not JSON'],
    ['JSON that is not a release', { status: 200, body: '{"message":"hello"}' }, 'not a release'],
    ['a tag that is not a version', githubRelease('nightly'), 'is not a version'],
    ['a pre-release', githubRelease('v9.0.0-beta.1', { prerelease: true }), 'pre-release'],
    ['a release page that is not https', githubRelease('v9.0.0', { html_url: 'javascript:alert(1)' }), 'not an https URL'],
  ])('turns %s into a failed check, never an offer', async (_label, answer, reason) => {
    feed.answer = answer;
    const status = await service('0.1.0').check();
    expect(status).toMatchObject({ state: 'failed', reason: expect.stringContaining(reason) });
  });

  it('gives up on a feed that never answers, and on one nobody listens on', async () => {
    feed.answer = { hang: true };
    await expect(service('0.1.0', feed.url, 300).check()).resolves.toMatchObject({ state: 'failed', reason: expect.stringContaining('could not be reached') });
    const closed = await startLocalFeed(githubRelease('v1.0.0'));
    const url = closed.url;
    await closed.close();
    await expect(service('0.1.0', url).check()).resolves.toMatchObject({ state: 'failed', reason: expect.stringContaining('could not be reached') });
  });
});

describe('through the real services', () => {
  it('updates:check answers from the feed in ORCHARD_UPDATE_FEED_URL, and disabled without one', async () => {
    feed.answer = githubRelease('v0.2.0');
    const dirs = await Promise.all([0, 1].map(() => mkdtemp(path.join(os.tmpdir(), 'orchard-updates-'))));
    const [withFeed, withoutFeed] = await Promise.all(
      dirs.map((dataDir, i) =>
        createServices(createNodePlatform({ dataDir, logger: silentLogger, appVersion: '0.1.0', secretStore: createMemorySecretStore(), env: i === 0 ? { ORCHARD_UPDATE_FEED_URL: feed.url } : {} })),
      ),
    );
    try {
      await expect(withFeed!.dispatch('updates:check', {}, { transport: 'test' })).resolves.toMatchObject({ ok: true, value: { state: 'available', latestVersion: '0.2.0' } });
      await expect(withoutFeed!.dispatch('updates:check', {}, { transport: 'test' })).resolves.toEqual({ ok: true, value: { state: 'disabled' } });
      await expect(withFeed!.dispatch('updates:check', { refresh: 'yes' }, { transport: 'test' })).resolves.toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    } finally {
      await Promise.all([withFeed!.close(), withoutFeed!.close()]);
      await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
    }
  });
});
