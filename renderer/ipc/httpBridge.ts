// OrchardBridge over the loopback bridge: POST /ipc/<command> for calls, one EventSource for events.
// The token travels only in a header; the event stream opens with a one-time ticket fetched by an
// authenticated POST (an EventSource cannot send headers), and a new ticket on every reconnect.
// Before the UI starts, one cheap authenticated call tells a valid link from a missing or stale token.
import type { OrchardBridge } from '../../shared/ipc/bridge';
import type { Envelope } from '../../shared/ipc/define';
import { isEventName, type EventName } from '../../shared/ipc/events';

type Listener = (payload: unknown) => void;

export function createHttpBridge(token: string): OrchardBridge {
  const listeners = new Map<EventName, Set<Listener>>();
  const stream: { source: EventSource | null; opening: boolean; retryMs: number } = { source: null, opening: false, retryMs: 500 };

  async function openStream(): Promise<void> {
    stream.opening = true;
    try {
      const res = await fetch('/events/ticket', { method: 'POST', headers: { 'X-Orchard-Token': token } });
      if (!res.ok) throw new Error(`ticket: ${res.status}`);
      const { ticket } = (await res.json()) as { ticket: string };
      const source = new EventSource(`/events?ticket=${encodeURIComponent(ticket)}`);
      source.onopen = () => (stream.retryMs = 500);
      source.onmessage = (msg) => {
        const data = JSON.parse(String(msg.data)) as { event: unknown; payload: unknown };
        if (!isEventName(data.event)) return;
        for (const l of listeners.get(data.event) ?? []) l(data.payload);
      };
      // The ticket is spent: EventSource's own retry would be refused, so reconnect with a new one.
      source.onerror = () => {
        source.close();
        if (stream.source === source) stream.source = null;
        reconnectLater();
      };
      stream.source = source;
    } catch {
      reconnectLater();
    } finally {
      stream.opening = false;
    }
  }

  function reconnectLater(): void {
    const wait = stream.retryMs;
    stream.retryMs = Math.min(stream.retryMs * 2, 10_000);
    setTimeout(ensureStream, wait);
  }

  function ensureStream(): void {
    if (stream.source || stream.opening) return;
    void openStream();
  }

  return {
    async invoke(command, payload) {
      let res: Response;
      try {
        res = await fetch(`/ipc/${encodeURIComponent(command)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Orchard-Token': token },
          body: JSON.stringify(payload ?? {}),
        });
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: 'Orchard’s background process is not reachable. Restart it.' } };
      }
      if (!res.ok) {
        if (res.status === 401) {
          return { ok: false, error: { code: 'INTERNAL', message: 'This link is not valid: open the URL printed in the terminal.', details: { reason: 'bad-token' } } };
        }
        return { ok: false, error: { code: 'INTERNAL', message: await res.text() } };
      }
      return (await res.json()) as Envelope<unknown>;
    },
    on(event, listener) {
      ensureStream();
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener as Listener);
      listeners.set(event, set);
      return () => set.delete(listener as Listener);
    },
  };
}

/** 'invalid': no token, or one the bridge refuses (an earlier run's). 'unreachable': no answer. */
export async function checkBridgeToken(token: string): Promise<'ok' | 'invalid' | 'unreachable'> {
  if (token === '') return 'invalid';
  try {
    const res = await fetch('/ipc/app%3Ainfo', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Orchard-Token': token },
      body: '{}',
    });
    return res.status === 401 ? 'invalid' : 'ok';
  } catch {
    return 'unreachable';
  }
}
