// Apple-shaped API errors (§3): one class carrying status, code, title, detail and source, and
// factories for every error the fake returns. 401 and 403 use the literal bodies seen in the field.

export type ErrorSource = { parameter: string } | { pointer: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly source?: ErrorSource,
    /** Whether the body carries an `id` (the observed 401/403 bodies do not). */
    readonly withId = true,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${code}: ${detail}`);
  }
}

export const apiErrors = {
  notAuthorized: () => new ApiError(401, 'NOT_AUTHORIZED', 'Authentication credentials are missing or invalid.', 'Provide a properly configured and signed bearer token.', undefined, false),
  forbidden: () => new ApiError(403, 'FORBIDDEN_ERROR', 'This request is forbidden for security reasons', 'The API key in use does not allow this request', undefined, false),
  notFound: (type: string, id: string) =>
    new ApiError(404, 'NOT_FOUND', 'The specified resource does not exist', `There is no resource of type '${type}' with id '${id}'`),
  pathError: (path: string) =>
    new ApiError(404, 'PATH_ERROR', 'The URL path is not valid', `The resource '${path.replace(/^\//, '')}' does not exist`),
  methodNotAllowed: (method: string, allowed: string[]) =>
    new ApiError(405, 'METHOD_NOT_ALLOWED', 'The request method is not valid for the resource path.', `The resource does not support the ${method} method`, undefined, true, { Allow: allowed.join(', ') }),
  parameterIllegal: (name: string) =>
    new ApiError(400, 'PARAMETER_ERROR.ILLEGAL', 'A parameter is not allowed for this request', `The parameter '${name}' can not be used with this request`, { parameter: name }),
  parameterInvalid: (name: string, detail: string) =>
    new ApiError(400, 'PARAMETER_ERROR.INVALID', 'A parameter has an invalid value', detail, { parameter: name }),
  parameterRequired: (name: string) =>
    new ApiError(400, 'PARAMETER_ERROR.REQUIRED', 'A required parameter is missing', `The parameter '${name}' is required`, { parameter: name }),
  entityInvalid: (detail: string) => new ApiError(400, 'ENTITY_INVALID', 'The provided entity is invalid', detail),
  unprocessable: (detail: string, pointer: string) =>
    new ApiError(422, 'ENTITY_UNPROCESSABLE', 'The request entity is not processable', detail, { pointer }),
  entityError: (code: string, detail: string, pointer: string) =>
    new ApiError(409, code, 'The provided entity includes an attribute with an invalid value', detail, { pointer }),
  stateError: (detail: string) =>
    new ApiError(409, 'STATE_ERROR', 'The request cannot be fulfilled because of the state of another resource.', detail),
  unsupportedMediaType: () =>
    new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'The request entity has an unsupported media type', "The request must have the Content-Type 'application/json'"),
  rateLimited: () =>
    new ApiError(429, 'RATE_LIMIT_EXCEEDED', 'The request rate limit has been reached.', 'We\'ve received too many requests for this API. Please wait and try again or slow down your request rate.', undefined, true, { 'Retry-After': '1' }),
  serverError: () =>
    new ApiError(500, 'UNEXPECTED_ERROR', 'An unexpected error occurred.', 'An unexpected error occurred on the server side. If this issue continues, contact us at https://developer.apple.com/contact/.'),
};

export function errorBody(error: ApiError, id: () => string): { errors: Array<Record<string, unknown>> } {
  const entry: Record<string, unknown> = {};
  if (error.withId) entry.id = id();
  entry.status = String(error.status);
  entry.code = error.code;
  entry.title = error.title;
  entry.detail = error.detail;
  if (error.source) entry.source = error.source;
  return { errors: [entry] };
}
