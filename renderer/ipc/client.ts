// The typed client the UI uses: `client.invoke('prefs:get', {})` resolves with the command's reply
// type or throws OrchardError with the main process's code.
import { OrchardError } from '../../shared/errors';
import type { OrchardBridge } from '../../shared/ipc/bridge';
import type { CommandInput, CommandName, CommandOutput } from '../../shared/ipc/contract';
import type { EventMap, EventName } from '../../shared/ipc/events';

export interface OrchardClient {
  invoke<N extends CommandName>(command: N, input: CommandInput<N>): Promise<CommandOutput<N>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}

export function createClient(bridge: OrchardBridge): OrchardClient {
  return {
    async invoke(command, input) {
      const envelope = await bridge.invoke(command, input);
      if (!envelope.ok) throw OrchardError.fromPayload(envelope.error);
      return envelope.value as CommandOutput<typeof command>;
    },
    on: (event, listener) => bridge.on(event, listener),
  };
}
