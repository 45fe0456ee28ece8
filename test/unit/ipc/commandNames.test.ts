import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES_LIST, isListedCommand } from '../../../shared/ipc/commandNames';
import { commands } from '../../../shared/ipc/contract';

describe('command names for the preload', () => {
  it('are exactly the contract’s commands', () => {
    expect([...COMMAND_NAMES_LIST].sort()).toEqual(Object.keys(commands).sort());
  });
  it('refuse anything else, including prototype keys', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'shell:exec', 42, null]) expect(isListedCommand(name)).toBe(false);
    expect(isListedCommand('app:info')).toBe(true);
  });
});
