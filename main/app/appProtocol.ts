// The app:// scheme the renderer is served from: a privileged, standard, secure origin
// (app://orchard) instead of file://, so the CSP, fetch and same-origin rules behave as on the web.
import { protocol } from 'electron';
import { APP_SCHEME } from './appOrigin';
import { respondWithRendererFile } from './rendererFiles';

/** Must run before `app` is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        // Vite emits <script type="module" crossorigin>: module loads go through CORS checks.
        corsEnabled: true,
        codeCache: true,
      },
    },
  ]);
}

/** Serves files from `rendererDir` only (see resolveAppRequestPath); call once the app is ready. */
export function serveRendererFiles(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => respondWithRendererFile(rendererDir, request));
}
