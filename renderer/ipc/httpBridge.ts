// OrchardBridge over the loopback bridge: POST /ipc/<command> for calls, one EventSource for events.
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
        const message = res.status === 401 ? 'This tab is not authorised: open the link Orchard printed.' : await res.text();
        return { ok: false, error: { code: 'INTERNAL', message } };
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
