import { describe, expect, it } from 'vitest';
import { OrchardError } from '../../../shared/errors';
import type { AddKeyInput } from '../../../shared/keys';
import { keyIdFromFileName, validateKeyInput } from '../../../main/credentials/keyValidation';
import { bodySlices, ISSUER_ID, p256Pkcs8Pem, rsaPems } from './keyFixtures';

const PEM = p256Pkcs8Pem();

async function badInput(input: AddKeyInput): Promise<OrchardError> {
  const err = await validateKeyInput(input).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OrchardError);
  const orchardError = err as OrchardError;
  expect(orchardError.code).toBe('BAD_INPUT');
  const serialised = JSON.stringify(orchardError.toPayload());
  for (const slice of [...bodySlices(PEM), ...bodySlices(input.pem)]) expect(serialised).not.toContain(slice);
  return orchardError;
}

describe('keyIdFromFileName', () => {
  it('reads the key ID from App Store Connect download names, including renamed repeats and paths', () => {
    expect(keyIdFromFileName('AuthKey_2X9R4HXF34.p8')).toBe('2X9R4HXF34');
    expect(keyIdFromFileName('/home/ana/Downloads/AuthKey_2X9R4HXF34 (1).p8')).toBe('2X9R4HXF34');
    expect(keyIdFromFileName('C:\\Users\\ana\\Downloads\\AuthKey_2X9R4HXF34-2.p8')).toBe('2X9R4HXF34');
    expect(keyIdFromFileName(' authkey_2x9r4hxf34.P8 ')).toBe('2X9R4HXF34');
  });

  it('finds nothing in other names', () => {
    expect(keyIdFromFileName('key.p8')).toBeUndefined();
    expect(keyIdFromFileName('AuthKey_2X9R4HXF34.pem')).toBeUndefined();
    expect(keyIdFromFileName('AuthKey_.p8')).toBeUndefined();
  });
});

describe('validateKeyInput', () => {
  it('takes the key ID from the file name and lower-cases a trimmed issuer ID', async () => {
    const valid = await validateKeyInput({ fileName: 'AuthKey_2X9R4HXF34.p8', pem: PEM, issuerId: ` ${ISSUER_ID.toUpperCase()}\n`, individual: false });
    expect(valid).toEqual({
      keyId: '2X9R4HXF34',
      keyType: 'team',
      issuerId: ISSUER_ID,
      individual: false,
      label: 'Team key 2X9R4HXF34',
      privateKeyPem: PEM,
      warnings: [],
    });
  });

  it('prefers a typed key ID, trimmed and upper-cased, and warns when the file name disagrees', async () => {
    const valid = await validateKeyInput({ fileName: 'AuthKey_AAAAAAAAAA.p8', keyId: ' 2x9r4hxf34 ', pem: PEM, individual: true, label: '  CI key ' });
    expect(valid.keyId).toBe('2X9R4HXF34');
    expect(valid.label).toBe('CI key');
    expect(valid.issuerId).toBeUndefined();
    expect(valid.warnings.map((w) => w.code)).toEqual(['KEY_ID_FILE_NAME_MISMATCH']);
  });

  it('accepts an unusual key ID shape with a warning rather than refusing it', async () => {
    const valid = await validateKeyInput({ keyId: 'Ab12', pem: PEM, individual: true });
    expect(valid.keyId).toBe('Ab12');
    expect(valid.label).toBe('Individual key Ab12');
    expect(valid.warnings).toEqual([expect.objectContaining({ code: 'KEY_ID_UNUSUAL' })]);
  });

  it('refuses a missing key ID or one with spaces or symbols', async () => {
    expect((await badInput({ pem: PEM, individual: true })).details).toMatchObject({ field: 'keyId' });
    expect((await badInput({ fileName: 'private.p8', pem: PEM, individual: true })).details).toMatchObject({ field: 'keyId' });
    expect((await badInput({ keyId: '2X9R 4HXF34', pem: PEM, individual: true })).details).toMatchObject({ field: 'keyId' });
    expect((await badInput({ keyId: 'ABC;DROP', pem: PEM, individual: true })).details).toMatchObject({ field: 'keyId' });
  });

  it('checks the issuer ID against the key type', async () => {
    const base = { keyId: '2X9R4HXF34', pem: PEM };
    const missing = await badInput({ ...base, individual: false });
    expect(missing.details).toMatchObject({ field: 'issuerId' });
    const malformed = await badInput({ ...base, individual: false, issuerId: '57246542-96fe-1a63-e053' });
    expect(malformed.message).toMatch(/UUID/);
    expect(malformed.details).toMatchObject({ field: 'issuerId' });
    const onIndividual = await badInput({ ...base, individual: true, issuerId: ISSUER_ID });
    expect(onIndividual.message).toMatch(/Individual keys have no issuer ID/);
    expect(onIndividual.details).toMatchObject({ field: 'issuerId' });
  });

  it('refuses a label that holds key text, since labels go to the plain settings file', async () => {
    const base = { keyId: '2X9R4HXF34', pem: PEM, individual: true };
    const slice = bodySlices(PEM)[0]!;
    for (const label of [`prod ${slice}`.slice(5), '-----BEGIN PRIVATE KEY-----', slice.slice(0, 10) + ' ' + slice.slice(10)]) {
      const err = await badInput({ ...base, label });
      expect(err.details).toMatchObject({ field: 'label' });
      expect(JSON.stringify(err.toPayload())).not.toContain(slice.slice(0, 10));
    }
    const keyIdErr = await badInput({ ...base, keyId: slice });
    expect(keyIdErr.details).toMatchObject({ field: 'keyId' });
    expect(keyIdErr.message).toMatch(/looks like part of the private key/);
    expect((await validateKeyInput({ ...base, label: 'Production key (Sales and Reports)' })).label).toBe('Production key (Sales and Reports)');
  });

  it('reports every problem at once, the key first, without any key text', async () => {
    const rsa = rsaPems().pkcs8;
    const err = await badInput({ pem: rsa, individual: false, issuerId: 'nope', label: 'x'.repeat(101) });
    expect(err.message).toMatch(/RSA/);
    expect(err.details?.['field']).toBe('pem');
    const problems = err.details?.['problems'] as { field: string }[];
    expect(problems.map((p) => p.field)).toEqual(['pem', 'keyId', 'issuerId', 'label']);
  });
});
