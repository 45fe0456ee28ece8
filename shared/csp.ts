// The renderer's Content-Security-Policy, applied by the Electron protocol handler and the
// loopback bridge as a header (and mirrored in renderer/index.html as a meta tag).
// No inline script, no remote origins. Inline styles are allowed because the editor and
// virtualised grid set element styles at run time; scripts stay locked to the app's own files.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
