// The global guard every web contents gets as it is created (Signal's pattern): no new windows
// (web links go to the browser through openExternal), no navigation away from app://orchard, no
// <webview>, and a session that denies web permissions.
import type { App, Session, WebContents } from 'electron';
import type { Logger } from '../logging/logger';
import { isAppUrl } from './appOrigin';
import { openExternal } from './openExternal';
import { isPermissionAllowed } from './permissions';

export function guardWebContents(contents: WebContents, logger: Logger): void {
  contents.setWindowOpenHandler(({ url }) => {
    void openExternal(url, logger);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    // A plain link the user clicked: show it in the browser rather than inside the app window.
    void openExternal(event.url, logger);
  });
  // Sub-frames only: Electron emits this before will-navigate, and preventing it here would
  // suppress will-navigate (and its openExternal) for the main frame.
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame || isAppUrl(event.url)) return;
    event.preventDefault();
    logger.warn('navigation.blocked', { url: event.url.slice(0, 200) });
  });
  contents.on('will-redirect', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    logger.warn('redirect.blocked', { url: event.url.slice(0, 200) });
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('webview.blocked');
  });
}

export function installWebContentsGuard(app: App, logger: Logger): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, logger));
}

export function hardenSession(session: Session, logger: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = isPermissionAllowed(permission, details.requestingUrl);
    if (!allowed) logger.warn('permission.denied', { permission });
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
}
