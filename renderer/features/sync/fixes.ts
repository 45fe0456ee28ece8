// What to do about a problem a sync ran into: a concrete next step per error class, more
// specific than the generic hint where the sync context tells us more.
import { ERROR_HINTS } from '../../../shared/errors';
import type { SyncIssue } from '../../../shared/sync';

export function suggestFix(issue: SyncIssue): string {
  const { code, message } = issue.error;
  switch (code) {
    case 'AUTH_FAILED':
      return 'Open API Keys and test the key: a wrong issuer ID or a revoked key must be fixed or replaced there.';
    case 'FORBIDDEN':
      return 'Use a key with the Admin role (to request reports) or Sales and Reports (to download them).';
    case 'RATE_LIMITED':
      return 'Apple’s hourly quota for this key is used up: sync again in an hour; finished downloads are kept.';
    case 'NETWORK':
      return 'Check the internet connection or proxy, then sync again: files already downloaded are not fetched twice.';
    case 'NOT_FOUND':
      return issue.instanceId
        ? 'Apple no longer has this instance (it keeps them 35 days). A new history snapshot can recover those dates.'
        : ERROR_HINTS.NOT_FOUND;
    case 'CHECKSUM_MISMATCH':
      return 'The damaged file was quarantined and the next sync downloads it again; if it keeps failing, Apple’s file itself is bad.';
    case 'DISK_FULL':
      return 'Free disk space (see the data folder size in Settings), then sync again.';
    case 'CANCELLED':
      return 'Sync again to continue where it stopped.';
    case 'BAD_INPUT':
      return /segment|file|column|line/i.test(message)
        ? 'The file did not match the expected layout and was not loaded; it stays in the data folder. Report it with the log.'
        : ERROR_HINTS.BAD_INPUT;
    default:
      return ERROR_HINTS[code];
  }
}
