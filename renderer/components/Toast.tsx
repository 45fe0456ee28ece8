// A short confirmation ("Saved.", "Key stored") that fades out by itself instead of staying on
// screen until the next action. The parent forgets it through onDone once it has faded.
import { useEffect, useRef, type ReactNode } from 'react';

/** Visible time before it is gone, including the fade at the end (see .toast in styles.css). */
const TOAST_MS = 4000;

export function Toast({ children, onDone, label }: { children: ReactNode; onDone: () => void; label?: string }) {
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    const timer = window.setTimeout(() => done.current(), TOAST_MS);
    return () => window.clearTimeout(timer);
  }, []);
  return (
    <span className="toast ok" role="status" aria-label={label}>
      {children}
    </span>
  );
}
