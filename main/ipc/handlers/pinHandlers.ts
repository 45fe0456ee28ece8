// Handlers for pins:* commands: "My dashboard" tiles made of saved workbench queries.
import type { PinService } from '../../insights/pins/pinService';
import type { PartialHandlers } from '../handlerTypes';

export function pinHandlers(pins: PinService) {
  return {
    'pins:list': async () => pins.list(),
    'pins:add': async (input) => pins.add(input),
    'pins:remove': async ({ pinId }) => ({ removed: await pins.remove(pinId) }),
    'pins:move': async ({ pinId, position, size }) => pins.move(pinId, { position, size }),
    'pins:run': async (request) => pins.run(request),
    'pins:fill': async ({ sql, controls }) => pins.fill(sql, controls),
    'pins:cancel': async ({ requestId }) => ({ cancelled: pins.cancel(requestId) }),
  } satisfies PartialHandlers;
}
