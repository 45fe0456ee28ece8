// Validation of the POST /v1/analyticsReportRequests body (§7): bad JSON → 400 ENTITY_INVALID,
// a member of the wrong JSON type → 400 ENTITY_INVALID, a missing member → 422, wrong values
// (resource type, enum, unknown attribute or relationship) → 409 ENTITY_ERROR…

import { ApiError, apiErrors } from './errors';
import type { AccessType } from './types';

export interface CreateRequestBody {
  accessType: AccessType;
  appId: string;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function member(parent: JsonObject, name: string, pointer: string, kind: 'object' | 'string'): unknown {
  if (!(name in parent) || parent[name] === undefined) throw apiErrors.unprocessable(`'${pointer}' is required`, pointer);
  const value = parent[name];
  const ok = kind === 'object' ? isObject(value) : typeof value === 'string';
  if (!ok) {
    throw new ApiError(400, 'ENTITY_INVALID', 'The provided entity is invalid', `'${pointer}' must be a JSON ${kind}`, { pointer });
  }
  return value;
}

export function parseCreateBody(raw: Buffer | undefined): CreateRequestBody {
  let json: unknown;
  try {
    json = JSON.parse((raw ?? Buffer.alloc(0)).toString('utf8'));
  } catch {
    throw apiErrors.entityInvalid('The request body is not valid JSON');
  }
  if (!isObject(json)) throw apiErrors.entityInvalid('The request body must be a JSON object');
  const data = member(json, 'data', '/data', 'object') as JsonObject;
  const type = member(data, 'type', '/data/type', 'string');
  if (type !== 'analyticsReportRequests') {
    throw apiErrors.entityError('ENTITY_ERROR', `'${String(type)}' is not a valid resource type for this request`, '/data/type');
  }
  if ('id' in data) throw apiErrors.entityError('ENTITY_ERROR', 'A client-generated id is not allowed', '/data/id');
  const attributes = member(data, 'attributes', '/data/attributes', 'object') as JsonObject;
  const accessType = member(attributes, 'accessType', '/data/attributes/accessType', 'string');
  if (accessType !== 'ONGOING' && accessType !== 'ONE_TIME_SNAPSHOT') {
    throw apiErrors.entityError('ENTITY_ERROR.ATTRIBUTE.INVALID', `'${String(accessType)}' is not a valid value for 'accessType'`, '/data/attributes/accessType');
  }
  for (const name of Object.keys(attributes)) {
    if (name !== 'accessType') {
      throw apiErrors.entityError('ENTITY_ERROR.ATTRIBUTE.UNKNOWN', `'${name}' is not an attribute of 'analyticsReportRequests'`, `/data/attributes/${name}`);
    }
  }
  const relationships = member(data, 'relationships', '/data/relationships', 'object') as JsonObject;
  for (const name of Object.keys(relationships)) {
    if (name !== 'app') {
      throw apiErrors.entityError('ENTITY_ERROR.RELATIONSHIP.UNKNOWN', `'${name}' is not a relationship of 'analyticsReportRequests'`, `/data/relationships/${name}`);
    }
  }
  const app = member(relationships, 'app', '/data/relationships/app', 'object') as JsonObject;
  const appData = member(app, 'data', '/data/relationships/app/data', 'object') as JsonObject;
  const appType = member(appData, 'type', '/data/relationships/app/data/type', 'string');
  const appId = member(appData, 'id', '/data/relationships/app/data/id', 'string') as string;
  if (appType !== 'apps') {
    throw apiErrors.entityError('ENTITY_ERROR.RELATIONSHIP.INVALID', `'${String(appType)}' is not a valid type for the relationship 'app'`, '/data/relationships/app/data/type');
  }
  return { accessType, appId };
}
