// Which web permissions the app's pages get: Electron grants every permission unless a handler
// says otherwise, so the session denies all of them except writing text to the clipboard (the
// "copy" buttons), and that only for the app's own pages.
import { isAppUrl } from './appOrigin';

const ALLOWED_FOR_APP_PAGES = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  return ALLOWED_FOR_APP_PAGES.has(permission) && typeof requestingUrl === 'string' && isAppUrl(requestingUrl);
}
