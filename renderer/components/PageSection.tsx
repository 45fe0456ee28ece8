// The frame of a section's screen: a landmark labelled by its h1, optionally wide, and busy
// while it reloads (screen readers announce it, tests wait on it). Screens about one app name it
// in the heading ("Sync — Pocket Garden"), so the user always knows which app they act on.
import type { ReactNode } from 'react';
import { appLabel, useSelectedApp } from '../app/selectedApp';

export function PageSection({ id, title, wide = false, busy, forApp = false, children }: {
  id: string;
  title: string;
  wide?: boolean;
  busy?: boolean;
  /** The screen shows one app's data: its heading names the selected app. */
  forApp?: boolean;
  children: ReactNode;
}) {
  const app = appLabel(useSelectedApp());
  return (
    <section className={wide ? 'page page-wide' : 'page'} aria-labelledby={`${id}-title`} aria-busy={busy}>
      <h1 id={`${id}-title`}>{forApp && app ? `${title} — ${app}` : title}</h1>
      {children}
    </section>
  );
}
