import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes, routePath } from 'hono/route';
import { randomBytes } from 'node:crypto';
import { pino, type DestinationStream, type Level, type Logger } from 'pino';
import type { Actor } from '../auth/scope.ts';
import { clientAddress, type Client } from './client-address.ts';
import { REQUEST_ID_LENGTH, isAcceptableRequestId, requestIdFrom } from '../schemas/request-id.ts';

export type { Logger };
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const REQUEST_ID_HEADER = 'X-Request-Id';

export type LogEnv = { Variables: { requestId: string; unexpectedError?: Error; actor?: Actor; client: Client } };

/**
 * JSON lines on standard output (journald keeps them): level by name, time in ISO 8601.
 * Synchronous, so that the lines before a crash are written.
 */
export function createLogger({ level = 'info', destination }: { level?: LogLevel; destination?: DestinationStream } = {}): Logger {
  return pino(
    { level, base: null, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

const newRequestId = () => requestIdFrom(randomBytes(REQUEST_ID_LENGTH));

/** The request id of this request: every problem+json body carries it. */
export const requestIdOf = (c: Context): string | undefined => c.get('requestId');

/** An error the product did not expect: the request's log line carries it, with its stack. */
export function reportUnexpected(c: Context, err: Error) {
  c.set('unexpectedError', err);
}

// Monitors poll these every few seconds; their successes would outnumber the users' requests.
const PROBES = new Set(['/api/health', '/api/ready']);

/**
 * Gives every request an id (the caller's X-Request-Id when acceptable), returns it in the
 * X-Request-Id header, and writes one line per request: id, method, route pattern, path,
 * status, duration, user, the user's depot and the client's address (with `trustProxy`, the
 * one the proxy forwards: server/http/client-address.ts). Level `error` only for an unexpected
 * error, which the line carries with its stack; `warn` for another 5xx (storage unavailable,
 * not ready). Outermost middleware, so that the duration includes the durable commit.
 */
export function requestLogging(logger: Logger, trustProxy: boolean): MiddlewareHandler<LogEnv> {
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header(REQUEST_ID_HEADER);
    const requestId = incoming !== undefined && isAcceptableRequestId(incoming) ? incoming : newRequestId();
    c.set('requestId', requestId);
    // Who sent it, for the routes too: the login throttle and the cookie's Secure flag.
    const client = clientAddress(c, trustProxy);
    c.set('client', client);
    await next();
    c.header(REQUEST_ID_HEADER, requestId);
    const status = c.res.status;
    const err = c.get('unexpectedError');
    const actor = c.get('actor');
    const level: Level = err ? 'error' : status >= 500 ? 'warn' : PROBES.has(c.req.path) ? 'debug' : 'info';
    logger[level](
      {
        requestId,
        method: c.req.method,
        route: routeOf(c),
        path: c.req.path,
        status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        userId: actor?.userId,
        depotId: actor?.depotId,
        client: client.address,
        err,
      },
      'request',
    );
  };
}

/**
 * The pattern of the route that answers (`/api/receipts/:id/scans`), also when a middleware
 * refused the request first: the first matched handler, told from middleware by taking no `next`.
 */
function routeOf(c: Context): string {
  return matchedRoutes(c).find((r) => r.handler.length < 2)?.path ?? routePath(c);
}
