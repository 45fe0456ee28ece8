// Types every handler shares: what it receives and what the dispatcher expects of it.
import type { CommandName, CommandOutput, ParsedInput } from '../../shared/ipc/contract';

/** Who called: the dispatcher fills this in after the transport checked the sender. */
export interface CallContext {
  transport: 'electron' | 'browser' | 'internal' | 'test';
}

export type Handler<N extends CommandName> = (input: ParsedInput<N>, ctx: CallContext) => Promise<CommandOutput<N>>;

export type Handlers = { [N in CommandName]: Handler<N> };

/** A domain contributes handlers for some commands; createHandlers joins them. */
export type PartialHandlers = Partial<Handlers>;
