// Picks how the renderer reaches the main process: the preload's `window.orchard` inside
// Electron, or the loopback bridge over HTTP + server-sent events in a browser.
import type { OrchardBridge } from '../../shared/ipc/bridge';
import { checkBridgeToken, createHttpBridge } from './httpBridge';

declare global {
  interface Window {
    orchard?: OrchardBridge;
  }
}

export interface ResolvedBridge {
  bridge: OrchardBridge;
  /** 'invalid': browser mode opened without its token, or with an earlier run's. */
  access: Promise<'ok' | 'invalid' | 'unreachable'>;
}

export function resolveBridge(): ResolvedBridge {
  if (window.orchard) return { bridge: window.orchard, access: Promise.resolve('ok') };
  const token = takeToken();
  const access = checkBridgeToken(token).then((result) => {
    // A refused token stays refused: forget it so the next valid link is not shadowed by it.
    if (result === 'invalid') sessionStorage.removeItem('orchard.token');
    return result;
  });
  return { bridge: createHttpBridge(token), access };
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
