import { createRoute } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import { AuditEntrySchema, AuditQuerySchema, IdParamSchema, UserCreateSchema, UserListQuerySchema, UserSchema, UserUpdateSchema, pageOf } from '../schemas/api.ts';
import { router, problems, session, sessionAndCsrf, json, body } from '../http/openapi.ts';
import { createUser, getUser, listUsers, setUserActive, updateUser } from '../services/users.ts';
import { listAuditLog } from '../services/audit-log.ts';

const tags = ['users'];

const list = createRoute({
  method: 'get',
  path: '/users',
  tags,
  operationId: 'listUsers',
  summary: 'Users of a depot and the depots below it',
  description: 'Any logged-in user, for their own depot or one below it (default: their own; 403 out_of_scope otherwise). Pages through the users of that subtree, optionally matching a part of the username or name (`q`), with their roles and whether they are active.',
  security: session,
  request: { query: UserListQuerySchema },
  responses: { 200: json(pageOf(UserSchema)), ...problems.read },
});
const one = createRoute({
  method: 'get',
  path: '/users/{id}',
  tags,
  operationId: 'getUser',
  summary: 'One user',
  description: 'Yourself, or, for an admin, a user of their own depot or one below it (403 role_required, out_of_scope).',
  security: session,
  request: { params: IdParamSchema },
  responses: { 200: json(UserSchema), ...problems.read },
});
const create = createRoute({
  method: 'post',
  path: '/users',
  tags,
  operationId: 'createUser',
  summary: 'Create a user at your depot or one below (admin)',
  description:
    'An admin, for their own depot or a depot below it (403 role_required, out_of_scope): admins authorise the levels below (S0:442, 448); the roles `leader` and `admin` only at a depot below the admin’s own (403 grant_from_above). The password is stored as an argon2id hash. Refuses a username already taken (409 username_taken). Audited with the roles given.',
  security: sessionAndCsrf,
  request: { body: body(UserCreateSchema) },
  responses: { 201: json(UserSchema), ...problems.change },
});
const update = createRoute({
  method: 'patch',
  path: '/users/{id}',
  tags,
  operationId: 'updateUser',
  summary: 'Change a user (admin; yourself: name, password, language)',
  description:
    'An admin changes the name, password, language, roles and depot of a user of their own depot or one below it (403 role_required, out_of_scope), never of another admin of their own depot (403 peer_admin); granting `leader` or `admin`, or resetting the password of a user who holds either, only at a depot below the admin’s own (403 grant_from_above). A password an admin sets is one-time: the user must change it at the next login before anything else answers (403 password_change_required), and the user’s leader is told. A move to another depot takes every role away but those given with it. Anyone changes their own name, password and language, never their own roles or depot (403 forbidden: that is for an admin above). A new password, new roles or a move end that user’s sessions at once (S0:448). Audited with the roles and depot before.',
  security: sessionAndCsrf,
  request: { params: IdParamSchema, body: body(UserUpdateSchema) },
  responses: { 200: json(UserSchema), ...problems.change },
});
const deactivate = createRoute({
  method: 'post',
  path: '/users/{id}/deactivate',
  tags,
  operationId: 'deactivateUser',
  summary: 'Deactivate a user and end their sessions at once (admin)',
  description:
    'An admin, for a user of their own depot or one below it (403 role_required, out_of_scope); never themselves (409 self_deactivation). The user can no longer log in and every open session of theirs ends at once (S0:448: revoke on transfer). The user and their history stay. Audited with the number of sessions ended.',
  security: sessionAndCsrf,
  request: { params: IdParamSchema },
  responses: { 200: json(UserSchema), ...problems.change },
});
const reactivate = createRoute({
  method: 'post',
  path: '/users/{id}/reactivate',
  tags,
  operationId: 'reactivateUser',
  summary: 'Reactivate a user (admin)',
  description: 'An admin, for a user of their own depot or one below it (403 role_required, out_of_scope); never themselves (409 self_deactivation). The user can log in again with their password. Audited.',
  security: sessionAndCsrf,
  request: { params: IdParamSchema },
  responses: { 200: json(UserSchema), ...problems.change },
});
const auditLog = createRoute({
  method: 'get',
  path: '/audit',
  tags,
  operationId: 'listAuditLog',
  summary: 'The audit log of a depot and the depots below it, newest first',
  description: 'Any logged-in user, for their own depot or one below it (403 out_of_scope): upper levels see what lower levels did (S0:444). Every write of the product is there (who, when, what, on which record), including logins and logouts.',
  security: session,
  request: { query: AuditQuerySchema },
  responses: { 200: json(pageOf(AuditEntrySchema)), ...problems.read },
});

export const userRoutes = (deps: Deps) =>
  router()
    .openapi(list, (c) => c.json(listUsers(deps, c.get('actor'), c.req.valid('query')), 200))
    .openapi(one, (c) => c.json(getUser(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(create, async (c) => c.json(await createUser(deps, c.get('actor'), c.req.valid('json')), 201))
    .openapi(update, async (c) => c.json(await updateUser(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(deactivate, (c) => c.json(setUserActive(deps, c.get('actor'), c.req.valid('param').id, false), 200))
    .openapi(reactivate, (c) => c.json(setUserActive(deps, c.get('actor'), c.req.valid('param').id, true), 200))
    .openapi(auditLog, (c) => c.json(listAuditLog(deps, c.get('actor'), c.req.valid('query')), 200));
