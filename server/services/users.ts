import type { z } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import * as q from '../../db/queries/users.ts';
import { findDepot } from '../../db/queries/depots.ts';
import { DomainError } from '../domain/errors.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { passwordFlaw } from '../domain/password-policy.ts';
import { assertCanRead, assertRole, type Actor } from '../auth/scope.ts';
import { insertRequirement } from '../../db/queries/training.ts';
import { audit } from './audit.ts';
import { insertNotification } from '../../db/queries/inspections.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { Role } from '../schemas/constants.ts';
import { presentUser } from './present.ts';
import type { UserCreateSchema, UserUpdateSchema, UserListQuerySchema } from '../schemas/api.ts';

/** Roles that approve or administer: granted only by an admin of a depot above (S0:442, 448). */
const GRANTED_FROM_ABOVE: readonly Role[] = ['leader', 'admin'];

/**
 * An admin manages the users of its own depot and of every depot below it (S0:442, 448).
 * Nobody changes their own roles or deactivates themselves, and no admin manages a peer admin
 * of their own depot: that is for the admin above.
 */
function loadManagedUser(deps: Deps, actor: Actor, userId: number) {
  assertRole(actor, 'admin');
  const user = q.findUser(deps.db, userId);
  if (!user) throw new DomainError('user_not_found', `No user ${userId}`);
  assertCanRead(actor, { id: user.depotId, path: user.depotPath });
  if (user.depotId === actor.depotId && user.roles.includes('admin')) {
    throw new DomainError('peer_admin', 'An admin of your own depot is managed by an admin of the depot above', { userId });
  }
  return user;
}

/** Granting leader or admin at a depot is for an admin of a depot above it, never of the depot itself. */
function assertMayGrant(actor: Actor, depot: { id: number }, granted: readonly Role[]) {
  const approving = granted.filter((r) => GRANTED_FROM_ABOVE.includes(r));
  if (approving.length > 0 && depot.id === actor.depotId) {
    throw new DomainError('grant_from_above', `The roles ${approving.join(', ')} are granted by an admin of the depot above`, { roles: approving });
  }
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
  assertRole(actor, 'admin');
  const user = q.findUser(deps.db, userId);
  if (!user) throw new DomainError('user_not_found', `No user ${userId}`);
  assertCanRead(actor, { id: user.depotId, path: user.depotPath });
  return presentUser(user);
}

/** Refuses a password the policy does not take (422 weak_password, naming the field and the flaw). */
export function assertPasswordAcceptable(password: string, username: string) {
  const flaw = passwordFlaw(password, username);
  if (flaw) throw new DomainError('weak_password', `The password is not acceptable: ${flaw}`, { flaw }, [{ path: 'password', message: flaw }]);
}

/**
 * Your own new password: only with the current one (a session left open must not be enough to
 * take the account over), and never the same again (a one-time password an admin set stays
 * known to the admin).
 */
async function assertOwnPasswordChange(deps: Deps, username: string, input: { password?: string; currentPassword?: string }) {
  if (input.password === undefined) return;
  const current = q.findUserForLogin(deps.db, username)!;
  if (input.currentPassword === undefined || !(await verifyPassword(current.passwordHash, input.currentPassword))) {
    throw new DomainError('current_password_wrong', 'Give your current password to set a new one', undefined, [{ path: 'currentPassword', message: 'wrong or missing' }]);
  }
  if (input.password === input.currentPassword) throw new DomainError('weak_password', 'The new password is the current one', { flaw: 'unchanged' }, [{ path: 'password', message: 'unchanged' }]);
}

export async function createUser(deps: Deps, actor: Actor, input: z.infer<typeof UserCreateSchema>) {
  assertRole(actor, 'admin');
  assertPasswordAcceptable(input.password, input.username);
  const depot = loadDepotInScope(deps, actor, input.depotId);
  assertMayGrant(actor, depot, input.roles);
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
    // S0:466: new staff are trained before they work; their roles wait (services/training.ts).
    const trainingFirst = deps.config.training.newStaffTrainedFirst;
    if (trainingFirst) {
      insertRequirement(tx, { userId: id, createdAt: now.toISOString() });
      insertNotification(tx, { depotId: depot.id, role: 'leader', kind: 'training_required', entity: 'user', entityId: id, message: `新用户 ${input.displayName} 需先培训后上岗（或由负责人免训）`, createdAt: now.toISOString() });
    }
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'create', entity: 'user', entityId: id, detail: { username: input.username, roles: input.roles, trainingRequired: trainingFirst } }, now);
    return id;
  });
  return presentUser(q.findUser(deps.db, id)!);
}

