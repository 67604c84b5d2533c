import { createRoute } from '@hono/zod-openapi';
import { setCookie, deleteCookie } from 'hono/cookie';
import type { Deps } from '../deps.ts';
import { LoginSchema, MeSchema } from '../schemas/api.ts';
import { router, problem, problems, refused, session, sessionAndCsrf, json, body } from '../http/openapi.ts';
import { SESSION_COOKIE } from '../http/auth.ts';
import { logIn, logOut, presentMe, resolveSession } from '../services/sessions.ts';
import { DomainError } from '../domain/errors.ts';

const tags = ['auth'];

/** The session's user and depot, with the depots' time zone the screens show every time in and the due days of an adverse-reaction report. */
const meOf = (deps: Deps, s: Parameters<typeof presentMe>[1]) => ({ ...presentMe(deps, s), timeZone: deps.config.timeZone, liveRefreshSeconds: deps.config.liveRefreshSeconds, adverseReactionDueDays: deps.config.adverseReactions.dueDays });

const login = createRoute({
  method: 'post',
  path: '/login',
  tags,
  operationId: 'logIn',
  summary: 'Log in; sets the HttpOnly session cookie and returns the CSRF token',
  description:
    'Public. Checks the password (argon2id) and opens a server-side session: the answer sets the `sid` cookie (HttpOnly, SameSite=Lax; 12 h at most, ended after 2 h idle) and returns the user, their depot, the depots’ time zone, whether the password is a one-time password an admin set (`mustChangePassword`: until it is changed with PATCH /users/{own id}, every other call answers 403 password_change_required) and the `csrfToken` that every later state-changing request sends as X-CSRF-Token. An unknown user, a wrong password and a deactivated account all answer the same 401 invalid_credentials, so that the form cannot probe usernames. Every attempt counts before the password is checked, against the account from the client’s address and against the address: five failures in a row of one account from one address lock that pair, thirty from one address lock the address, for 15 minutes, doubling at each further lock up to a day (429 login_throttled, with `data.lockedUntil`); someone guessing elsewhere never locks a user out of their own computer. A success clears the account’s count. Behind TRUST_PROXY the address is the one the proxy forwards. An unknown username takes as long as a known one.',
  security: [],
  request: { body: body(LoginSchema) },
  responses: {
    200: json(MeSchema, 'Logged in; Set-Cookie carries the session'),
    401: problem('Wrong username or password, or an inactive account (invalid_credentials)'),
    ...refused(429),
    ...problems.body,
  },
});
const me = createRoute({
  method: 'get',
  path: '/me',
  tags,
  operationId: 'getMe',
  summary: 'The logged-in user, depot and CSRF token',
  description: 'Any logged-in user. Returns who the session belongs to, their depot and roles, the session’s CSRF token again (a reloaded page gets it here) and the depots’ time zone, in which the screens show every date and time. Answers 401 once the session has expired, gone idle or been ended.',
  security: session,
  responses: { 200: json(MeSchema), ...refused(401) },
});
const logout = createRoute({
  method: 'post',
  path: '/logout',
  tags,
  operationId: 'logOut',
  summary: 'End the session',
  description: 'Any logged-in user. Deletes the server-side session and clears the cookie; the logout is written to the audit log.',
  security: sessionAndCsrf,
  responses: { 204: { description: 'Logged out' }, ...refused(401, 403, 413, 415, 422, 503) },
});

export const authRoutes = (deps: Deps) =>
  router()
    .openapi(login, async (c) => {
      const { username, password } = c.req.valid('json');
      const client = c.get('client');
      const { token } = await logIn(deps, username, password, client.address);
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Lax',
        // Secure whenever the browser reached us over HTTPS (itself or through the trusted proxy).
        secure: deps.config.cookieSecure || client.https,
        path: '/',
        maxAge: deps.config.session.ttlHours * 3600,
      });
      const session = resolveSession(deps, token);
      if (!session) throw new DomainError('invalid_credentials', 'Wrong username or password');
      return c.json(meOf(deps, session), 200);
    })
    .openapi(me, (c) => c.json(meOf(deps, c.get('session')), 200))
    .openapi(logout, (c) => {
      logOut(deps, c.get('session'));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    });
