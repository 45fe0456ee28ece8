// Confirmations of destructive actions as they cross IPC. Main issues a single-use ticket for
// exactly one action on one target; the destructive command must carry it. In the desktop app main
// also asks the user itself in a native dialog, so the renderer can neither skip nor fake the answer.

/** What a ticket looks like: 32 random bytes in base64url. */
export const CONFIRMATION_TICKET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The action and its target, exactly as the destructive command will name them. */
export type DestructiveAction =
  | { action: 'requests:delete'; appId: string; requestId: string }
  | { action: 'requests:recreate'; appId: string; requestId: string }
  | { action: 'keys:remove'; keyId: string }
  /** keys:add with `replace`: the stored private key of that key ID is overwritten. */
  | { action: 'keys:replace'; keyId: string }
  | { action: 'query:clearHistory' }
  | { action: 'query:deleteSaved'; name: string }
  /** query:save under a name whose .sql file already exists. */
  | { action: 'query:overwriteSaved'; name: string }
  | { action: 'quarantine:clear' }
  | { action: 'imports:drop'; table: string }
  /** imports:finish with `replace`: the existing user.<table> is replaced. */
  | { action: 'imports:replace'; table: string }
  | { action: 'warehouse:rebuild' };

export interface ConfirmationTicket {
  ticket: string;
  expiresAt: string;
  /**
   * True in the desktop app: main shows its own native confirmation when the command arrives, so
   * the renderer sends the command at once instead of showing its own dialog.
   */
  nativeDialog: boolean;
}
