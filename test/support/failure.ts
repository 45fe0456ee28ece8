// Awaits a promise that must reject with an OrchardError and returns that error, so a test can
// assert its code and message. One helper for every suite.
import { expect } from 'vitest';
import { OrchardError } from '../../shared/errors';

export async function failure(promise: Promise<unknown>): Promise<OrchardError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OrchardError);
  return error as OrchardError;
}
