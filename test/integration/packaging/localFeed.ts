// A local release feed on 127.0.0.1 for the update-check tests: answers what the test sets (a
// GitHub-style release object, an error status, raw text, or nothing at all) and counts requests.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FeedAnswer = { status: number; body: string } | { hang: true };

export interface LocalFeed {
  url: string;
  requests: number;
  answer: FeedAnswer;
  close(): Promise<void>;
}

export function githubRelease(tag: string, extra: Record<string, unknown> = {}): FeedAnswer {
  return {
    status: 200,
    body: JSON.stringify({
      url: `https://api.github.com/repos/example/orchard/releases/1`,
      html_url: `https://github.com/example/orchard/releases/tag/${tag}`,
      tag_name: tag,
      name: `Orchard ${tag.replace(/^v/, '')}`,
      draft: false,
      prerelease: false,
      published_at: '2026-12-01T10:00:00Z',
      assets: [{ name: `Orchard-${tag.replace(/^v/, '')}-arm64.dmg`, size: 123 }],
      body: 'What changed.',
      ...extra,
    }),
  };
}

export async function startLocalFeed(answer: FeedAnswer): Promise<LocalFeed> {
  const hanging = new Set<http.ServerResponse>();
  const feed: LocalFeed = {
    url: '',
    requests: 0,
    answer,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    feed.requests += 1;
    const current = feed.answer;
    if ('hang' in current) {
      hanging.add(res);
      return;
    }
    res.writeHead(current.status, { 'content-type': 'application/json' });
    res.end(current.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  feed.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/repos/example/orchard/releases/latest`;
  return feed;
}