/**
 * Changes a user. Yourself: name, language and password (which clears a one-time password).
 * An admin, for a user below or a non-admin of its own depot: also roles, depot and password.
 * A password set by an admin is a one-time password: the user changes it at the next login, and
 * the user's leader is told. A move to another depot takes every role away but those granted
 * with it (S0:448: the job changes, the access does not follow). Each of these ends the user's
 * sessions at once.
 */
export async function updateUser(deps: Deps, actor: Actor, userId: number, input: z.infer<typeof UserUpdateSchema>) {
  const self = userId === actor.userId;
  const user = self ? q.findUser(deps.db, userId)! : loadManagedUser(deps, actor, userId);
  if (self && (input.roles || input.depotId !== undefined)) throw new DomainError('forbidden', 'Your own roles and depot are changed by an admin above you');
  const moved = input.depotId !== undefined && input.depotId !== user.depotId;
  const depot = moved ? loadDepotInScope(deps, actor, input.depotId!) : { id: user.depotId };
  const roles = input.roles ?? (moved ? [] : undefined);
  if (roles) assertMayGrant(actor, depot, roles.filter((r) => moved || !user.roles.includes(r)));
  // Whoever knows a leader's password acts as the leader: resetting it is for an admin above, like granting it.
  if (input.password && !self) assertMayGrant(actor, { id: user.depotId }, user.roles);
  if (input.password) assertPasswordAcceptable(input.password, user.username);
  if (self) await assertOwnPasswordChange(deps, user.username, input);
  else if (input.currentPassword !== undefined) throw new DomainError('validation_failed', 'currentPassword is for your own password only', undefined, [{ path: 'currentPassword', message: 'only for your own password' }]);
  const passwordHash = input.password ? await hashPassword(input.password, deps.config) : undefined;
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    const set = {
      ...(input.displayName !== undefined && { displayName: input.displayName }),
      ...(input.locale !== undefined && { locale: input.locale }),
      ...(passwordHash !== undefined && { passwordHash, mustChangePassword: !self }),
      ...(moved && { depotId: depot.id }),
    };
    if (Object.keys(set).length > 0) q.updateUser(tx, userId, set);
    if (roles) q.replaceRoles(tx, userId, roles, actor.userId, now.toISOString());
    // A changed post, depot or password ends the sessions it was granted under (S0:448).
    if (roles || passwordHash) q.deleteSessionsOf(tx, userId);
    if (passwordHash && !self) tellLeaderOfReset(tx, user, actor, now);
    audit(
      tx,
      {
        actorId: actor.userId,
        depotId: user.depotId,
        action: 'update',
        entity: 'user',
        entityId: userId,
        detail: { ...input, password: input.password ? (self ? '(changed)' : '(reset: one-time)') : undefined, previousRoles: roles ? user.roles : undefined, previousDepotId: moved ? user.depotId : undefined },
      },
      now,
    );
  });
  return presentUser(q.findUser(deps.db, userId)!);
}

/** A reset tells the user's leader, and when the user is a leader, the leader of the depot above. */
function tellLeaderOfReset(tx: DbOrTx, user: { id: number; username: string; depotId: number; roles: readonly Role[] }, actor: Actor, now: Date) {
  const depots = [user.depotId];
  const parentId = findDepot(tx, user.depotId)?.parentId ?? null;
  if (user.roles.includes('leader') && parentId !== null) depots.push(parentId);
  for (const depotId of depots) {
    insertNotification(tx, { depotId, role: 'leader', kind: 'password_reset', entity: 'user', entityId: user.id, message: `${actor.displayName} 重置了用户 ${user.username} 的密码`, createdAt: now.toISOString() });
  }
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

/**
 * The second person of a two-person control is independent of the first: not the same user,
 * and neither granted the other a role (an admin and the account it made are one will).
 */
export function assertIndependent(tx: DbOrTx, firstUserId: number, secondUserId: number) {
  if (firstUserId !== secondUserId && q.grantedOneAnother(tx, firstUserId, secondUserId)) {
    throw new DomainError('not_independent', 'The second person must not be one whose account the first person granted, or who granted the first person’s', { userIds: [firstUserId, secondUserId] });
  }
}
