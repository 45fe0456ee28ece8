// Browser mode opened without its per-launch token (or with an earlier run's): one clear page
// instead of a workbench stuck on "Opening…" and a first-run welcome that is not true.
import { useEffect } from 'react';

/** The fragment the printed URL carries; the same pattern the bridge's token reader accepts. */
const TOKEN_IN_HASH = /(?:^#|&)token=[\w-]+/;

export function InvalidLinkPage() {
  useEffect(() => {
    // Pasting the new URL into this tab changes only the fragment when the port is the same, and
    // a fragment change loads nothing: start again so the bridge is built with the new token.
    const retry = () => {
      if (TOKEN_IN_HASH.test(window.location.hash)) window.location.reload();
    };
    window.addEventListener('hashchange', retry);
    return () => window.removeEventListener('hashchange', retry);
  }, []);
  return (
    <main className="invalid-link" aria-labelledby="invalid-link-title">
      <h1 id="invalid-link-title">This link is not valid</h1>
      <p>Open the URL printed in the terminal where Orchard is running (<code>npm run web</code>).</p>
      <p className="muted">
        That URL carries a key after <code>#token=</code> that changes every time Orchard starts: this tab has none, or one from an
        earlier run. Pasting the new URL into this tab is enough.
      </p>
    </main>
  );
}
