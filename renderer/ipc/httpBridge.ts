// OrchardBridge over the loopback bridge: POST /ipc/<command> for calls, one EventSource for events.
// Before the UI starts, one cheap authenticated call tells a valid link from a missing or stale token.
import type { OrchardBridge } from '../../shared/ipc/bridge';
import type { Envelope } from '../../shared/ipc/define';
import { isEventName, type EventName } from '../../shared/ipc/events';

type Listener = (payload: unknown) => void;

export function createHttpBridge(token: string): OrchardBridge {
  const listeners = new Map<EventName, Set<Listener>>();
  let source: EventSource | null = null;

  function ensureStream(): void {
    if (source) return;
    source = new EventSource(`/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (msg) => {
      const data = JSON.parse(String(msg.data)) as { event: unknown; payload: unknown };
      if (!isEventName(data.event)) return;
      for (const l of listeners.get(data.event) ?? []) l(data.payload);
    };
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
