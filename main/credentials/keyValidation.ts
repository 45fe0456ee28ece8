// Turns an "add key" request into normalised, validated fields before anything is stored.
// Key ID: Apple issues 10 upper-case letters/digits, but the fact sheet marks that pattern as
// uncertain, so other letter/digit shapes are accepted with a warning; only unsafe text is refused.
import { OrchardError } from '../../shared/errors';
import type { AddKeyInput, KeyInspection, KeyWarning } from '../../shared/keys';
import { redactSecrets } from '../logging/redact';
import { checkPrivateKeyPem } from './pemValidation';

export const CANONICAL_KEY_ID = /^[A-Z0-9]{10}$/;
/** Hard limit: the key ID becomes a keychain account name and a JWT header value. */
const ACCEPTABLE_KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Not zod's uuid(): Apple's issuer IDs (e.g. 57246542-96fe-1a63-e053-0824d011072a) break RFC 9562 variant bits. */
const ISSUER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** AuthKey_<KEYID>.p8, also as browsers rename repeat downloads: "AuthKey_X (1).p8", "AuthKey_X-2.p8". */
const AUTH_KEY_FILE = /^AuthKey_([A-Za-z0-9]+)(?:\s*\(\d+\)|[ -]\d+)?\.p8$/i;
const MAX_LABEL_LENGTH = 100;

export type KeyField = 'pem' | 'keyId' | 'issuerId' | 'label';

export interface ValidatedKey extends KeyInspection {
  individual: boolean;
  privateKeyPem: string;
}

interface FieldProblem {
  field: KeyField;
  message: string;
}

/** The key ID in an App Store Connect download's file name (any folder part is ignored). */
export function keyIdFromFileName(fileName: string): string | undefined {
  const base = fileName.trim().split(/[\\/]/).pop() ?? '';
  return AUTH_KEY_FILE.exec(base)?.[1]?.toUpperCase();
}

/** Warnings about a key ID shape that may explain a later 401; empty for Apple's usual form. */
export function keyIdWarnings(keyId: string): KeyWarning[] {
  return CANONICAL_KEY_ID.test(keyId)
    ? []
    : [{ code: 'KEY_ID_UNUSUAL', message: `Key IDs are usually 10 upper-case letters and digits; "${keyId}" is not. Check it if App Store Connect rejects the key.` }];
}

export function defaultKeyLabel(keyId: string, individual: boolean): string {
  return `${individual ? 'Individual' : 'Team'} key ${keyId}`;
}

/** Validates every field, reporting all problems at once; details carry fields only, never key text. */
export async function validateKeyInput(input: AddKeyInput): Promise<ValidatedKey> {
  const problems: FieldProblem[] = [];
  const pem = await checkPrivateKeyPem(input.pem);
  if (!pem.ok) problems.push({ field: 'pem', message: pem.message });
  const keyId = resolveKeyId(input, pem.ok ? pem.pem : input.pem, problems);
  const issuerId = resolveIssuerId(input, problems);
  const label = (input.label ?? '').trim();
  if (label.length > MAX_LABEL_LENGTH) problems.push({ field: 'label', message: `Keep the label under ${MAX_LABEL_LENGTH} characters.` });
  else if (looksLikeKeyText(label, pem.ok ? pem.pem : input.pem)) {
    // Labels are stored in the plain settings file, so key text pasted into the wrong field must not land there.
    problems.push({ field: 'label', message: 'The label looks like part of the private key. Enter a short name instead.' });
  }

  const [first] = problems;
  if (first !== undefined || !pem.ok || keyId === undefined) {
    const message = first?.message ?? 'The key could not be validated.';
    throw new OrchardError('BAD_INPUT', message, { field: first?.field ?? 'pem', problems });
  }
  return {
    keyId: keyId.value,
    keyType: input.individual ? 'individual' : 'team',
    ...(issuerId === undefined ? {} : { issuerId }),
    individual: input.individual,
    label: label === '' ? defaultKeyLabel(keyId.value, input.individual) : label,
    privateKeyPem: pem.pem,
    warnings: keyId.warnings,
  };
}

function looksLikeKeyText(label: string, pem: string): boolean {
  if (/PRIVATE KEY|-----/.test(label)) return true;
  // Any other key's body, a JWT or a token: what the redaction would hide must not be stored in plain text.
  if (redactSecrets(label) !== label) return true;
  const compactLabel = label.replace(/\s/g, '');
  return compactLabel.length >= 16 && pem.replace(/\s/g, '').includes(compactLabel);
}

function resolveKeyId(input: AddKeyInput, pem: string, problems: FieldProblem[]): { value: string; warnings: KeyWarning[] } | undefined {
  const fromFile = input.fileName === undefined ? undefined : keyIdFromFileName(input.fileName);
  const typed = (input.keyId ?? '').trim();
  if (typed === '' && fromFile === undefined) {
    problems.push({
      field: 'keyId',
      message: 'Enter the key ID shown next to the key in App Store Connect (Users and Access → Integrations), or choose the file under its original name AuthKey_<KEYID>.p8.',
    });
    return undefined;
  }
  if (typed !== '' && looksLikeKeyText(typed, pem)) {
    problems.push({ field: 'keyId', message: 'The key ID looks like part of the private key. Enter the 10-character key ID instead.' });
    return undefined;
  }
  if (typed !== '' && !ACCEPTABLE_KEY_ID.test(typed)) {
    problems.push({ field: 'keyId', message: 'A key ID has only letters and digits (usually 10 upper-case ones), with no spaces.' });
    return undefined;
  }
  // Apple issues upper-case IDs only, so a lower-case copy of the usual shape is a typing slip.
  const value = typed === '' ? (fromFile as string) : CANONICAL_KEY_ID.test(typed.toUpperCase()) ? typed.toUpperCase() : typed;
  const warnings = keyIdWarnings(value);
  if (fromFile !== undefined && fromFile !== value) {
    warnings.push({
      code: 'KEY_ID_FILE_NAME_MISMATCH',
      message: `The file name says key ID ${fromFile} but ${value} was entered; Orchard uses ${value}.`,
    });
  }
  return { value, warnings };
}

function resolveIssuerId(input: AddKeyInput, problems: FieldProblem[]): string | undefined {
  const typed = (input.issuerId ?? '').trim();
  if (input.individual) {
    if (typed !== '') {
      problems.push({ field: 'issuerId', message: 'Individual keys have no issuer ID. Clear the issuer ID, or mark the key as a team key.' });
    }
    return undefined;
  }
  if (typed === '') {
    problems.push({ field: 'issuerId', message: 'Enter the issuer ID shown above the team keys in App Store Connect (Users and Access → Integrations).' });
    return undefined;
  }
  if (!ISSUER_ID.test(typed)) {
    problems.push({ field: 'issuerId', message: 'The issuer ID is a UUID like 57246542-96fe-1a63-e053-0824d011072a.' });
    return undefined;
  }
  return typed.toLowerCase();
}
