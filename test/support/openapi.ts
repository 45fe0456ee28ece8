// Validators built from Apple's OpenAPI 3.7 extract (vendored in test/fixtures/apple/):
// `validateResponse` checks what a server sent, `validateRequest` checks what a client builds.
// Paths, statuses and parameters the extract lacks give `not-covered`, never a silent pass.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

export type ValidationResult =
  | { status: 'valid'; operation: string }
  | { status: 'invalid'; operation: string | undefined; errors: string[] }
  /**
   * The extract says nothing about this call (4.x `relationships/*`, `/v1/apps`, 429, 405, …).
   * For error statuses, `fallback` is the body checked against `ErrorResponse` anyway.
   */
  | { status: 'not-covered'; operation: string | undefined; reason: string; fallback?: { valid: boolean; errors: string[] } };

export interface AscOpenApi {
  /** `urlPath` may be a path, a path with query, or an absolute URL. A 204 wants `body` undefined. */
  validateResponse(method: string, urlPath: string, status: number, body: unknown): ValidationResult;
  /**
   * `url` as the client would send it (raw, percent-encoded query). Checks: the path and method
   * exist; every query parameter is declared (plus `cursor` wherever `limit` is, since Apple's
   * `links.next` adds it); no repeats (arrays are one comma-separated parameter); enum items,
   * integer maximums and `limit >= 1`; no `+` in values (use %20); required ones present; the body
   * matches the request schema (no unknown members), and no body where none is defined.
   */
  validateRequest(method: string, url: string, body?: unknown): ValidationResult;
  /** Throws with the errors unless valid; `allowNotCovered` accepts not-covered (with a valid fallback). */
  assertValidResponse(method: string, urlPath: string, status: number, body: unknown, options?: { allowNotCovered?: boolean }): void;
  assertValidRequest(method: string, url: string, body?: unknown, options?: { allowNotCovered?: boolean }): void;
  /** `"GET /v1/analyticsReports/{id}/instances"`, … */
  operations(): string[];
}

export interface LoadOptions {
  specPath?: string;
  /** Reject members the schemas do not declare (default true): catches invented attributes. */
  strictObjects?: boolean;
}

export const DEFAULT_SPEC_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/apple/asc-openapi-3.7-analytics.json');

/** Paths known from the fact sheet but absent from the 3.7 extract. */
const UNCOVERED_PATHS: Array<[RegExp, string]> = [
  [/^\/v1\/apps$/, '/v1/apps is not in the analytics extract'],
  [/^\/v1\/apps\/[^/]+$/, '/v1/apps/{id} is not in the analytics extract'],
  [/^\/v1\/[A-Za-z]+\/[^/]+\/relationships\/[A-Za-z]+$/, 'relationships/* linkage endpoints are 4.x additions, not in the 3.7 extract'],
];

type Json = Record<string, unknown>;
interface ParamInfo { name: string; required: boolean; schema: Json; items?: ValidateFunction; whole: ValidateFunction }
interface OperationInfo {
  key: string;
  pattern: RegExp;
  literalSegments: number;
  params: Map<string, ParamInfo>;
  body?: { required: boolean; validate: ValidateFunction };
  responses: Map<string, { kind: 'json'; validate: ValidateFunction } | { kind: 'empty' } | { kind: 'binary' }>;
}

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** OpenAPI 3.0 → JSON Schema: `$ref`s into the registered definitions, `nullable`, strict objects. */
function convert(schema: unknown, strictObjects: boolean): unknown {
  if (Array.isArray(schema)) return schema.map((s) => convert(s, strictObjects));
  if (!isObject(schema)) return schema;
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string') out.$ref = value.replace('#/components/schemas/', 'asc#/definitions/');
    else if (key === 'nullable' || key === 'example' || key === 'discriminator' || key === 'xml') continue;
    else if (key === 'properties' && isObject(value)) out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v, strictObjects)]));
    else out[key] = convert(value, strictObjects);
  }
  if (strictObjects && isObject(out.properties) && out.additionalProperties === undefined) out.additionalProperties = false;
  if (schema.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else return { anyOf: [out, { type: 'null' }] };
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  }
  return out;
}

function formatErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`);
}

function splitUrl(url: string): { path: string; rawQuery: string } {
  const withoutOrigin = url.replace(/^[a-z]+:\/\/[^/]+/i, '');
  const q = withoutOrigin.indexOf('?');
  return q < 0 ? { path: withoutOrigin, rawQuery: '' } : { path: withoutOrigin.slice(0, q), rawQuery: withoutOrigin.slice(q + 1) };
}

export function loadAscOpenApi(options: LoadOptions = {}): AscOpenApi {
  const specPath = options.specPath ?? DEFAULT_SPEC_PATH;
  if (!existsSync(specPath)) {
    throw new Error(`OpenAPI extract not found at ${specPath} (the repository keeps it in test/fixtures/apple/)`);
  }
  const strict = options.strictObjects ?? true;
  const spec = JSON.parse(readFileSync(specPath, 'utf8')) as Json;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'https://example.invalid/'));
  ajv.addFormat('binary', () => true);
  const components = ((spec.components as Json | undefined)?.schemas ?? {}) as Json;
  ajv.addSchema({ $id: 'asc', definitions: convert(components, strict) });
  const compile = (schema: unknown) => ajv.compile(convert(schema, strict) as Json);

  const operations: OperationInfo[] = [];
  for (const [template, pathItem] of Object.entries((spec.paths ?? {}) as Record<string, Json>)) {
    const shared = (pathItem.parameters ?? []) as Json[];
    for (const [method, op] of Object.entries(pathItem)) {
      if (method === 'parameters' || !isObject(op)) continue;
      const params = new Map<string, ParamInfo>();
      for (const p of [...shared, ...((op.parameters ?? []) as Json[])]) {
        if (p.in !== 'query') continue;
        const schema = (p.schema ?? {}) as Json;
        params.set(String(p.name), {
          name: String(p.name), required: p.required === true, schema, whole: compile(schema),
          ...(schema.type === 'array' ? { items: compile(schema.items ?? {}) } : {}),
        });
      }
      const responses: OperationInfo['responses'] = new Map();
      for (const [status, response] of Object.entries((op.responses ?? {}) as Record<string, Json>)) {
        const content = response.content as Record<string, Json> | undefined;
        const json = content?.['application/json'];
        if (json) responses.set(status, { kind: 'json', validate: compile(json.schema) });
        else responses.set(status, content ? { kind: 'binary' } : { kind: 'empty' });
      }
      const requestBody = op.requestBody as Json | undefined;
      const bodySchema = (requestBody?.content as Record<string, Json> | undefined)?.['application/json']?.schema;
      operations.push({
        key: `${method.toUpperCase()} ${template}`,
        pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
        literalSegments: template.split('/').filter((s) => s && !s.startsWith('{')).length,
        params, responses,
        ...(bodySchema ? { body: { required: requestBody?.required === true, validate: compile(bodySchema) } } : {}),
      });
    }
  }
  const errorResponse = 'ErrorResponse' in components ? ajv.compile({ $ref: 'asc#/definitions/ErrorResponse' }) : undefined;

  function find(method: string, path: string): { op?: OperationInfo; pathKnown: boolean } {
    const byPath = operations.filter((o) => o.pattern.test(path)).sort((a, b) => b.literalSegments - a.literalSegments);
    const best = byPath[0]?.literalSegments;
    const samePath = byPath.filter((o) => o.literalSegments === best);
    return { op: samePath.find((o) => o.key.startsWith(`${method.toUpperCase()} `)), pathKnown: byPath.length > 0 };
  }

  function uncovered(path: string): string | undefined {
    return UNCOVERED_PATHS.find(([pattern]) => pattern.test(path))?.[1];
  }

  function notCovered(operation: string | undefined, reason: string, status: number, body: unknown): ValidationResult {
    if (status < 400 || !errorResponse) return { status: 'not-covered', operation, reason };
    const valid = errorResponse(body);
    return { status: 'not-covered', operation, reason, fallback: { valid, errors: formatErrors(errorResponse.errors) } };
  }

  function validateResponse(method: string, urlPath: string, status: number, body: unknown): ValidationResult {
    const { path } = splitUrl(urlPath);
    const { op, pathKnown } = find(method, path);
    if (!op) {
      const reason = uncovered(path) ?? (pathKnown ? `${method.toUpperCase()} is not defined for ${path} in the extract` : `${path} is not a path of the extract`);
      return notCovered(undefined, reason, status, body);
    }
    const response = op.responses.get(String(status));
    if (!response) return notCovered(op.key, `status ${status} is not declared for ${op.key} in the 3.7 extract`, status, body);
    if (response.kind === 'empty') {
      return body === undefined || body === null || body === '' ? { status: 'valid', operation: op.key } : { status: 'invalid', operation: op.key, errors: [`status ${status} has no body, got one`] };
    }
    if (response.kind === 'binary') {
      return body instanceof Uint8Array ? { status: 'valid', operation: op.key } : { status: 'invalid', operation: op.key, errors: ['expected a binary body'] };
    }
    return response.validate(body) ? { status: 'valid', operation: op.key } : { status: 'invalid', operation: op.key, errors: formatErrors(response.validate.errors) };
  }

  function queryErrors(op: OperationInfo, rawQuery: string): string[] {
    const errors: string[] = [];
    const seen = new Set<string>();
    for (const part of rawQuery.split('&').filter(Boolean)) {
      const eq = part.indexOf('=');
      const rawName = eq < 0 ? part : part.slice(0, eq);
      const rawValue = eq < 0 ? '' : part.slice(eq + 1);
      let name: string;
      let value: string;
      try {
        name = decodeURIComponent(rawName);
        value = decodeURIComponent(rawValue);
      } catch {
        errors.push(`'${part}' is not correctly percent-encoded`);
        continue;
      }
      if (rawValue.includes('+')) errors.push(`'${name}': '+' in a query value; encode spaces as %20 (encodeURIComponent)`);
      if (seen.has(name)) errors.push(`'${name}' is repeated; arrays are one comma-separated parameter (form, explode=false)`);
      seen.add(name);
      if (value === '') errors.push(`'${name}' has an empty value`);
      if (name === 'cursor' && op.params.has('limit')) continue;
      const param = op.params.get(name);
      if (!param) {
        errors.push(`'${name}' is not a declared parameter of ${op.key}`);
        continue;
      }
      if (param.items) {
        for (const item of value.split(',')) {
          if (!param.items(item)) errors.push(`'${name}': item '${item}' ${formatErrors(param.items.errors).join('; ')}`);
        }
      } else if (param.schema.type === 'integer') {
        const number = /^-?\d+$/.test(value) ? Number(value) : NaN;
        if (Number.isNaN(number)) errors.push(`'${name}' must be an integer, got '${value}'`);
        else if (!param.whole(number)) errors.push(`'${name}': ${formatErrors(param.whole.errors).join('; ')}`);
        else if (name.startsWith('limit') && number < 1) errors.push(`'${name}' must be at least 1`);
      } else if (!param.whole(value)) {
        errors.push(`'${name}': ${formatErrors(param.whole.errors).join('; ')}`);
      }
    }
    for (const param of op.params.values()) if (param.required && !seen.has(param.name)) errors.push(`required parameter '${param.name}' is missing`);
    return errors;
  }

  function validateRequest(method: string, url: string, body?: unknown): ValidationResult {
    const { path, rawQuery } = splitUrl(url);
    const { op, pathKnown } = find(method, path);
    if (!op) {
      const reason = uncovered(path);
      if (reason) return { status: 'not-covered', operation: undefined, reason };
      return { status: 'invalid', operation: undefined, errors: [pathKnown ? `${method.toUpperCase()} is not defined for ${path}` : `${path} is not a path of the API`] };
    }
    const errors = queryErrors(op, rawQuery);
    if (op.body) {
      if (body === undefined) {
        if (op.body.required) errors.push('a request body is required');
      } else if (!op.body.validate(body)) {
        errors.push(...formatErrors(op.body.validate.errors).map((e) => `body ${e}`));
      }
    } else if (body !== undefined) {
      errors.push(`${op.key} takes no request body`);
    }
    return errors.length === 0 ? { status: 'valid', operation: op.key } : { status: 'invalid', operation: op.key, errors };
  }

  function assertResult(result: ValidationResult, what: string, allowNotCovered: boolean): void {
    if (result.status === 'valid') return;
    if (result.status === 'invalid') throw new Error(`${what} does not match the OpenAPI extract (${result.operation ?? 'no operation'}):\n  ${result.errors.join('\n  ')}`);
    if (!allowNotCovered) throw new Error(`${what} is not covered by the OpenAPI extract: ${result.reason}`);
    if (result.fallback && !result.fallback.valid) throw new Error(`${what} is not an ErrorResponse:\n  ${result.fallback.errors.join('\n  ')}`);
  }

  return {
    validateResponse,
    validateRequest,
    assertValidResponse: (method, urlPath, status, body, opts) =>
      assertResult(validateResponse(method, urlPath, status, body), `response ${status} to ${method} ${urlPath}`, opts?.allowNotCovered ?? false),
    assertValidRequest: (method, url, body, opts) =>
      assertResult(validateRequest(method, url, body), `request ${method} ${url}`, opts?.allowNotCovered ?? false),
    operations: () => operations.map((o) => o.key),
  };
}

/** The default validator over the shared extract, strict objects on; built once at import. */
export const ascOpenApi: AscOpenApi = loadAscOpenApi();
export const validateResponse = ascOpenApi.validateResponse;
export const validateRequest = ascOpenApi.validateRequest;
export const assertValidResponse = ascOpenApi.assertValidResponse;
export const assertValidRequest = ascOpenApi.assertValidRequest;
