// Browser mode opened without its per-launch token (or with an earlier run's): one clear page
// instead of a workbench stuck on "Opening…" and a first-run welcome that is not true.
export function InvalidLinkPage() {
  return (
    <main className="invalid-link" aria-labelledby="invalid-link-title">
      <h1 id="invalid-link-title">This link is not valid</h1>
      <p>Open the URL printed in the terminal where Orchard is running (<code>npm run web</code>).</p>
      <p className="muted">
        That URL carries a key after <code>#token=</code> that changes every time Orchard starts: this tab has none, or one from an
        earlier run.
      </p>
    </main>
  );
}
