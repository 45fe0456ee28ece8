// Checks that a pasted or chosen .p8 text is what App Store Connect issues: one unencrypted PKCS#8
// PEM holding an EC P-256 private key that jose can import for ES256. Messages say what the text
// is instead and how to fix it; they never quote the key.
import { createPrivateKey } from 'node:crypto';
import { importPKCS8 } from 'jose';

export type PemCheck = { ok: true; pem: string } | { ok: false; message: string };

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
const BASE64_BODY = /^[A-Za-z0-9+/=\s]+$/;
const CONVERT_HINT = 'openssl pkcs8 -topk8 -nocrypt -in key.pem -out AuthKey_<KEYID>.p8';
const USE_P8 = 'Choose the AuthKey_<KEYID>.p8 file downloaded from App Store Connect (Users and Access → Integrations).';

/** Messages for PEM labels that are not PKCS#8 private keys. */
const WRONG_LABELS: Record<string, string> = {
  'EC PRIVATE KEY': `This EC private key is in the older SEC1 format ("BEGIN EC PRIVATE KEY"); App Store Connect keys are PKCS#8 ("BEGIN PRIVATE KEY"). Convert it with: ${CONVERT_HINT}`,
  'RSA PRIVATE KEY': `This is an RSA private key; App Store Connect API keys are EC P-256 keys. ${USE_P8}`,
  'ENCRYPTED PRIVATE KEY': `This private key is password-protected; App Store Connect .p8 files are not. Use the original file, or decrypt it with: openssl pkcs8 -in key.pem -out AuthKey_<KEYID>.p8`,
  'PUBLIC KEY': `This is a public key; Orchard needs the private key. ${USE_P8}`,
  'RSA PUBLIC KEY': `This is a public key; Orchard needs the private key. ${USE_P8}`,
  CERTIFICATE: `This is a certificate, not an API key. ${USE_P8}`,
  'OPENSSH PRIVATE KEY': `This is an SSH key, not an App Store Connect API key. ${USE_P8}`,
};

const KEY_TYPE_NAMES: Record<string, string> = { rsa: 'an RSA', 'rsa-pss': 'an RSA-PSS', dsa: 'a DSA', ed25519: 'an Ed25519', ed448: 'an Ed448', x25519: 'an X25519', x448: 'an X448', dh: 'a Diffie-Hellman' };
const CURVE_NAMES: Record<string, string> = { secp384r1: 'P-384', secp521r1: 'P-521', secp256k1: 'secp256k1' };

/** Validates the text and returns it as a canonical PEM (LF line endings, 64-column body). */
export async function checkPrivateKeyPem(raw: string): Promise<PemCheck> {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').trim();
  if (text === '') return fail(`The key is empty. ${USE_P8}`);

  const blocks = [...text.matchAll(BLOCK)].map((m) => ({ label: m[1] ?? '', body: m[2] ?? '' }));
  if (blocks.length === 0) {
    if (/-----BEGIN /.test(text)) return fail('The key text is incomplete: its "-----END …-----" line is missing. Paste the whole file.');
    // A pasted body without its BEGIN/END lines is still usable.
    if (BASE64_BODY.test(text) && text.replace(/\s/g, '').length >= 64) return checkPkcs8Body(text);
    return fail(`This is not a private key: there is no "-----BEGIN PRIVATE KEY-----" line. ${USE_P8}`);
  }
  if (blocks.length > 1) return fail(`The text holds ${blocks.length} PEM blocks; a .p8 file holds exactly one private key.`);

  const [block] = blocks as [{ label: string; body: string }];
  if (block.label !== 'PRIVATE KEY') {
    return fail(WRONG_LABELS[block.label] ?? `Expected "-----BEGIN PRIVATE KEY-----" but found "${block.label}". ${USE_P8}`);
  }
  if (!BASE64_BODY.test(block.body)) return fail('The private key is damaged: its body is not base64.');
  return checkPkcs8Body(block.body);
}

async function checkPkcs8Body(body: string): Promise<PemCheck> {
  const compact = body.replace(/\s/g, '');
  const lines = compact.match(/.{1,64}/g) ?? [];
  const pem = `-----BEGIN PRIVATE KEY-----\n${lines.join('\n')}\n-----END PRIVATE KEY-----\n`;

  let keyType: string | undefined;
  let curve: string | undefined;
  try {
    const key = createPrivateKey({ key: pem, format: 'pem' });
    keyType = key.asymmetricKeyType;
    curve = key.asymmetricKeyDetails?.namedCurve;
  } catch {
    return fail(`The private key is damaged: it cannot be decoded. ${USE_P8}`);
  }
  if (keyType !== 'ec') {
    const name = (keyType && KEY_TYPE_NAMES[keyType]) ?? 'a non-EC';
    return fail(`This is ${name} private key; App Store Connect API keys are EC P-256 keys. ${USE_P8}`);
  }
  if (curve !== 'prime256v1') {
    const name = (curve && CURVE_NAMES[curve]) ?? curve ?? 'an unknown curve';
    return fail(`This EC key uses ${name}; App Store Connect API keys use P-256. ${USE_P8}`);
  }
  try {
    await importPKCS8(pem, 'ES256');
  } catch {
    return fail(`The private key cannot be used for ES256 signing. ${USE_P8}`);
  }
  return { ok: true, pem };
}

function fail(message: string): PemCheck {
  return { ok: false, message };
}
