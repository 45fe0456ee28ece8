// The log file: lines land in <dataDir>/logs/orchard.log, redacted, and a large file is rotated.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileSink, LOG_FILE } from '../../../main/logging/fileSink';
import { createLogger } from '../../../main/logging/logger';

describe('log file sink', () => {
  it('appends redacted JSON lines under the data folder', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'orchard-log-'));
    const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const logger = createLogger({ sink: createFileSink(dir) });
    logger.info('one', { n: 1 });
    logger.error('two', { oops: `failed with ${pem}` });
    const lines = readFileSync(path.join(dir, LOG_FILE), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.event)).toEqual(['one', 'two']);
    expect(JSON.stringify(lines)).not.toContain(pem.split('\n')[1]);
  });

  it('rotates a file that grew too large at start-up', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'orchard-log-'));
    mkdirSync(path.join(dir, 'logs'));
    writeFileSync(path.join(dir, LOG_FILE), 'x'.repeat(100));
    createFileSink(dir, 50)('fresh');
    expect(readFileSync(path.join(dir, LOG_FILE), 'utf8')).toBe('fresh\n');
    expect(existsSync(path.join(dir, 'logs', 'orchard.1.log'))).toBe(true);
  });
});
