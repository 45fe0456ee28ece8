// The frame of a section's screen: a landmark labelled by its h1, optionally wide, and busy
// while it reloads (screen readers announce it, tests wait on it).
import type { ReactNode } from 'react';

export function PageSection({ id, title, wide = false, busy, children }: { id: string; title: string; wide?: boolean; busy?: boolean; children: ReactNode }) {
  return (
    <section className={wide ? 'page page-wide' : 'page'} aria-labelledby={`${id}-title`} aria-busy={busy}>
      <h1 id={`${id}-title`}>{title}</h1>
      {children}
    </section>
  );
}
