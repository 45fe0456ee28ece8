// Web permissions: everything denied, except clipboard writes for the app's own pages.
import { describe, expect, it } from 'vitest';
import { isPermissionAllowed } from '../../../main/app/permissions';

describe('isPermissionAllowed', () => {
  it('lets app pages write to the clipboard', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://orchard/index.html')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://orchard')).toBe(true);
  });

  it('denies clipboard writes to anything else', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://example.com/')).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', undefined)).toBe(false);
  });

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown'])(
    'denies %s even to app pages',
    (permission) => expect(isPermissionAllowed(permission, 'app://orchard/index.html')).toBe(false),
  );
});
