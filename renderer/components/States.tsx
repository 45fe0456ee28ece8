// The three states every screen has besides its content: loading, empty (with the next step),
// and error (with the reason, what to do, and a retry).
import type { ReactNode } from 'react';
import { ERROR_HINTS, type OrchardError } from '../../shared/errors';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      {label}
    </div>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="state state-empty" role="status">
      <h2>{title}</h2>
      {children && <p>{children}</p>}
      {action}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: OrchardError; onRetry?: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <h2>{error.message}</h2>
      <p>{ERROR_HINTS[error.code]}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
