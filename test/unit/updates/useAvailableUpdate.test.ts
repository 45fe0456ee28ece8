// @vitest-environment jsdom
// The renderer side of the update check, driven by the real handler and update service against a
// local release feed: a newer release becomes the notice's content, an up-to-date or failed check
// leaves it empty, Dismiss clears it, and the feed is asked once however often the page renders.
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateHandlers } from '../../../main/ipc/handlers/updateHandlers';
import { silentLogger } from '../../../main/logging/logger';
import { createUpdateService } from '../../../main/updates';
import type { OrchardClient } from '../../../renderer/ipc/client';
import { useAvailableUpdate } from '../../../renderer/features/updates/useAvailableUpdate';
import { githubRelease, startLocalFeed, type LocalFeed } from '../../integration/packaging/localFeed';

let feed: LocalFeed;
beforeAll(async () => {
  feed = await startLocalFeed(githubRelease('v0.2.0'));
});
afterAll(async () => feed.close());

/** A client whose only command is updates:check, answered by the real handler and service. */
function clientFor(currentVersion: string): { client: OrchardClient; answers: Promise<unknown>[] } {
  const handlers = updateHandlers(createUpdateService({ feed: { url: feed.url }, currentVersion, fetch: globalThis.fetch, now: () => new Date(), logger: silentLogger }));
  const answers: Promise<unknown>[] = [];
  const client = {
    invoke(command: string) {
      if (command !== 'updates:check') return Promise.reject(new Error(`unexpected ${command}`));
      const answer = handlers['updates:check']({});
      answers.push(answer);
      return answer;
    },
    on: () => () => undefined,
  } as unknown as OrchardClient;
  return { client, answers };
}

describe('useAvailableUpdate', () => {
  it('holds the newer release with its page until dismissed, asking the feed once', async () => {
    feed.answer = githubRelease('v0.2.0');
    const before = feed.requests;
    const { client } = clientFor('0.1.0');
    const { result, rerender } = renderHook(() => useAvailableUpdate(client));
    await waitFor(() => expect(result.current.available).toBeDefined());
    expect(result.current.available).toMatchObject({ latestVersion: '0.2.0', currentVersion: '0.1.0', releaseName: 'Orchard 0.2.0', url: 'https://github.com/example/orchard/releases/tag/v0.2.0' });
    rerender();
    rerender();
    act(() => result.current.dismiss());
    expect(result.current.available).toBeUndefined();
    expect(feed.requests).toBe(before + 1);
  });

  it.each([
    ['the running version is the latest', '0.2.0', githubRelease('v0.2.0'), 'current'],
    ['the feed fails', '0.1.0', { status: 500, body: 'oops' }, 'failed'],
  ] as const)('holds nothing when %s', async (_label, version, answer, state) => {
    feed.answer = answer;
    const { client, answers } = clientFor(version);
    const { result } = renderHook(() => useAvailableUpdate(client));
    expect(answers).toHaveLength(1);
    await act(async () => {
      await expect(answers[0]).resolves.toMatchObject({ state });
    });
    expect(result.current.available).toBeUndefined();
  });
});
