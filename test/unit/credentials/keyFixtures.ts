// Keys generated at run time for the credentials tests: a real App Store Connect-shaped P-256
// PKCS#8 key and the look-alikes users pick by mistake. No key material is checked in.
import { generateKeyPairSync } from 'node:crypto';
export { failure as rejection } from '../../support/failure';

export function p256Pkcs8Pem(): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export function p256PublicKeyPem(): string {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

export function p256Sec1Pem(): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return privateKey.export({ type: 'sec1', format: 'pem' }).toString();
}

export function p384Pkcs8Pem(): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export function rsaPems(): { pkcs8: string; pkcs1: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    pkcs8: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    pkcs1: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
  };
}

export function ed25519Pkcs8Pem(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export function encryptedP256Pem(): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString();
}

/** The base64 body of a PEM without line breaks: what must never appear in metadata or messages. */
export function pemBody(pem: string): string {
  return pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s/g, '');
}

/** Distinctive slices of a PEM body, to scan text for any leaked part of a key. */
export function bodySlices(pem: string): string[] {
  const body = pemBody(pem);
  // Skip the first 48 characters: the PKCS#8 EC header is identical in every P-256 key.
  return [body.slice(48, 80), body.slice(80, 112), body.slice(-32)].filter((slice) => slice.length >= 16);
}

export const ISSUER_ID = '57246542-96fe-1a63-e053-0824d011072a';

