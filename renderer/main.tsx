// Renderer entry: connect to the main process (preload or loopback bridge) and mount the app —
// or, in browser mode without a valid token, one page saying which link to open.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { InvalidLinkPage } from './app/InvalidLinkPage';
import { createClient } from './ipc/client';
import { ClientProvider } from './ipc/ClientContext';
import { resolveBridge } from './ipc/transport';
import './styles.css';

const { bridge, access } = resolveBridge();
const client = createClient(bridge);
const root = document.getElementById('root');
if (root) {
  const view = createRoot(root);
  void access.then((state) =>
    view.render(
      <StrictMode>
        {state === 'invalid' ? (
          <InvalidLinkPage />
        ) : (
          <ClientProvider client={client}>
            <App />
          </ClientProvider>
        )}
      </StrictMode>,
    ),
  );
}
