import { createRoute } from '@hono/zod-openapi';
import { setCookie, deleteCookie } from 'hono/cookie';
import type { Deps } from '../deps.ts';
import { LoginSchema, MeSchema } from '../schemas/api.ts';
import { router, problems, json, body } from '../http/openapi.ts';
import { SESSION_COOKIE } from '../http/auth.ts';
import { logIn, logOut, presentMe, resolveSession } from '../services/sessions.ts';
import { DomainError } from '../domain/errors.ts';

const login = createRoute({
  method: 'post',
  path: '/login',
  tags: ['auth'],
  summary: 'Log in; sets the HttpOnly session cookie and returns the CSRF token',
  request: { body: body(LoginSchema) },
  responses: { 200: json(MeSchema), ...problems, 429: problems[409] },
});
const me = createRoute({ method: 'get', path: '/me', tags: ['auth'], summary: 'The logged-in user, depot and CSRF token', responses: { 200: json(MeSchema), ...problems } });
const logout = createRoute({ method: 'post', path: '/logout', tags: ['auth'], summary: 'End the session', responses: { 204: { description: 'Logged out' }, ...problems } });

export const authRoutes = (deps: Deps) =>
  router()
    .openapi(login, async (c) => {
      const { username, password } = c.req.valid('json');
      const { token } = await logIn(deps, username, password);
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: deps.config.cookieSecure,
        path: '/',
        maxAge: deps.config.session.ttlHours * 3600,
      });
      const session = resolveSession(deps, token);
      if (!session) throw new DomainError('invalid_credentials', 'Wrong username or password');
      return c.json(presentMe(deps, session), 200);
    })
    .openapi(me, (c) => c.json(presentMe(deps, c.get('session')), 200))
    .openapi(logout, (c) => {
      logOut(deps, c.get('session'));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    });
