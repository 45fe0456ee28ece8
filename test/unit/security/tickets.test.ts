// One-time tickets and the confirmation gate with an injected clock: single use, bound to one
// action and target, dead after their time to live, bounded in number.
import { describe, expect, it } from 'vitest';
import { createConfirmationGate } from '../../../main/security/confirmationGate';
import { TICKET_PATTERN, createTicketBook } from '../../../main/security/ticketBook';
import { OrchardError } from '../../../shared/errors';

function clock(start = Date.parse('2026-03-01T10:00:00Z')) {
  const state = { ms: start };
  return { now: () => new Date(state.ms), advance: (ms: number) => (state.ms += ms) };
}

describe('ticket book', () => {
  it('redeems a ticket once, only before it expires', () => {
    const time = clock();
    const book = createTicketBook<string>({ now: time.now, ttlMs: 1000 });
    const a = book.issue('a');
    expect(a.ticket).toMatch(TICKET_PATTERN);
    expect(a.expiresAt.toISOString()).toBe('2026-03-01T10:00:01.000Z');
    expect(book.redeem(a.ticket)).toBe('a');
    expect(book.redeem(a.ticket)).toBeUndefined();
    const b = book.issue('b');
    time.advance(1000);
    expect(book.redeem(b.ticket)).toBeUndefined();
    expect(book.size()).toBe(0);
  });

  it('spends a ticket presented for the wrong thing', () => {
    const book = createTicketBook<string>({ now: clock().now, ttlMs: 60_000 });
    const a = book.issue('a');
    expect(book.redeem(a.ticket, (v) => v === 'b')).toBeUndefined();
    expect(book.redeem(a.ticket)).toBeUndefined();
  });

  it('when full, refuses new tickets and keeps the live ones (no eviction by flooding)', () => {
    const time = clock();
    const book = createTicketBook<string>({ now: time.now, ttlMs: 60_000, maxLive: 3 });
    const pending = book.issue('pending');
    book.issue('2');
    book.issue('3');
    for (let i = 0; i < 50; i += 1) expect(() => book.issue(`flood ${i}`)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(book.size()).toBe(3);
    expect(book.redeem(pending.ticket)).toBe('pending');
    expect(book.issue('after one was used').ticket).toMatch(TICKET_PATTERN);
    time.advance(60_000);
    expect(book.size()).toBe(0);
  });

  it("with whenFull 'dropOldest', evicts the oldest instead", () => {
    const book = createTicketBook<string>({ now: clock().now, ttlMs: 60_000, maxLive: 3, whenFull: 'dropOldest' });
    const issued = ['1', '2', '3', '4'].map((v) => book.issue(v));
    expect(book.size()).toBe(3);
    expect(book.redeem(issued[0]!.ticket)).toBeUndefined();
    expect(book.redeem(issued[3]!.ticket)).toBe('4');
  });
});

describe('confirmation gate', () => {
  const describeIt = async () => ({ title: 't', message: 'm', detail: 'd', confirmLabel: 'c' });

  it('refuses an expired ticket with FORBIDDEN', async () => {
    const time = clock();
    const gate = createConfirmationGate({ now: time.now, ttlMs: 5000 });
    const { ticket, nativeDialog } = gate.prepare({ action: 'query:clearHistory' });
    expect(nativeDialog).toBe(false);
    time.advance(5001);
    const error = await gate.authorize({ action: 'query:clearHistory' }, ticket, describeIt).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrchardError);
    expect((error as OrchardError).code).toBe('FORBIDDEN');
  });

  it('binds the ticket to the exact target', async () => {
    const gate = createConfirmationGate({ now: clock().now });
    const { ticket } = gate.prepare({ action: 'requests:delete', appId: '1', requestId: 'r-1' });
    await expect(gate.authorize({ action: 'requests:delete', appId: '2', requestId: 'r-1' }, ticket, describeIt)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const again = gate.prepare({ action: 'requests:delete', appId: '1', requestId: 'r-1' });
    await expect(gate.authorize({ action: 'requests:delete', appId: '1', requestId: 'r-1' }, again.ticket, describeIt)).resolves.toBeUndefined();
  });

  it('a flood of confirm:prepare calls cannot evict a pending ticket', async () => {
    const gate = createConfirmationGate({ now: clock().now });
    const pending = gate.prepare({ action: 'keys:replace', keyId: 'K' });
    const flood = Array.from({ length: 600 }, (_, i) => {
      try {
        return gate.prepare({ action: 'imports:drop', table: `t${i}` });
      } catch (error) {
        return error;
      }
    });
    expect(flood.filter((r) => r instanceof OrchardError).length).toBeGreaterThan(0);
    await expect(gate.authorize({ action: 'keys:replace', keyId: 'K' }, pending.ticket, describeIt)).resolves.toBeUndefined();
  });

  it('binds each destructive action to its own target', async () => {
    const gate = createConfirmationGate({ now: clock().now });
    const pairs = [
      [{ action: 'keys:replace', keyId: 'A' }, { action: 'keys:remove', keyId: 'A' }],
      [{ action: 'query:deleteSaved', name: 'q' }, { action: 'query:overwriteSaved', name: 'q' }],
      [{ action: 'imports:drop', table: 'a' }, { action: 'imports:drop', table: 'b' }],
      [{ action: 'imports:replace', table: 'a' }, { action: 'imports:drop', table: 'a' }],
      [{ action: 'quarantine:clear' }, { action: 'warehouse:rebuild' }],
    ] as const;
    for (const [issued, used] of pairs) {
      const { ticket } = gate.prepare(issued);
      await expect(gate.authorize(used, ticket, describeIt)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const fresh = gate.prepare(issued);
      await expect(gate.authorize(issued, fresh.ticket, describeIt)).resolves.toBeUndefined();
    }
  });

  it('with native dialogs, asks after the ticket checks out and cancels on "no"', async () => {
    const asked: string[] = [];
    const gate = createConfirmationGate({ now: clock().now, dialogs: { saveFile: async () => null, confirm: async (r) => (asked.push(r.message), false) } });
    const { ticket, nativeDialog } = gate.prepare({ action: 'keys:remove', keyId: 'K' });
    expect(nativeDialog).toBe(true);
    await expect(gate.authorize({ action: 'keys:remove', keyId: 'K' }, ticket, describeIt)).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(asked).toEqual(['m']);
  });
});
