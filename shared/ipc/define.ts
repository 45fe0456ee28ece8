// Building blocks of the IPC contract: a command pairs a zod schema for its input (checked in
// main before any service runs) with the TypeScript type of its reply (a phantom type: replies
// come from our own services, so they are typed, not parsed).
import type { z } from 'zod';
import type { ErrorPayload } from '../errors';

export interface CommandSpec<I extends z.ZodType, O> {
  readonly input: I;
  /** Phantom: carries the reply type only; always undefined at run time. */
  readonly output?: O;
}

export function command<I extends z.ZodType>(input: I) {
  return {
    returns<O>(): CommandSpec<I, O> {
      return { input };
    },
  };
}

/** What every command call resolves to across a transport: never a thrown Electron error. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };
