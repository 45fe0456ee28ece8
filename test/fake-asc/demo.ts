// Demo seeding: a few apps with history and a fresh ADMIN team key, so the app's demo mode shows
// real-looking data without an Apple account. The key pair is generated at runtime, never stored.

import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { DAY_MS } from './dates';
import type { AppSpec, FakeAsc } from './types';

export interface DemoCredentials {
  keyId: string;
  issuerId: string;
  privateKeyPem: string;
}

export const DEMO_APPS: readonly AppSpec[] = [
  { id: '6447000101', name: 'Pocket Garden', bundleId: 'com.example.pocketgarden', sku: 'POCKETGARDEN', activity: 1.5 },
  { id: '6447000102', name: 'Trail Notes', bundleId: 'com.example.trailnotes', sku: 'TRAILNOTES', activity: 1 },
  { id: '6447000103', name: 'Quiet Hours', bundleId: 'com.example.quiethours', sku: 'QUIETHOURS', activity: 0.5, commerce: false },
];

/** How long ago the demo's ONGOING requests were created, so a month of instances exists. */
const DEMO_HISTORY_DAYS = 30;
const KEY_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomKeyId(): string {
  return [...randomBytes(10)].map((b) => KEY_ID_ALPHABET[b % KEY_ID_ALPHABET.length]).join('');
}

/**
 * Adds the demo apps and an ADMIN key. Every app has history: the first two through ONGOING
 * requests, the last through a history snapshot only, so a newcomer can still try requesting
 * ongoing reports for it.
 */
export async function seedDemo(fake: FakeAsc): Promise<DemoCredentials> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const credentials = { keyId: randomKeyId(), issuerId: randomUUID(), privateKeyPem: privateKey };
  fake.registerKey({ keyId: credentials.keyId, issuerId: credentials.issuerId, publicKeyPem: publicKey, role: 'ADMIN' });
  const createdAt = new Date(fake.clock.now().getTime() - DEMO_HISTORY_DAYS * DAY_MS);
  for (const [index, app] of DEMO_APPS.entries()) {
    fake.addApp(app);
    fake.createRequest(app.id, index < DEMO_APPS.length - 1 ? 'ONGOING' : 'ONE_TIME_SNAPSHOT', { createdAt });
  }
  return credentials;
}
