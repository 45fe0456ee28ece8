// The dispatcher is the one gate between any transport and the services: these tests prove a
// payload that fails its schema is rejected with a typed error and never reaches a handler.
import { describe, expect, it, vi } from 'vitest';
import { OrchardError } from '../../../shared/errors';
import { createDispatcher } from '../../../main/ipc/dispatch';
import type { Handlers } from '../../../main/ipc/handlerTypes';
import { createLogger, silentLogger } from '../../../main/logging/logger';

function handlersWith(overrides: Partial<Handlers> = {}) {
  const calls: string[] = [];
  const base = {
    'app:info': vi.fn(async () => {
      calls.push('app:info');
      return { name: 'Orchard', version: '1', mode: 'browser' as const, demo: false, dataDir: '/d', platform: 'linux' };
    }),
    'prefs:get': vi.fn(async () => ({ theme: 'system' as const })),
    'prefs:update': vi.fn(async (patch: { theme?: 'system' | 'light' | 'dark' }) => ({ theme: patch.theme ?? 'system' })),
  };
  return { handlers: { ...base, ...overrides } as unknown as Handlers, base, calls };
}

const ctx = { transport: 'test' as const };

describe('dispatch', () => {
  it('calls the handler with the parsed input and wraps the reply', async () => {
    const { handlers, base } = handlersWith();
    const dispatch = createDispatcher(handlers, silentLogger);
    await expect(dispatch('prefs:update', { theme: 'dark' }, ctx)).resolves.toEqual({ ok: true, value: { theme: 'dark' } });
    expect(base['prefs:update']).toHaveBeenCalledWith({ theme: 'dark' }, ctx);
  });

  it('rejects a payload that fails its schema without reaching the service', async () => {
    const { handlers, base } = handlersWith();
    const dispatch = createDispatcher(handlers, silentLogger);
    for (const bad of [{ theme: 'purple' }, { theme: 'dark', extra: 1 }, 'dark', [1], { theme: 42 }]) {
      const res = await dispatch('prefs:update', bad, ctx);
      expect(res.ok).toBe(false);
      if (!res.ok) {
        expect(res.error.code).toBe('BAD_INPUT');
        expect(res.error.message).toContain('prefs:update');
      }
    }
    expect(base['prefs:update']).not.toHaveBeenCalled();
  });

  it('rejects unknown and non-string command names', async () => {
    const { handlers } = handlersWith();
    const dispatch = createDispatcher(handlers, silentLogger);
    for (const name of ['shell:exec', '__proto__', 'constructor', 42, null]) {
      const res = await dispatch(name, {}, ctx);
      expect(res).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
  });

  it('passes OrchardError codes through and hides unexpected errors behind INTERNAL', async () => {
    const lines: string[] = [];
    const logger = createLogger({ sink: (l) => lines.push(l) });
    const { handlers } = handlersWith({
      'prefs:get': async () => {
        throw new OrchardError('SECRET_STORE_UNAVAILABLE', 'Keychain locked', { hint: 'unlock' });
      },
      'app:info': async () => {
        throw new Error('boom at /home/user/secret/path');
      },
    });
    const dispatch = createDispatcher(handlers, logger);
    await expect(dispatch('prefs:get', {}, ctx)).resolves.toEqual({
      ok: false,
      error: { code: 'SECRET_STORE_UNAVAILABLE', message: 'Keychain locked', details: { hint: 'unlock' } },
    });
    const internal = await dispatch('app:info', {}, ctx);
    expect(internal).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Orchard failed while handling app:info.' } });
    expect(lines.some((l) => l.includes('ipc.handler_failed'))).toBe(true);
  });
});
