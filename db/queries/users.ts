import { and, eq, or, count, asc, desc, inArray, sql } from 'drizzle-orm';
import { containsText } from './search.ts';
import type { DbOrTx } from '../client.ts';
import { depots, roleGrants, sessions, users, loginAttempts, auditLog } from '../schema/index.ts';
import { subtreeRange } from './depots.ts';
import { prepared, preparedQuery } from './statements.ts';
import type { Role } from '../../server/schemas/constants.ts';

const userColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  depotId: users.depotId,
  depotName: depots.name,
  depotPath: depots.path,
  active: users.active,
  locale: users.locale,
  createdAt: users.createdAt,
  mustChangePassword: users.mustChangePassword,
};

export type UserRow = Awaited<ReturnType<typeof findUser>> & {};

function withRoles<T extends { id: number }>(db: DbOrTx, rows: T[]): (T & { roles: Role[] })[] {
  if (rows.length === 0) return [];
  if (rows.length === 1) {
    const roles = preparedQuery(db, 'users.rolesOf', () => db.select({ role: roleGrants.role }).from(roleGrants).where(eq(roleGrants.userId, sql.placeholder('userId'))).prepare())
      .all({ userId: rows[0]!.id })
      .map((g) => g.role);
    return [{ ...rows[0]!, roles }];
  }
  const grants = db
    .select({ userId: roleGrants.userId, role: roleGrants.role })
    .from(roleGrants)
    .where(inArray(roleGrants.userId, rows.map((r) => r.id)))
    .all();
  return rows.map((r) => ({ ...r, roles: grants.filter((g) => g.userId === r.id).map((g) => g.role) }));
}

export function findUser(db: DbOrTx, id: number) {
  const row = preparedQuery(db, 'users.findUser', () => db.select(userColumns).from(users).innerJoin(depots, eq(depots.id, users.depotId)).where(eq(users.id, sql.placeholder('id'))).prepare()).get({ id });
  return row ? withRoles(db, [row])[0] : undefined;
}

export function findUserForLogin(db: DbOrTx, username: string) {
  return db.select({ id: users.id, passwordHash: users.passwordHash, active: users.active }).from(users).where(eq(users.username, username)).get();
}

export function usernameExists(db: DbOrTx, username: string) {
  return db.select({ id: users.id }).from(users).where(eq(users.username, username)).get() !== undefined;
}

export function searchUsers(db: DbOrTx, filter: { underPath: string; q?: string }, page: { limit: number; offset: number }) {
  const where = and(
    subtreeRange(depots.path, filter.underPath),
    filter.q ? or(containsText(users.username, filter.q), containsText(users.displayName, filter.q)) : undefined,
  );
  const rows = db
    .select(userColumns)
    .from(users)
    .innerJoin(depots, eq(depots.id, users.depotId))
    .where(where)
    .orderBy(asc(depots.path), asc(users.username))
    .limit(page.limit)
    .offset(page.offset)
    .all();
  const total = db.select({ n: count() }).from(users).innerJoin(depots, eq(depots.id, users.depotId)).where(where).get()!.n;
  return { items: withRoles(db, rows), total };
}

export function insertUser(db: DbOrTx, row: typeof users.$inferInsert) {
  return db.insert(users).values(row).returning({ id: users.id }).get();
}

export function updateUser(db: DbOrTx, id: number, set: Partial<typeof users.$inferInsert>) {
  db.update(users).set(set).where(eq(users.id, id)).run();
}

export function replaceRoles(db: DbOrTx, userId: number, roles: readonly Role[], grantedBy: number | null, at: string) {
  db.delete(roleGrants).where(eq(roleGrants.userId, userId)).run();
  for (const role of new Set(roles)) db.insert(roleGrants).values({ userId, role, grantedBy, grantedAt: at }).run();
}

export function insertSession(db: DbOrTx, row: typeof sessions.$inferInsert) {
  db.insert(sessions).values(row).run();
}

export function findSession(db: DbOrTx, tokenHash: string): typeof sessions.$inferSelect | undefined {
  return prepared(
    db,
    `select token_hash as tokenHash, user_id as userId, csrf_token as csrfToken, created_at as createdAt, expires_at as expiresAt, last_seen_at as lastSeenAt
     from sessions where token_hash = ?`,
  ).get(tokenHash) as typeof sessions.$inferSelect | undefined;
}

