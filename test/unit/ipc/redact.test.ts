// Log lines must never carry a private key, a JWT or a presigned URL signature.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLogger, redact } from '../../../main/logging/logger';

describe('redact', () => {
  it('removes private keys, bearer tokens, JWTs and S3 signatures', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const body = pem.split('\n')[1]!;
    const jwt = 'eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJ4eHh4eHh4eCJ9.c2lnbmF0dXJlc2lnbmF0dXJl';
    const text = `key=${pem} auth=Bearer abc.def.ghi token ${jwt} url=https://s3/x?X-Amz-Signature=deadbeef&X-Amz-Expires=300`;
    const out = redact(text);
    expect(out).not.toContain(body);
    expect(out).not.toContain(jwt);
    expect(out).not.toContain('abc.def.ghi');
    expect(out).not.toContain('deadbeef');
    expect(out).toContain('X-Amz-Expires=300');
  });

  it('applies to every logged field', () => {
    const lines: string[] = [];
    createLogger({ sink: (l) => lines.push(l) }).info('x', { header: 'Bearer secret-token-value' });
    expect(lines[0]).not.toContain('secret-token-value');
  });
});
