import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { timingSafeEqual } from 'node:crypto';
import type { Deps } from '../deps.ts';
import { DomainError } from '../domain/errors.ts';
import { assertPasswordSettled, assertTrainingSettled, resolveSession, type SessionInfo } from '../services/sessions.ts';
import type { Actor } from '../auth/scope.ts';
import type { Client } from './client-address.ts';

export const SESSION_COOKIE = 'sid';
export const CSRF_HEADER = 'x-csrf-token';

export type AppEnv = { Variables: { session: SessionInfo; actor: Actor; client: Client } };

// Sensors post readings with their own bearer token, checked by the route: no session, no CSRF.
const PUBLIC = new Set(['/api/auth/login', '/api/openapi.json', '/api/health', '/api/ready', '/api/climate/ingest']);
const isPublic = (path: string) => PUBLIC.has(path) || path === '/api/docs' || path.startsWith('/api/docs/');
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Resolves the session cookie into the acting user, and guards every state-changing route
 * with a synchronizer CSRF token: the token is handed out with the session (GET /api/auth/me)
 * and must come back in the X-CSRF-Token header, which another site cannot read or set.
 */
export function authenticate(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (isPublic(c.req.path)) return next();
    const token = getCookie(c, SESSION_COOKIE);
    const session = token ? resolveSession(deps, token) : undefined;
    if (!session) throw new DomainError('unauthenticated', 'Log in first');
    if (!SAFE_METHODS.has(c.req.method)) {
      const sent = c.req.header(CSRF_HEADER);
      if (!sent || !sameToken(sent, session.csrfToken)) throw new DomainError('csrf_failed', 'Missing or wrong CSRF token');
    }
    assertPasswordSettled(session, c.req.method, c.req.path);
    assertTrainingSettled(session, c.req.method, c.req.path);
    c.set('session', session);
    c.set('actor', session.actor);
    return next();
  };
}
