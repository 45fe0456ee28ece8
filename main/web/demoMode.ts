// `npm run web -- --demo`: starts the bundled fake App Store Connect with generated apps and a
// month of history, points the services at it, and adds its key for this session only, so a
// newcomer without an Apple account sees the whole app working.
import { seedDemo, startFakeAsc, type FakeAsc } from '../../test/fake-asc';

export interface DemoBackend {
  fake: FakeAsc;
  credentials: { keyId: string; issuerId: string; privateKeyPem: string };
}

export async function startDemoBackend(): Promise<DemoBackend> {
  const fake = await startFakeAsc({ followWallClock: true, inactivityDays: Infinity });
  const credentials = await seedDemo(fake);
  return { fake, credentials };
}
