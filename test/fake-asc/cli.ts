// Demo server entry: starts a fake App Store Connect that follows the wall clock, seeds the demo
// apps and key, and prints where to reach it. Exported, not self-running: a bundle entry calls it.

import { seedDemo } from './demo';
import { startFakeAsc } from './fake';
import type { FakeAsc } from './types';

export interface DemoServer {
  fake: FakeAsc;
  keyId: string;
  issuerId: string;
  privateKeyPem: string;
}

/** `--port N`, `--segment-port N`, `--seed N`; `--print-private-key` also prints the demo-only PEM. */
export async function runFakeAscCli(argv: readonly string[], print: (line: string) => void = console.log): Promise<DemoServer> {
  const numberAfter = (flag: string) => {
    const index = argv.indexOf(flag);
    const value = index >= 0 ? Number(argv[index + 1]) : undefined;
    return value !== undefined && Number.isInteger(value) ? value : undefined;
  };
  const fake = await startFakeAsc({
    followWallClock: true, inactivityDays: Infinity,
    port: numberAfter('--port') ?? 0, segmentPort: numberAfter('--segment-port') ?? 0, seed: numberAfter('--seed') ?? 1,
  });
  const credentials = await seedDemo(fake);
  print(`fake App Store Connect: ${fake.baseUrl}`);
  print(`segment host (S3 stand-in): ${fake.segmentBaseUrl}`);
  print(`key ID: ${credentials.keyId}`);
  print(`issuer ID: ${credentials.issuerId}`);
  if (argv.includes('--print-private-key')) print(credentials.privateKeyPem.trim());
  return { fake, ...credentials };
}
