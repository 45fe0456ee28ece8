// Why a publish from the app did not finish, as an error payload a user can act on: the lake keeps
// its previous snapshot either way, so every message says what to do next, not what broke inside.
import { OrchardError, type ErrorPayload } from '../../shared/errors';

function errnoCode(error: unknown): string | undefined {
  const code = error instanceof Error && 'code' in error ? (error as { code: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

export function publishFailure(error: unknown, folder: string): ErrorPayload {
  if (error instanceof OrchardError) return { code: error.code, message: error.message };
  const detail = error instanceof Error ? error.message : String(error);
  switch (errnoCode(error)) {
    case 'ENOENT':
      return { code: 'NOT_FOUND', message: `The lake folder ${folder} is not reachable (a drive or share that is not mounted?): reconnect it, or choose another folder. The lake keeps its previous snapshot.` };
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return { code: 'READ_ONLY', message: `Orchard may not write in ${folder}: make the folder writable for your user, or choose another one. The lake keeps its previous snapshot.` };
    case 'ENOSPC':
      return { code: 'DISK_FULL', message: `The disk holding ${folder} is full: free some space, then publish again. The lake keeps its previous snapshot.` };
    default:
      return { code: 'INTERNAL', message: `Publishing to ${folder} failed (${detail}). The lake keeps its previous snapshot; publish again, and if it keeps failing, see the log.` };
  }
}