/** The acting user behind a session, with depot path and roles, in one prepared query. */
export function findActor(db: DbOrTx, userId: number) {
  const row = prepared(
    db,
    `select u.id, u.username, u.display_name as displayName, u.depot_id as depotId, d.path as depotPath, u.active, u.must_change_password as mustChangePassword,
            (select group_concat(role) from role_grants g where g.user_id = u.id) as roles
     from users u join depots d on d.id = u.depot_id where u.id = ?`,
  ).get(userId) as { id: number; username: string; displayName: string; depotId: number; depotPath: string; active: number; mustChangePassword: number; roles: string | null } | undefined;
  return row && { ...row, active: row.active === 1, mustChangePassword: row.mustChangePassword === 1, roles: (row.roles ? row.roles.split(',') : []) as Role[] };
}

export function touchSession(db: DbOrTx, tokenHash: string, at: string) {
  db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.tokenHash, tokenHash)).run();
}

export function deleteSession(db: DbOrTx, tokenHash: string) {
  db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
}

export function deleteSessionsOf(db: DbOrTx, userId: number) {
  return db.delete(sessions).where(eq(sessions.userId, userId)).run().changes;
}

export function findAttempts(db: DbOrTx, subject: string) {
  return preparedQuery(db, 'users.findAttempts', () => db.select().from(loginAttempts).where(eq(loginAttempts.subject, sql.placeholder('subject'))).prepare()).get({ subject });
}

export function saveAttempts(db: DbOrTx, row: typeof loginAttempts.$inferInsert) {
  const { subject, ...state } = row;
  db.insert(loginAttempts).values(row).onConflictDoUpdate({ target: loginAttempts.subject, set: state }).run();
}

export function clearAttempts(db: DbOrTx, subject: string) {
  db.delete(loginAttempts).where(eq(loginAttempts.subject, subject)).run();
}

/** Forgets the subjects with no lock left and no failure since `before`. */
export function purgeAttempts(db: DbOrTx, before: string, now: string) {
  return prepared(db, 'delete from login_attempts where last_failure_at < ? and (locked_until is null or locked_until <= ?)').run(before, now).changes;
}

export function insertAudit(db: DbOrTx, row: typeof auditLog.$inferInsert) {
  prepared(db, 'insert into audit_log (at, actor_id, depot_id, action, entity, entity_id, detail) values (?, ?, ?, ?, ?, ?, ?)').run(
    row.at,
    row.actorId ?? null,
    row.depotId ?? null,
    row.action,
    row.entity,
    row.entityId ?? null,
    row.detail === undefined || row.detail === null ? null : JSON.stringify(row.detail),
  );
}

export function listAudit(db: DbOrTx, underPath: string, page: { limit: number; offset: number }) {
  const where = subtreeRange(depots.path, underPath);
  const items = db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorId: auditLog.actorId,
      actorName: users.displayName,
      depotId: auditLog.depotId,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      detail: auditLog.detail,
    })
    .from(auditLog)
    .innerJoin(depots, eq(depots.id, auditLog.depotId))
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(page.limit)
    .offset(page.offset)
    .all();
  const total = db.select({ n: count() }).from(auditLog).innerJoin(depots, eq(depots.id, auditLog.depotId)).where(where).get()!.n;
  return { items, total };
}

export function findUserByUsername(db: DbOrTx, username: string) {
  const row = preparedQuery(db, 'users.idByUsername', () => db.select({ id: users.id }).from(users).where(eq(users.username, sql.placeholder('username'))).prepare()).get({ username });
  return row ? findUser(db, row.id) : undefined;
}

/**
 * Whether one of two users granted a role to the other: an admin and the account they made or
 * changed are not two independent people for a control that needs two.
 */
export function grantedOneAnother(db: DbOrTx, a: number, b: number): boolean {
  return prepared(db, 'select 1 from role_grants where (user_id = ? and granted_by = ?) or (user_id = ? and granted_by = ?) limit 1').get(a, b, b, a) !== undefined;
}
