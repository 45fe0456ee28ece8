// Words for the outcome of a key's connection test, so every screen says it the same way.
import type { ConnectionResult } from '../../../shared/keys';

export function connectionText(result: ConnectionResult): { tone: 'ok' | 'bad'; text: string } {
  switch (result.status) {
    case 'works':
      return {
        tone: 'ok',
        text: result.appsVisible === undefined ? 'Works' : `Works — ${result.appsVisible} app${result.appsVisible === 1 ? '' : 's'} visible`,
      };
    case 'unauthorized':
      return { tone: 'bad', text: `Wrong issuer ID or key (401). ${withoutStatus(result.message, 401)}` };
    case 'forbidden':
      return { tone: 'bad', text: `Revoked, or the key's role lacks access (403). ${withoutStatus(result.message, 403)}` };
    case 'network':
      return { tone: 'bad', text: `App Store Connect is not reachable. ${result.message}` };
    case 'error':
      return { tone: 'bad', text: result.message };
  }
}

/** The status is already named once in front; Apple's message must not repeat it. */
function withoutStatus(message: string, status: number): string {
  return message.replaceAll(` (${status})`, '');
}
