// The one choke point for links leaving the app: only https: and mailto: reach the OS.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const shell = vi.hoisted(() => ({ openExternal: vi.fn<(url: string) => Promise<void>>() }));
vi.mock('electron', () => ({ shell }));

import { isAllowedExternalUrl, openExternal } from '../../../main/app/openExternal';
import type { Logger } from '../../../main/logging/logger';

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = (event: string) => void lines.push(event);
  return { lines, debug: log, info: log, warn: log, error: log };
}

describe('isAllowedExternalUrl', () => {
  it.each(['https://developer.apple.com/documentation/appstoreconnectapi', 'https://appstoreconnect.apple.com/access/api', 'mailto:support@example.com'])(
    'allows %s',
    (url) => expect(isAllowedExternalUrl(url)).toBe(true),
  );

  it.each([
    'http://example.com/',
    'file:///etc/passwd',
    'smb://server/share',
    'javascript:alert(1)',
    'app://orchard/index.html',
    'vscode://file/x',
    'ms-msdt:/id PCWDiagnostic',
    'https://apple.com@evil.example/',
    'https://user:pw@example.com/',
    'not a url',
    '',
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url)).toBe(false));
});

describe('openExternal', () => {
  beforeEach(() => {
    shell.openExternal.mockReset();
    shell.openExternal.mockResolvedValue(undefined);
  });

  it('hands allowed URLs to the OS', async () => {
    const logger = recordingLogger();
    await expect(openExternal('https://developer.apple.com/', logger)).resolves.toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://developer.apple.com/');
  });

  it('refuses other URLs without touching the OS, and logs it', async () => {
    const logger = recordingLogger();
    await expect(openExternal('file:///etc/passwd', logger)).resolves.toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect(logger.lines).toEqual(['external.refused']);
  });

  it('reports a failing OS handler instead of throwing', async () => {
    shell.openExternal.mockRejectedValue(new Error('no handler'));
    const logger = recordingLogger();
    await expect(openExternal('mailto:a@example.com', logger)).resolves.toBe(false);
    expect(logger.lines).toEqual(['external.failed']);
  });
});
