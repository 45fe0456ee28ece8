// The pure URL checks behind the IPC sender check, navigation guard and app:// file serving.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_START_URL, isAppUrl, isTrustedSenderUrl, resolveAppRequestPath } from '../../../main/app/appOrigin';

describe('isTrustedSenderUrl', () => {
  it.each([APP_START_URL, 'app://orchard/', 'app://orchard/index.html#/sql', 'app://orchard/index.html?x=1', 'APP://ORCHARD/index.html'])(
    'trusts the app page %s',
    (url) => expect(isTrustedSenderUrl(url)).toBe(true),
  );

  it.each([
    'app://orchard.evil.example/index.html',
    'app://evil/index.html',
    'app://orchard@evil/index.html',
    'app://user:pw@orchard/index.html',
    'app://orchard:8080/index.html',
    'file:///work/main/dist/renderer/index.html',
    'http://127.0.0.1:5173/index.html',
    'https://orchard/index.html',
    'devtools://devtools/bundled/inspector.html',
    'about:blank',
    'data:text/html,<h1>hi</h1>',
    'not a url',
    '',
  ])('refuses %s', (url) => expect(isTrustedSenderUrl(url)).toBe(false));

  it('refuses a missing frame URL', () => {
    expect(isTrustedSenderUrl(undefined)).toBe(false);
    expect(isTrustedSenderUrl(null)).toBe(false);
  });

  it('treats the bare origin as an app URL (permission checks pass an origin)', () => {
    expect(isAppUrl('app://orchard')).toBe(true);
  });
});

describe('resolveAppRequestPath', () => {
  const root = path.resolve('/srv/orchard/dist/renderer');

  it('maps the root and files to paths inside the renderer folder', () => {
    expect(resolveAppRequestPath(root, 'app://orchard/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppRequestPath(root, 'app://orchard/index.html?v=2#top')).toBe(path.join(root, 'index.html'));
    expect(resolveAppRequestPath(root, 'app://orchard/assets/index-abc.js')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAppRequestPath(root, 'app://orchard/assets/my%20font.woff2')).toBe(path.join(root, 'assets', 'my font.woff2'));
  });

  it.each([
    'app://orchard/..%2f..%2fetc%2fpasswd',
    'app://orchard/assets/..%2f..%2fsecret.txt',
    'app://orchard/%2e%2e%2fsecret.txt',
    'app://orchard/%00index.html',
    'app://orchard/%E0%A4%A',
  ])('refuses the escaping or malformed path %s', (url) => {
    expect(resolveAppRequestPath(root, url)).toBeNull();
  });

  it('keeps dot segments inside the root (the URL parser removes them before we see the path)', () => {
    const resolved = resolveAppRequestPath(root, 'app://orchard/../../etc/passwd');
    expect(resolved).toBe(path.join(root, 'etc', 'passwd'));
  });

  it('refuses other hosts and schemes', () => {
    expect(resolveAppRequestPath(root, 'app://other/index.html')).toBeNull();
    expect(resolveAppRequestPath(root, 'file:///srv/orchard/dist/renderer/index.html')).toBeNull();
  });
});
