import type { z } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import * as q from '../../db/queries/users.ts';
import { findDepot } from '../../db/queries/depots.ts';
import { DomainError } from '../domain/errors.ts';
import { hashPassword } from '../auth/passwords.ts';
import { assertCanRead, assertRole, type Actor } from '../auth/scope.ts';
import { audit } from './audit.ts';
import { presentUser } from './present.ts';
import type { UserCreateSchema, UserUpdateSchema, UserListQuerySchema } from '../schemas/api.ts';

/**
 * An admin manages the users of its own depot and of every depot below it (S0:442, 448).
 * Nobody changes their own roles or deactivates themselves: that is for the admin above.
 */
function loadManagedUser(deps: Deps, actor: Actor, userId: number) {
  assertRole(actor, 'admin');
  const user = q.findUser(deps.db, userId);
  if (!user) throw new DomainError('user_not_found', `No user ${userId}`);
  assertCanRead(actor, { id: user.depotId, path: user.depotPath });
  return user;
}

function loadDepotInScope(deps: Deps, actor: Actor, depotId: number) {
  const depot = findDepot(deps.db, depotId);
  if (!depot) throw new DomainError('depot_not_found', `No depot ${depotId}`);
  assertCanRead(actor, depot);
  return depot;
}

export function listUsers(deps: Deps, actor: Actor, query: z.infer<typeof UserListQuerySchema>) {
  const depot = loadDepotInScope(deps, actor, query.depotId ?? actor.depotId);
  const { items, total } = q.searchUsers(
    deps.db,
    { underPath: depot.path, q: query.q },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  return { items: items.map(presentUser), total, page: query.page, pageSize: query.pageSize };
}

export function getUser(deps: Deps, actor: Actor, userId: number) {
  if (userId === actor.userId) return presentUser(q.findUser(deps.db, userId)!);
  return presentUser(loadManagedUser(deps, actor, userId));
}

export async function createUser(deps: Deps, actor: Actor, input: z.infer<typeof UserCreateSchema>) {
  assertRole(actor, 'admin');
  const depot = loadDepotInScope(deps, actor, input.depotId);
  if (q.usernameExists(deps.db, input.username)) throw new DomainError('username_taken', `Username ${input.username} is taken`);
  const passwordHash = await hashPassword(input.password, deps.config);
  const now = deps.clock.now();
  const id = deps.db.transaction((tx) => {
    if (q.usernameExists(tx, input.username)) throw new DomainError('username_taken', `Username ${input.username} is taken`);
    const { id } = q.insertUser(tx, {
      username: input.username,
      displayName: input.displayName,
      depotId: depot.id,
      passwordHash,
      locale: input.locale,
      createdAt: now.toISOString(),
    });
    q.replaceRoles(tx, id, input.roles, actor.userId, now.toISOString());
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'create', entity: 'user', entityId: id, detail: { username: input.username, roles: input.roles } }, now);
    return id;
  });
  return presentUser(q.findUser(deps.db, id)!);
}

export async function updateUser(deps: Deps, actor: Actor, userId: number, input: z.infer<typeof UserUpdateSchema>) {
  const self = userId === actor.userId;
  const user = self ? q.findUser(deps.db, userId)! : loadManagedUser(deps, actor, userId);
  if (self && input.roles) throw new DomainError('forbidden', 'Your own roles are changed by an admin above you');
  const passwordHash = input.password ? await hashPassword(input.password, deps.config) : undefined;
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    const set = {
      ...(input.displayName !== undefined && { displayName: input.displayName }),
      ...(input.locale !== undefined && { locale: input.locale }),
      ...(passwordHash !== undefined && { passwordHash }),
    };
    if (Object.keys(set).length > 0) q.updateUser(tx, userId, set);
    if (input.roles) q.replaceRoles(tx, userId, input.roles, actor.userId, now.toISOString());
    // A changed post or password ends the sessions it was granted under (S0:448).
    if (input.roles || passwordHash) q.deleteSessionsOf(tx, userId);
    audit(
      tx,
      {
        actorId: actor.userId,
        depotId: user.depotId,
        action: 'update',
        entity: 'user',
        entityId: userId,
        detail: { ...input, password: input.password ? '(changed)' : undefined, previousRoles: input.roles ? user.roles : undefined },
      },
      now,
    );
  });
  return presentUser(q.findUser(deps.db, userId)!);
}

/** Deactivation ends the user's sessions at once (S0:448: revoke on transfer). */
export function setUserActive(deps: Deps, actor: Actor, userId: number, active: boolean) {
  if (userId === actor.userId) throw new DomainError('self_deactivation', 'You cannot change your own account status');
  const user = loadManagedUser(deps, actor, userId);
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    q.updateUser(tx, userId, { active, deactivatedAt: active ? null : now.toISOString() });
    const ended = active ? 0 : q.deleteSessionsOf(tx, userId);
    audit(tx, { actorId: actor.userId, depotId: user.depotId, action: active ? 'reactivate' : 'deactivate', entity: 'user', entityId: userId, detail: { sessionsEnded: ended } }, now);
  });
  return presentUser(q.findUser(deps.db, userId)!);
}
