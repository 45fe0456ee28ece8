// The single entry point for every command from any transport: name check -> schema parse ->
// handler -> envelope. A payload that fails its schema never reaches a service, and no error leaves
// with a secret in it (message and details pass redactSecrets).
import { OrchardError, type ErrorPayload } from '../../shared/errors';
import { commands, isCommandName } from '../../shared/ipc/contract';
import type { Envelope } from '../../shared/ipc/define';
import type { CallContext, Handlers } from './handlerTypes';
import type { Logger } from '../logging/logger';
import { redactSecrets, redactValue } from '../logging/redact';

export type Dispatch = (command: unknown, payload: unknown, ctx: CallContext) => Promise<Envelope<unknown>>;

export function createDispatcher(handlers: Handlers, logger: Logger): Dispatch {
  return async (command, payload, ctx) => {
    if (!isCommandName(command)) {
      return failure({ code: 'BAD_INPUT', message: `Unknown command ${JSON.stringify(String(command)).slice(0, 80)}.` });
    }
    const parsed = commands[command].input.safeParse(payload ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      logger.warn('ipc.rejected', { command, issues: issues.length });
      return failure({ code: 'BAD_INPUT', message: `Invalid input for ${command}: ${describeIssues(issues)}`, details: { issues } });
    }
    try {
      // The map type guarantees handlers[command] accepts this command's parsed input.
      const handler = handlers[command] as (input: unknown, ctx: CallContext) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data, ctx) };
    } catch (err) {
      return failure(toErrorPayload(err, command, logger));
    }
  };
}

function failure(error: ErrorPayload): Envelope<never> {
  const message = redactSecrets(error.message);
  return { ok: false, error: error.details === undefined ? { code: error.code, message } : { code: error.code, message, details: redactValue(error.details) } };
}

function describeIssues(issues: { path: string; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
    .join('; ');
}

/** Known errors pass through with their code; anything else becomes INTERNAL with a log line. */
export function toErrorPayload(err: unknown, command: string, logger: Logger): ErrorPayload {
  if (err instanceof OrchardError) return err.toPayload();
  logger.error('ipc.handler_failed', { command, error: err instanceof Error ? err.message : String(err) });
  return { code: 'INTERNAL', message: `Orchard failed while handling ${command}.` };
}
