import { createRoute } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import { AuditEntrySchema, AuditQuerySchema, IdParamSchema, UserCreateSchema, UserListQuerySchema, UserSchema, UserUpdateSchema, pageOf } from '../schemas/api.ts';
import { router, problems, json, body } from '../http/openapi.ts';
import { createUser, getUser, listUsers, setUserActive, updateUser } from '../services/users.ts';
import { listAuditLog } from '../services/audit-log.ts';

const list = createRoute({ method: 'get', path: '/users', tags: ['users'], summary: 'Users of a depot and the depots below it', request: { query: UserListQuerySchema }, responses: { 200: json(pageOf(UserSchema)), ...problems } });
const one = createRoute({ method: 'get', path: '/users/{id}', tags: ['users'], summary: 'One user', request: { params: IdParamSchema }, responses: { 200: json(UserSchema), ...problems } });
const create = createRoute({ method: 'post', path: '/users', tags: ['users'], summary: 'Create a user at your depot or one below (admin)', request: { body: body(UserCreateSchema) }, responses: { 201: json(UserSchema), ...problems } });
const update = createRoute({ method: 'patch', path: '/users/{id}', tags: ['users'], summary: 'Change a user (admin; yourself: name, password, language)', request: { params: IdParamSchema, body: body(UserUpdateSchema) }, responses: { 200: json(UserSchema), ...problems } });
const deactivate = createRoute({ method: 'post', path: '/users/{id}/deactivate', tags: ['users'], summary: 'Deactivate a user and end their sessions at once (admin)', request: { params: IdParamSchema }, responses: { 200: json(UserSchema), ...problems } });
const reactivate = createRoute({ method: 'post', path: '/users/{id}/reactivate', tags: ['users'], summary: 'Reactivate a user (admin)', request: { params: IdParamSchema }, responses: { 200: json(UserSchema), ...problems } });
const auditLog = createRoute({ method: 'get', path: '/audit', tags: ['users'], summary: 'The audit log of a depot and the depots below it, newest first', request: { query: AuditQuerySchema }, responses: { 200: json(pageOf(AuditEntrySchema)), ...problems } });

export const userRoutes = (deps: Deps) =>
  router()
    .openapi(list, (c) => c.json(listUsers(deps, c.get('actor'), c.req.valid('query')), 200))
    .openapi(one, (c) => c.json(getUser(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(create, async (c) => c.json(await createUser(deps, c.get('actor'), c.req.valid('json')), 201))
    .openapi(update, async (c) => c.json(await updateUser(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(deactivate, (c) => c.json(setUserActive(deps, c.get('actor'), c.req.valid('param').id, false), 200))
    .openapi(reactivate, (c) => c.json(setUserActive(deps, c.get('actor'), c.req.valid('param').id, true), 200))
    .openapi(auditLog, (c) => c.json(listAuditLog(deps, c.get('actor'), c.req.valid('query')), 200));
