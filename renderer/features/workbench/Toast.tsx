// A short message in a live region that fades out by itself: a CSS animation runs to its end and
// then the owner clears the message (with reduced motion it simply stays until the next one).
export interface ToastMessage {
  text: string;
  /** Tells two identical messages apart, so the same text fades in again. */
  id: number;
}

export function Toast({ message, className, onDone }: { message: ToastMessage | null; className: string; onDone: () => void }) {
  return (
    <span className={className} role="status" aria-live="polite">
      {message && message.text !== '' && (
        <span key={message.id} className="wb-toast" onAnimationEnd={onDone}>
          {message.text}
        </span>
      )}
    </span>
  );
}

/** The next message to show: same text again gets a new id. */
export function nextToast(previous: ToastMessage | null, text: string): ToastMessage {
  return { text, id: (previous?.id ?? 0) + 1 };
}
