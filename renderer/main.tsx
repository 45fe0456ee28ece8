// Renderer entry: connect to the main process (preload or loopback bridge) and mount the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createClient } from './ipc/client';
import { ClientProvider } from './ipc/ClientContext';
import { resolveBridge } from './ipc/transport';
import './styles.css';

const client = createClient(resolveBridge());
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ClientProvider client={client}>
        <App />
      </ClientProvider>
    </StrictMode>,
  );
}
