import { OpenAPIHono, createRoute, z, type RouteConfig } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { ProblemSchema } from '../schemas/api.ts';
import { DomainError } from '../domain/errors.ts';
import { validationError } from './problem.ts';
import { SESSION_COOKIE, type AppEnv } from './auth.ts';

/**
 * A sub-app whose validation failures become 422 problem+json with field errors, and whose
 * operations refuse a body in a media type they do not declare (415).
 */
export const router = () => {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error);
    },
  });
  type Register = (route: RouteConfig & { middleware?: MiddlewareHandler | MiddlewareHandler[] }, ...handlers: unknown[]) => unknown;
  const register = app.openapi as unknown as Register;
  const gated: Register = (route, ...handlers) => {
    if (route.method === 'get' || route.method === 'head') return register(route, ...handlers);
    const own = route.middleware === undefined ? [] : [route.middleware].flat();
    return register({ ...route, middleware: [takesOnly(mediaTypesOf(route)), ...own] }, ...handlers);
  };
  app.openapi = gated as unknown as typeof app.openapi;
  return app;
};

/** The media types an operation takes: those of its declared body; JSON (an empty object) when it declares none. */
function mediaTypesOf(route: RouteConfig): string[] {
  return Object.keys(route.request?.body?.content ?? { 'application/json': {} });
}

const essence = (contentType: string) => contentType.split(';')[0]!.trim().toLowerCase();
const isJson = (mediaType: string) => /^application\/([\w.-]+\+)?json$/.test(mediaType);

/**
 * Without this, a JSON operation reads a text/plain body as no body at all and answers
 * something odd (a 422 for missing fields, or a 200 that changed nothing), and the CSV
 * import reads JSON as a CSV without columns.
 */
function takesOnly(mediaTypes: readonly string[]): MiddlewareHandler {
  const takes = (type: string) => mediaTypes.some((m) => m === essence(type) || (m === 'application/json' && isJson(essence(type))));
  return async (c, next) => {
    const type = c.req.header('content-type');
    if ((type === undefined || !takes(type)) && (await hasBody(c))) {
      throw new DomainError('unsupported_media_type', `Send the body as ${mediaTypes.join(' or ')}`, { accepted: mediaTypes, received: type ?? null });
    }
    return next();
  };
}

/** Whether the request carries a body; read through Hono's cache, which the middleware before may have filled (json-depth, idempotency). */
async function hasBody(c: Context): Promise<boolean> {
  if (c.req.raw.body === null) return false;
  return (await c.req.arrayBuffer()).byteLength > 0;
}

/** How a caller proves who it is; each operation's `security` names what it needs. */
const SECURITY_SCHEMES = {
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'The HttpOnly session cookie that POST /auth/login sets. Sessions end after their lifetime, when idle, at logout, and when the user is deactivated or their roles or password change.',
  },
  csrf: {
    type: 'apiKey',
    in: 'header',
    name: 'X-CSRF-Token',
    description: 'The `csrfToken` that POST /auth/login and GET /auth/me return, sent back with the session cookie on every request other than GET, HEAD and OPTIONS (403 csrf_failed without it).',
  },
  sensorToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'A networked climate sensor’s own token (fps_…), shown once when the sensor is registered and revocable; no session and no CSRF token.',
  },
} as const;

/** What an operation's `security` says, as server/http/auth.ts enforces it: reads the cookie, changes the cookie and its CSRF token. */
export const session = [{ session: [] }];
export const sessionAndCsrf = [{ session: [], csrf: [] }];
export const sensorToken = [{ sensorToken: [] }];

/** A refusal particular to one operation. */
export const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });
const shared = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });

/** The refusals many operations share, answered as problem+json; the `code` tells them apart. */
const REFUSALS = {
  400: ['BadRequest', shared('The body is not valid JSON (malformed_json), nests deeper than 32 levels (json_too_deep), or the change conflicts with stored data (bad_request)')],
  401: ['Unauthenticated', shared('No valid session: log in first (unauthenticated)')],
  403: [
    'Forbidden',
    shared('Missing or wrong X-CSRF-Token (csrf_failed), a depot outside your jurisdiction or not your own for a change (out_of_scope), a role you do not hold (role_required, forbidden), or roles not yet active for a new user not yet trained (training_required)'),
  ],
  404: ['NotFound', shared('No such resource, or one it names: depot_not_found, batch_not_found and the like')],
  409: ['Conflict', shared('Refused by the current state of the stock or the document: the `code` names the rule (e.g. insufficient_stock, receipt_not_open, approval_pending)')],
  413: ['PayloadTooLarge', shared('The body is larger than 5 MB, or 4 KB at login (payload_too_large)')],
  415: ['UnsupportedMediaType', shared('The body is not in a media type the operation takes, JSON unless it says otherwise (unsupported_media_type)')],
  422: ['ValidationFailed', shared('Invalid input: `errors` names each field (validation_failed, unknown fields included), or a rule on the input refused it (e.g. batch_expired, invalid_barcode)')],
  429: ['TooManyAttempts', shared('Too many wrong passwords for a username: locked for a while (login_throttled, with `data.lockedUntil`)')],
  503: ['StorageUnavailable', shared('The change could not be stored durably; nothing was recorded and it is safe to retry (storage_unavailable)')],
} as const;
type RefusalStatus = keyof typeof REFUSALS;

/** References to the shared refusals of these statuses, for an operation's `responses`. */
export const refused = <S extends RefusalStatus>(...statuses: S[]) =>
  Object.fromEntries(statuses.map((s) => [s, { $ref: `#/components/responses/${REFUSALS[s][0]}` }])) as Record<S, { $ref: string }>;

export const problems = {
  /** A read of something within the caller's jurisdiction, by id or query. */
  read: refused(401, 403, 404, 422),
  /** A state change: session and CSRF token, a body or none, stored durably before the answer. */
  change: refused(400, 401, 403, 404, 409, 413, 415, 422, 503),
  /** What a request with a body meets before anyone is known (login, sensors). */
  body: refused(400, 413, 415, 422, 503),
};

export const json = <T extends z.ZodType>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});

export const body = <T extends z.ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
});

const DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'Contraceptive supplies depot API',
    version: '0.1.0',
    description: [
      'Inventory and distribution of family-planning contraceptive supplies through the tree of public depots (region → city → county → township → village).',
      'A user belongs to one depot and holds roles (storekeeper, inspector, planner, leader, finance, dispenser, admin, clinician); it reads its own depot and every depot below it, and changes things only at its own depot.',
      'Log in with POST /auth/login: the answer sets the session cookie and carries the CSRF token that every state-changing request sends back as X-CSRF-Token.',
      'Errors are application/problem+json with a stable `code`. A state-changing request may carry an Idempotency-Key header (8-100 characters): a retry with the same key gets the first answer again.',
    ].join('\n\n'),
  },
  servers: [{ url: '/api', description: 'This server; every path below is relative to it' }],
};

const documentRoute = createRoute({
  method: 'get',
  path: '/openapi.json',
  tags: ['reference'],
  operationId: 'getOpenApiDocument',
  summary: 'This OpenAPI 3.1 document',
  description: 'Generated from the same schemas that validate requests. Public: no session needed. The interactive reference at /api/docs reads it.',
  security: [],
  responses: { 200: json(z.record(z.string(), z.unknown()), 'The OpenAPI document') },
});

/** Serves the API's own description at /openapi.json, with the schemes and refusals its operations reference. */
export function documentApi(api: OpenAPIHono<AppEnv>) {
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) api.openAPIRegistry.registerComponent('securitySchemes', name, scheme);
  api.openAPIRegistry.register('Problem', ProblemSchema);
  for (const [name, response] of Object.values(REFUSALS)) api.openAPIRegistry.registerComponent('responses', name, response);
  let document: ReturnType<typeof api.getOpenAPI31Document> | undefined;
  return api.openapi(documentRoute, (c) => c.json((document ??= api.getOpenAPI31Document(DOCUMENT)), 200));
}
