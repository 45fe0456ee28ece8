// The web-contents guard and session permissions, with fake web contents and session objects.
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const shell = vi.hoisted(() => ({ openExternal: vi.fn<(url: string) => Promise<void>>() }));
vi.mock('electron', () => ({ shell }));

import type { App, Session, WebContents } from 'electron';
import { guardWebContents, hardenSession, installWebContentsGuard } from '../../../main/app/hardening';
import { silentLogger } from '../../../main/logging/logger';

type OpenHandler = (details: { url: string }) => { action: string };

class FakeContents extends EventEmitter {
  openHandler: OpenHandler | null = null;
  setWindowOpenHandler(handler: OpenHandler) {
    this.openHandler = handler;
  }
  /** Emits a navigation-style event the way Electron does; returns whether it was prevented. */
  navigate(name: string, url: string, isMainFrame = true): boolean {
    let prevented = false;
    this.emit(name, { url, isMainFrame, preventDefault: () => (prevented = true) });
    return prevented;
  }
}

function guarded(): FakeContents {
  const contents = new FakeContents();
  guardWebContents(contents as unknown as WebContents, silentLogger);
  return contents;
}

beforeEach(() => {
  shell.openExternal.mockReset();
  shell.openExternal.mockResolvedValue(undefined);
});

describe('guardWebContents', () => {
  it('denies every new window and sends https links to the browser', async () => {
    const contents = guarded();
    expect(contents.openHandler!({ url: 'https://developer.apple.com/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'app://orchard/index.html' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(shell.openExternal).toHaveBeenCalledTimes(1));
    expect(shell.openExternal).toHaveBeenCalledWith('https://developer.apple.com/');
  });

  it('keeps the main frame on app://orchard and opens clicked web links externally', async () => {
    const contents = guarded();
    expect(contents.navigate('will-navigate', 'app://orchard/index.html')).toBe(false);
    expect(contents.navigate('will-navigate', 'https://example.com/docs')).toBe(true);
    expect(contents.navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.navigate('will-navigate', 'app://other/index.html')).toBe(true);
    await vi.waitFor(() => expect(shell.openExternal).toHaveBeenCalledTimes(1));
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.com/docs');
  });

  it('blocks sub-frame navigation away from the app, leaving the main frame to will-navigate', () => {
    const contents = guarded();
    expect(contents.navigate('will-frame-navigate', 'https://evil.example/', false)).toBe(true);
    expect(contents.navigate('will-frame-navigate', 'app://orchard/index.html', false)).toBe(false);
    expect(contents.navigate('will-frame-navigate', 'https://example.com/', true)).toBe(false);
  });

  it('blocks redirects away from the app and every webview', () => {
    const contents = guarded();
    expect(contents.navigate('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.navigate('will-redirect', 'app://orchard/index.html')).toBe(false);
    expect(contents.navigate('will-attach-webview', 'app://orchard/index.html')).toBe(true);
  });

  it('is installed for every web contents the app creates', () => {
    const app = new EventEmitter();
    installWebContentsGuard(app as unknown as App, silentLogger);
    const contents = new FakeContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.openHandler).not.toBeNull();
    expect(contents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
  });
});

describe('hardenSession', () => {
  function hardened() {
    const session = { request: null as unknown, check: null as unknown, setPermissionRequestHandler(h: unknown) { this.request = h; }, setPermissionCheckHandler(h: unknown) { this.check = h; } };
    hardenSession(session as unknown as Session, silentLogger);
    const request = session.request as (wc: unknown, permission: string, cb: (ok: boolean) => void, details: { requestingUrl?: string }) => void;
    const check = session.check as (wc: unknown, permission: string, origin: string) => boolean;
    const ask = (permission: string, requestingUrl: string) => {
      const answers: boolean[] = [];
      request(null, permission, (ok) => answers.push(ok), { requestingUrl });
      return answers;
    };
    return { ask, check };
  }

  it('denies permission requests (camera, notifications, geolocation…)', () => {
    const { ask } = hardened();
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      expect(ask(permission, 'app://orchard/index.html')).toEqual([false]);
    }
  });

  it('allows clipboard writes for the app page only', () => {
    const { ask, check } = hardened();
    expect(ask('clipboard-sanitized-write', 'app://orchard/index.html')).toEqual([true]);
    expect(ask('clipboard-sanitized-write', 'https://evil.example/')).toEqual([false]);
    expect(check(null, 'clipboard-sanitized-write', 'app://orchard')).toBe(true);
    expect(check(null, 'media', 'app://orchard')).toBe(false);
  });
});
