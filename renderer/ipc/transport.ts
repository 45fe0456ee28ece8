// Picks how the renderer reaches the main process: the preload's `window.orchard` inside
// Electron, or the loopback bridge over HTTP + server-sent events in a browser.
import type { OrchardBridge } from '../../shared/ipc/bridge';
import { createHttpBridge } from './httpBridge';

declare global {
  interface Window {
    orchard?: OrchardBridge;
  }
}

export function resolveBridge(): OrchardBridge {
  if (window.orchard) return window.orchard;
  return createHttpBridge(takeToken());
}

/** The bridge token arrives once in the URL fragment; keep it for reloads of this tab only. */
function takeToken(): string {
  const match = /(?:^#|&)token=([\w-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem('orchard.token', match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1];
  }
  return sessionStorage.getItem('orchard.token') ?? '';
}
