import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

// The renderer is a static bundle served by the app:// protocol (Electron) or the loopback
// bridge (browser mode): relative asset paths, no inline scripts (the CSP forbids them).
export default defineConfig({
  root: path.resolve(here),
  base: './',
  plugins: [react()],
  build: {
    outDir: path.resolve(here, '../dist/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    // Maps are written for local debugging but not referenced from the bundle, and neither the
    // bridge nor app:// serves .map files.
    sourcemap: 'hidden',
  },
});
