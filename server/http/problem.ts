import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import { DomainError, ERROR_STATUS, type ErrorCode, type FieldError } from '../domain/errors.ts';
import { reportUnexpected, requestIdOf } from './logging.ts';

const TITLES: Partial<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problemBody(code: ErrorCode | 'internal_error', status: number, detail: string, errors?: FieldError[], data?: Record<string, unknown>) {
  return {
    type: `/api/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors && errors.length > 0 && { errors }),
    ...(data && { data }),
  };
}

/** The answer, with the request id a user can quote (server/http/logging.ts). */
export function problemResponse(c: Context, code: ErrorCode | 'internal_error', status: number, detail: string, errors?: FieldError[], data?: Record<string, unknown>) {
  const requestId = requestIdOf(c);
  return c.body(JSON.stringify({ ...problemBody(code, status, detail, errors, data), ...(requestId && { requestId }) }), status as 400, {
    'content-type': 'application/problem+json; charset=utf-8',
  });
}

/** One error per field; a field the schema does not know is named, not silently dropped. */
export function fieldErrorsOf(error: ZodError): FieldError[] {
  return error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((key) => ({ path: [...i.path, key].join('.'), message: 'unknown field' }))
      : [{ path: i.path.join('.') || '(body)', message: i.message }],
  );
}

export function validationError(error: ZodError): DomainError {
  return new DomainError('validation_failed', 'The request is not valid', undefined, fieldErrorsOf(error));
}

/**
 * The one place errors become HTTP answers: domain refusals and validation failures as
 * problem+json with their code; anything unexpected is logged and answered with a bare 500.
 */
export function onError(err: Error, c: Context) {
  if (err instanceof DomainError) return problemResponse(c, err.code, err.status, err.detail, err.errors, err.data);
  if (err instanceof ZodError) {
    const e = validationError(err);
    return problemResponse(c, e.code, e.status, e.detail, e.errors);
  }
  if (err instanceof HTTPException) {
    if (err.status === 400 && /json/i.test(err.message)) return problemResponse(c, 'malformed_json', 400, 'The body is not valid JSON');
    if (err.status === 413) return problemResponse(c, 'payload_too_large', 413, 'The body is too large');
    if (err.status === 415) return problemResponse(c, 'unsupported_media_type', 415, 'The body is not in a media type this operation takes');
    const status = err.status;
    const code: ErrorCode = status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : status === 404 ? 'not_found' : 'bad_request';
    return problemResponse(c, code, ERROR_STATUS[code] === status ? status : status, err.message || TITLES[status] || 'Error');
  }
  if (isSqliteBusy(err)) {
    // Another writer held the database past the busy timeout: nothing was recorded, and trying
    // again shortly is safe.
    reportUnexpected(c, err);
    c.header('Retry-After', '1');
    return problemResponse(c, 'storage_unavailable', 503, 'The database is busy; nothing was recorded. Try again in a moment.');
  }
  if (isSqliteConstraint(err)) {
    reportUnexpected(c, err);
    return problemResponse(c, 'bad_request', 400, 'The request conflicts with stored data');
  }
  reportUnexpected(c, err);
  return problemResponse(c, 'internal_error', 500, 'Something went wrong on the server');
}

function isSqliteBusy(err: Error): boolean {
  const code = (err as { code?: string }).code ?? '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

function isSqliteConstraint(err: Error): boolean {
  return (err as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT') ?? false;
}
